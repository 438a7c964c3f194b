import Testing
import TextUI

/// What a theme file may say: palette names, colour words, numbers, hex, attributes,
/// and roles left to the default.
@Suite struct ThemeFileFormatTests {
    @Test func paletteNamesColourWordsNumbersAndHexResolve() throws {
        let theme = try ThemeLoader.parse("""
            [palette]
            bg = "#1c1c1c"
            red = 196
            fg = "white"
            [roles]
            "risk.high" = { fg = "red", bg = "bg", attrs = ["bold", "underline"] }
            "risk.low" = { fg = "bright-green", bg = 22 }
            "text.normal" = { fg = "fg", bg = "default" }
            "mask" = { fg = 3 }
            """, file: "custom.toml")
        #expect(theme.name == "custom")
        #expect(theme[.riskHigh] == Style(foreground: .indexed(196), background: .rgb(0x1C, 0x1C, 0x1C), attributes: [.bold, .underline]))
        #expect(theme[.riskLow] == Style(foreground: .ansi(10), background: .indexed(22)))
        #expect(theme[.normal] == Style(foreground: .ansi(7), background: .default))
        #expect(theme[.mask] == Style(foreground: .ansi(3)))
    }

    @Test func rolesLeftOutComeFromTheDefault() throws {
        let theme = try ThemeLoader.parse("""
            [roles]
            "row.selected" = { attrs = ["reverse"] }
            """, file: "partial.toml")
        #expect(theme[.selected] == Style(attributes: .reverse))
        #expect(theme[.riskCritical] == Theme.default[.riskCritical])
        #expect(theme[.border] == Theme.default[.border])
    }

    @Test func dottedAndHeaderRoleKeysMeanTheSameAsQuotedOnes() throws {
        let theme = try ThemeLoader.parse("""
            name = "dotted"
            [roles]
            ui.border.fg = "red"
            ui.border.focus = { fg = "blue" }

            [roles."risk.medium"]
            fg = "yellow"
            attrs = ["bold"]
            """, file: "x.toml")
        #expect(theme.name == "dotted")
        #expect(theme[.border].foreground == .ansi(1))
        #expect(theme[.borderFocus].foreground == .ansi(4))
        #expect(theme[.riskMedium] == Style(foreground: .ansi(3), attributes: .bold))
    }
}
