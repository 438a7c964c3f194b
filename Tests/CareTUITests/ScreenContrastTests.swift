import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Every character drawn reads on what it is drawn on, in every bundled theme at 8, 16 and 256
/// colours — including where a screen lays one role's colour on another's ground (the selection
/// bar over a red MISSING block, the alert count on the top bar): at least 3:1, with xterm's
/// palette, the terminal's own colours taken as the theme's background says, and a bold colour
/// 0–7 also in the bright colour many terminals show it in. (`ThemeContrastTests` checks each
/// role on its own ground.)
@MainActor
@Suite struct ScreenContrastTests {
    typealias RGB = (UInt8, UInt8, UInt8)

    nonisolated static let themes = ["default", "light", "high-contrast", "colorblind", "monochrome"]
    nonisolated static let depths: [ColorCapability] = [.ansi8, .ansi16, .indexed256]
    nonisolated static var cases: [(String, ColorCapability)] { themes.flatMap { name in depths.map { (name, $0) } } }

    /// The characters of `buffer` that read under 3:1, described.
    static func unreadable(_ buffer: Buffer, theme: Theme, depth: ColorCapability) -> [String] {
        let light = theme.background == .light
        let terminalForeground: RGB = light ? (0, 0, 0) : (229, 229, 229)
        let terminalBackground: RGB = light ? (255, 255, 255) : depth == .indexed256 ? (0x1C, 0x1C, 0x1C) : (0, 0, 0)
        var found: [String] = []
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                guard !cell.isContinuation, !cell.symbol.allSatisfy(\.isWhitespace) else { continue }
                var fg = Contrast.rgb(cell.style.foreground) ?? terminalForeground
                var bg = Contrast.rgb(cell.style.background) ?? terminalBackground
                if cell.style.attributes.contains(.reverse) { swap(&fg, &bg) }
                var ratios = [Contrast.ratio(fg, bg)]
                if depth != .indexed256, cell.style.attributes.contains(.bold), !cell.style.attributes.contains(.reverse),
                   case .ansi(let index) = cell.style.foreground, index < 8 {
                    ratios.append(Contrast.ratio(Contrast.rgb(.ansi(index + 8))!, bg))
                }
                if let worst = ratios.min(), worst < 3 {
                    found.append("(\(x),\(y)) \"\(cell.symbol)\" \(cell.style) \(String(format: "%.2f", worst)):1 in \"\(buffer.line(y).trimmingCharacters(in: .whitespaces).prefix(60))\"")
                }
            }
        }
        return found
    }

    @Test(arguments: cases)
    func everyCharacterOnTheMainScreensReads(name: String, depth: ColorCapability) throws {
        let theme = try ThemeLoader.load(nameOrPath: name, searchPaths: ThemeLoader.bundledThemesDirectory()).degraded(to: depth)
        let h = try Harness(theme: theme)
        h.rest()
        var screens: [(String, Buffer?)] = [("the dashboard, a missing child selected", h.app.lastFrame)]
        h.press(.char("4"))
        h.rest()
        screens.append(("the alerts selected", h.app.lastFrame))
        h.press(.char("1"), .enter)
        h.rest()
        screens.append(("a record", h.app.lastFrame))
        h.press(.char("n"))
        screens.append(("a form", h.app.lastFrame))
        h.press(.ctrl("x"))
        screens.append(("the lock", h.app.lastFrame))
        for (what, frame) in screens {
            let frame = try #require(frame)
            let bad = Self.unreadable(frame, theme: theme, depth: depth)
            #expect(bad.isEmpty, "\(name) at \(depth), \(what): \(bad.count) characters under 3:1, first \(bad.prefix(3))")
        }
    }
}
