import Testing
import TextUI

/// A broken theme file is reported with its file, line and role.
@Suite struct ThemeFileErrorTests {
    private func error(parsing text: String, file: String = "themes/bad.toml") -> ThemeError? {
        do {
            _ = try ThemeLoader.parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownRoleNamesLineAndRole() throws {
        let text = """
            name = "bad"

            [palette]
            red = 196

            [roles]
            "risk.low" = { fg = "green" }
            "risk.hgh" = { fg = "red" }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.file == "themes/bad.toml")
        #expect(error.line == 8)
        #expect(error.role == "risk.hgh")
        #expect(error.message.hasPrefix("unknown role"))
        #expect(error.message.contains("risk.high"))
        #expect(error.description.hasPrefix("themes/bad.toml line 8, role risk.hgh: unknown role (known roles: ui.border,"))
    }

    @Test func unknownDottedRoleIsFoundToo() throws {
        let text = """
            [roles]
            risk.low = { fg = "green" }

            ui.bordr = { fg = "red" }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 4)
        #expect(error.role == "ui.bordr")
    }

    @Test(arguments: ["\"#12345\"", "\"purple\"", "300", "\"#gg0000\""])
    func badColourNamesLineAndRole(colour: String) throws {
        let text = """
            [palette]
            bg = "#1c1c1c"
            [roles]
            "ui.border" = { fg = "white" }
            "row.selected" = { fg = \(colour), bg = "bg" }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 5)
        #expect(error.role == "row.selected")
        #expect(error.message.contains("fg"))
    }

    @Test func unknownPaletteNameIsABadColour() throws {
        let text = """
            [palette]
            bg = "#1c1c1c"
            [roles]
            "alert.warning" = { fg = "yelow" }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 4)
        #expect(error.role == "alert.warning")
        #expect(error.message.contains("\"yelow\""))
    }

    @Test func badPaletteEntryNamesItsLine() throws {
        let text = """
            [palette]
            bg = "#1c1c1c"
            fg = "#zzzzzz"
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 3)
        #expect(error.role == nil)
        #expect(error.message.contains("\"fg\""))
    }

    @Test func badAttributeNamesLineAndRole() throws {
        let text = """
            [roles]
            "text.muted" = { attrs = ["dim"] }
            "text.emphasis" = { attrs = ["bold", "blink"] }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 3)
        #expect(error.role == "text.emphasis")
        #expect(error.message.contains("blink"))
    }

    @Test func unknownFieldInARoleIsAnError() throws {
        let text = """
            [roles]
            "mask" = { fg = "white", colour = 3 }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 2)
        #expect(error.role == "mask")
        #expect(error.message.contains("colour"))
    }

    @Test func invalidTomlGivesTheParserLine() throws {
        let text = """
            [roles]
            "mask" = { fg = "white" }
            "ui.tab" = { fg =
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 3)
        #expect(error.role == nil)
        #expect(error.message.hasPrefix("not valid TOML"))
    }

    @Test func unknownSectionIsAnError() throws {
        let text = """
            [role]
            "mask" = { fg = "white" }
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 1)
        #expect(error.message.contains("role"))
    }

    @Test func aBackgroundThatIsNeitherDarkNorLightNamesItsLine() throws {
        let text = """
            name = "mine"
            background = "grey"
            """
        let error = try #require(self.error(parsing: text))
        #expect(error.line == 2)
        #expect(error.message.contains("\"dark\" or \"light\""))
        #expect(try ThemeLoader.parse("background = \"light\"", file: "mine.toml").background == .light)
        #expect(try ThemeLoader.parse("name = \"x\"", file: "x.toml").background == nil)
    }
}
