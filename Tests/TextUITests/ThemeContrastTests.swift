import Foundation
import Testing
@testable import TextUI

/// Every bundled theme reads on the background it will be drawn on, at every colour depth a
/// terminal may have — 256 colours, and the 8- and 16-colour forms `Theme.degraded(to:)` makes
/// (TERM=linux and TERM=xterm have 8): each role's colours reach WCAG contrast (4.5:1 for text,
/// 3:1 for borders and disabled hints, 7:1 everywhere in high-contrast), the selection stands out
/// from the terminal's background, and no theme draws in a fixed white or black on the
/// terminal's own background, where a terminal of the other kind would make it vanish.
///
/// The ANSI colours are measured as xterm shows them by default. The contrast is worked out
/// here, apart from the program's own `Contrast`, so a mistake there cannot hide one here.
@Suite struct ThemeContrastTests {
    typealias RGB = (UInt8, UInt8, UInt8)

    /// The terminal background each theme is made for, at 256 colours (used for roles that keep
    /// the terminal's). With 8 or 16 colours the terminal's own is taken as black or white.
    static let assumedBackground: [String: RGB?] = [
        "default": (0x1C, 0x1C, 0x1C), "colorblind": (0x1C, 0x1C, 0x1C), "light": (0xFF, 0xFF, 0xFF),
        "high-contrast": nil, "monochrome": nil,
    ]

    /// Roles that are not text to read: lines, and hints shown greyed because they are off.
    static let nonText: Set<ThemeRole> = [.border, .borderFocus, .keyhintDisabled]

    static let depths: [ColorCapability] = [.ansi8, .ansi16, .indexed256]

    static var everyThemeAtEveryDepth: [(String, ColorCapability)] {
        ThemeTestSupport.bundledNames.flatMap { name in depths.map { (name, $0) } }
    }

    static func load(_ name: String) throws -> Theme {
        try ThemeLoader.parse(ThemeTestSupport.bundledText(name), file: "themes/\(name).toml")
    }

    /// The terminal's own colours a theme at `depth` is drawn on, when the theme says.
    static func terminalColours(_ name: String, theme: Theme, depth: ColorCapability) -> (foreground: RGB?, background: RGB?) {
        if depth == .indexed256 { return (nil, assumedBackground[name] ?? nil) }
        switch theme.background {
        case .light?: return ((0, 0, 0), (255, 255, 255))
        case .dark?: return ((229, 229, 229), (0, 0, 0))
        case nil: return (nil, nil)
        }
    }

    @Test(arguments: everyThemeAtEveryDepth)
    func everyRoleReadsOnItsBackground(name: String, depth: ColorCapability) throws {
        let theme = try Self.load(name)
        let shown = theme.degraded(to: depth)
        let terminal = Self.terminalColours(name, theme: theme, depth: depth)
        for role in ThemeRole.allCases {
            let style = shown[role]
            let bg = Self.rgb(style.background) ?? terminal.background
            // The terminal's own foreground on its own background reads by definition.
            guard let fg = Self.rgb(style.foreground) ?? (style.background == .default ? nil : terminal.foreground) else { continue }
            guard let bg else {
                Issue.record("\(name) at \(depth) \(role.rawValue): a colour on the terminal's background, which this theme does not assume")
                continue
            }
            let needed = name == "high-contrast" ? 7.0 : Self.nonText.contains(role) ? 3.0 : 4.5
            let ratio = Self.contrast(fg, bg)
            #expect(ratio >= needed, "\(name) at \(depth) \(role.rawValue): \(String(format: "%.2f", ratio)):1, needs \(needed):1")
            // xterm, the Linux console and PuTTY draw bold text in ANSI 0–7 in the bright colour 8 above.
            if depth != .indexed256, style.attributes.contains(.bold), case .ansi(let index) = style.foreground, index < 8 {
                let bright = Self.contrast(Color.rgbOfIndex(index + 8), bg)
                #expect(bright >= needed, "\(name) at \(depth) \(role.rawValue) in bold: \(String(format: "%.2f", bright)):1, needs \(needed):1")
            }
        }
    }

    @Test(arguments: everyThemeAtEveryDepth)
    func theSelectionStandsOut(name: String, depth: ColorCapability) throws {
        let theme = try Self.load(name)
        let selected = theme.degraded(to: depth)[.selected]
        if selected.attributes.contains(.reverse) { return }
        let terminal = try #require(Self.terminalColours(name, theme: theme, depth: depth).background ?? Self.rgb(theme[.normal].background),
                                    "\(name): no background to stand out from")
        let bar = try #require(Self.rgb(selected.background), "\(name) at \(depth): the selection has no colour of its own and is not reversed")
        #expect(Self.contrast(bar, terminal) >= 1.4, "\(name) at \(depth): the selection bar is \(String(format: "%.2f", Self.contrast(bar, terminal))):1 against the background")
    }

    @Test(arguments: everyThemeAtEveryDepth)
    func onlyColoursTheTerminalHas(name: String, depth: ColorCapability) throws {
        let shown = try Self.load(name).degraded(to: depth)
        for role in ThemeRole.allCases {
            for color in [shown[role].foreground, shown[role].background] {
                switch (color, depth) {
                case (.default, _): break
                case (.ansi(let i), .ansi8): #expect(i < 8, "\(name) \(role.rawValue): colour \(i) on an 8-colour terminal")
                case (.ansi(let i), .ansi16): #expect(i < 16, "\(name) \(role.rawValue)")
                case (.ansi, .indexed256), (.indexed, .indexed256): break
                default: Issue.record("\(name) at \(depth) \(role.rawValue): \(color)")
                }
            }
        }
    }

    /// With 8 colours red text reads at 3.6:1 on black: the dark theme keeps MISSING and critical
    /// alerts red as a block with light text on it, rather than turning them another colour.
    @Test func redStaysRedInEightColours() throws {
        let shown = try Self.load("default").degraded(to: .ansi8)
        for role in [ThemeRole.statusMissing, .alertCritical, .error] {
            #expect(shown[role].foreground == .ansi(1) || shown[role].background == .ansi(1), "\(role.rawValue): \(shown[role])")
            #expect(shown[role].attributes == Theme.default[role].attributes)
        }
        #expect(try Self.load("default").degraded(to: .ansi16)[.statusMissing].foreground == .ansi(9), "bright red reads on black")
    }

    @Test(arguments: ThemeTestSupport.bundledNames)
    func nothingIsFixedWhiteOrBlackOnTheTerminalsBackground(name: String) throws {
        let theme = try Self.load(name)
        for role in ThemeRole.allCases where theme[role].background == .default {
            guard let fg = Self.rgb(theme[role].foreground) else { continue }
            let luminance = Self.luminance(fg)
            #expect(luminance > 0.02 && luminance < 0.85, "\(name) \(role.rawValue) is near \(luminance > 0.5 ? "white" : "black") on the terminal's background")
        }
    }

    static func rgb(_ color: Color) -> RGB? {
        switch color {
        case .default: nil
        case .ansi(let i), .indexed(let i): Color.rgbOfIndex(i)
        case .rgb(let r, let g, let b): (r, g, b)
        }
    }

    static func luminance(_ c: RGB) -> Double {
        func channel(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
