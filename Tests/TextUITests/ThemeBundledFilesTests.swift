import Foundation
import Testing
@testable import TextUI

/// The theme files shipped in `themes/`.
@Suite struct ThemeBundledFilesTests {
    @Test(arguments: ThemeTestSupport.bundledNames)
    func parsesAndSetsEveryRole(name: String) throws {
        let text = try ThemeTestSupport.bundledText(name)
        let theme = try ThemeLoader.parse(text, file: "themes/\(name).toml")
        #expect(theme.name == name)
        #expect(try ThemeLoader.rolesNotSet(in: text, file: "themes/\(name).toml") == [])
    }

    @Test func defaultFileMatchesBuiltInDefault() throws {
        let theme = try ThemeLoader.parse(ThemeTestSupport.bundledText("default"), file: "default.toml")
        for role in ThemeRole.allCases {
            #expect(theme[role] == Theme.default[role], "\(role.rawValue)")
        }
    }

    @Test func monochromeFileMatchesBuiltInAndHasNoColour() throws {
        let theme = try ThemeLoader.parse(ThemeTestSupport.bundledText("monochrome"), file: "monochrome.toml")
        #expect(theme == Theme.monochrome)
        for role in ThemeRole.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default, "\(role.rawValue)")
        }
        #expect(theme[.selected].attributes.contains(.reverse))
        #expect(theme[.emphasis].attributes.contains(.bold))
        #expect(theme[.titleFocus].attributes.contains(.underline))
        #expect(theme[.muted].attributes.contains(.dim))
    }

    @Test func highContrastPairsReachSevenToOne() throws {
        let theme = try ThemeLoader.parse(ThemeTestSupport.bundledText("high-contrast"), file: "high-contrast.toml")
        for role in ThemeRole.allCases {
            let style = theme[role]
            let fg = try #require(Self.rgb(style.foreground), "\(role.rawValue) foreground")
            let bg = try #require(Self.rgb(style.background), "\(role.rawValue) background")
            #expect(Self.contrast(fg, bg) >= 7, "\(role.rawValue): \(Self.contrast(fg, bg))")
        }
    }

    @Test func colorblindUsesOkabeItoForRisk() throws {
        let theme = try ThemeLoader.parse(ThemeTestSupport.bundledText("colorblind"), file: "colorblind.toml")
        let okabeIto: Set<Color> = [
            .rgb(0xE6, 0x9F, 0x00), .rgb(0x56, 0xB4, 0xE9), .rgb(0x00, 0x9E, 0x73), .rgb(0xF0, 0xE4, 0x42),
            .rgb(0x00, 0x72, 0xB2), .rgb(0xD5, 0x5E, 0x00), .rgb(0xCC, 0x79, 0xA7),
        ]
        for role in [ThemeRole.riskLow, .riskMedium, .riskHigh] {
            #expect(okabeIto.contains(theme[role].foreground), "\(role.rawValue)")
        }
        #expect(okabeIto.contains(theme[.riskCritical].background))
    }

    private static func rgb(_ color: Color) -> (Double, Double, Double)? {
        guard case .rgb(let r, let g, let b) = color else { return nil }
        return (Double(r), Double(g), Double(b))
    }

    /// WCAG 2 contrast ratio.
    private static func contrast(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        func channel(_ v: Double) -> Double {
            let c = v / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        func luminance(_ c: (Double, Double, Double)) -> Double {
            0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
