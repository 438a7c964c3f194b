import Foundation
import Testing
import TextUI

/// Which theme a session starts with.
@Suite struct ThemeSelectionTests {
    @Test func noColorSetSelectsMonochrome() {
        let result = ThemeLoader.select(
            requested: "default", environment: ["NO_COLOR": "1"], colorCapability: .trueColor,
            searchPaths: [ThemeTestSupport.bundledThemes])
        #expect(result.theme == Theme.monochrome)
        #expect(result.warning == nil)
    }

    @Test func emptyNoColorDoesNotSelectMonochrome() {
        let result = ThemeLoader.select(
            requested: nil, environment: ["NO_COLOR": ""], colorCapability: .trueColor,
            searchPaths: [ThemeTestSupport.bundledThemes])
        #expect(result.theme == Theme.default)
        #expect(result.warning == nil)
    }

    @Test func terminalWithoutColourSelectsMonochrome() {
        let result = ThemeLoader.select(
            requested: "light", environment: [:], colorCapability: .none, searchPaths: [ThemeTestSupport.bundledThemes])
        #expect(result.theme.name == "monochrome")
        #expect(result.theme[.selected].attributes.contains(.reverse))
    }

    @Test func requestedThemeIsLoadedByNameAndDegraded() throws {
        let result = ThemeLoader.select(
            requested: "light", environment: [:], colorCapability: .indexed256,
            searchPaths: [ThemeTestSupport.bundledThemes])
        let light = try ThemeLoader.load(nameOrPath: "light", searchPaths: [ThemeTestSupport.bundledThemes])
        #expect(result.warning == nil)
        #expect(result.theme == light.degraded(to: .indexed256))
        #expect(result.theme != light)
    }

    @Test func brokenFileFallsBackToDefaultWithWarning() throws {
        let directory = try ThemeTestSupport.scratchDirectory(with: [
            "bad.toml": "[roles]\n\"mask\" = { fg = \"white\" }\n\"risk.hgh\" = { fg = \"red\" }\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = ThemeLoader.select(
            requested: "bad", environment: [:], colorCapability: .trueColor, searchPaths: [directory])
        #expect(result.theme == Theme.default)
        let warning = try #require(result.warning)
        #expect(warning.contains("bad.toml line 3"))
        #expect(warning.contains("risk.hgh"))
    }

    @Test func missingThemeFallsBackToDefaultWithWarning() throws {
        let result = ThemeLoader.select(
            requested: "no-such-theme", environment: [:], colorCapability: .trueColor, searchPaths: [])
        #expect(result.theme == Theme.default)
        #expect(try #require(result.warning).contains("no-such-theme"))
    }

    @Test func earlierSearchPathWins() throws {
        let user = try ThemeTestSupport.scratchDirectory(with: [
            "light.toml": "name = \"my-light\"\n[roles]\n\"mask\" = { fg = \"red\" }\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: user) }
        let theme = try ThemeLoader.load(nameOrPath: "light", searchPaths: [user, ThemeTestSupport.bundledThemes])
        #expect(theme.name == "my-light")
        #expect(theme[.mask].foreground == .ansi(1))
    }

    @Test func bundledDirectoryIsFoundWalkingUp() {
        let start = ThemeTestSupport.bundledThemes + "/../Sources/TextUI/Style"
        let found = ThemeLoader.bundledThemesDirectory(
            environment: ["CARE_THEMES_DIR": "/opt/care/themes"], executablePath: nil, currentDirectory: start)
        #expect(found.first == "/opt/care/themes")
        #expect(found.count == 2)
        #expect(found.last?.hasSuffix("/themes") == true)
    }
}
