import Foundation
import Testing
@testable import TextUI

/// Every bundled theme reads on the background it will be drawn on: each role's colours reach
/// WCAG contrast (4.5:1 for text, 3:1 for borders and disabled hints, 7:1 everywhere in
/// high-contrast), and no theme draws in a fixed white or black on the terminal's own
/// background, where a terminal of the other kind would make it vanish.
@Suite struct ThemeContrastTests {
    /// The terminal background each theme is made for (used for roles that keep the terminal's).
    static let assumedBackground: [String: (UInt8, UInt8, UInt8)?] = [
        "default": (0x1C, 0x1C, 0x1C), "colorblind": (0x1C, 0x1C, 0x1C), "light": (0xFF, 0xFF, 0xFF),
        "high-contrast": nil, "monochrome": nil,
    ]

    /// Roles that are not text to read: lines, and hints shown greyed because they are off.
    static let nonText: Set<ThemeRole> = [.border, .borderFocus, .keyhintDisabled]

    @Test(arguments: ThemeTestSupport.bundledNames)
    func everyRoleReadsOnItsBackground(name: String) throws {
        let theme = try ThemeLoader.parse(ThemeTestSupport.bundledText(name), file: "themes/\(name).toml")
        let assumed = try #require(Self.assumedBackground[name], "no assumed background for \(name)")
        for role in ThemeRole.allCases {
            let style = theme[role]
            guard let fg = Self.rgb(style.foreground) else { continue }  // the terminal's own foreground
            let bg = Self.rgb(style.background) ?? assumed
            guard let bg else {
                Issue.record("\(name) \(role.rawValue): a colour on the terminal's background, which this theme does not assume")
                continue
            }
            let needed = name == "high-contrast" ? 7.0 : Self.nonText.contains(role) ? 3.0 : 4.5
            let ratio = Self.contrast(fg, bg)
            #expect(ratio >= needed, "\(name) \(role.rawValue): \(String(format: "%.2f", ratio)):1, needs \(needed):1")
        }
    }

    @Test(arguments: ThemeTestSupport.bundledNames)
    func nothingIsFixedWhiteOrBlackOnTheTerminalsBackground(name: String) throws {
        let theme = try ThemeLoader.parse(ThemeTestSupport.bundledText(name), file: "themes/\(name).toml")
        for role in ThemeRole.allCases where theme[role].background == .default {
            guard let fg = Self.rgb(theme[role].foreground) else { continue }
            let luminance = Self.luminance(fg)
            #expect(luminance > 0.02 && luminance < 0.85, "\(name) \(role.rawValue) is near \(luminance > 0.5 ? "white" : "black") on the terminal's background")
        }
    }

    static func rgb(_ color: Color) -> (UInt8, UInt8, UInt8)? {
        switch color {
        case .default: nil
        case .ansi(let i), .indexed(let i): Color.rgbOfIndex(i)
        case .rgb(let r, let g, let b): (r, g, b)
        }
    }

    static func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
        func channel(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    static func contrast(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
