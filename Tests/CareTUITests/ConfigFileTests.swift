import CareTUI
import Testing
import TextUI

/// `config.toml`: what applies, and what is reported in words at start.
@Suite struct ConfigFileTests {
    @Test func themeIdleMinutesAndKeyOverridesApply() {
        let config = ConfigFile.parse("""
            theme = "light"
            idle_lock_minutes = 5
            [keys]
            new-note = ["ctrl-n"]
            """, file: "config.toml")
        #expect(config.theme == "light")
        #expect(config.idleLockMinutes == 5)
        #expect(config.problems.isEmpty)
        let (keymap, problems) = config.keymap()
        #expect(problems.isEmpty)
        #expect(keymap.map(.record).action(for: .ctrl("n")) == .newNote)
        #expect(keymap.map(.record).action(for: .char("n")) == nil, "the override replaces the default key")
    }

    @Test func aKeyBoundTwiceIsReportedAtStart() {
        let config = ConfigFile.parse("""
            [keys]
            new-note = ["q"]
            """, file: "config.toml")
        let (_, problems) = config.keymap()
        #expect(problems.contains { $0.contains("Key q is bound to") && $0.contains("new-note") && $0.contains("quit") })
    }

    @Test func unknownActionsKeysAndBadValuesAreNamedInWords() {
        let config = ConfigFile.parse("""
            idle_lock_minutes = 0
            [keys]
            fly-away = ["x"]
            new-note = ["hyper-meta-q"]
            """, file: "config.toml")
        #expect(config.problems.contains { $0.contains("idle_lock_minutes must be between 1 and 240") })
        #expect(config.problems.contains { $0.contains("fly-away is not a command") })
        #expect(config.problems.contains { $0.contains("hyper-meta-q") && $0.contains("is not a key name") })
        #expect(config.idleLockMinutes == nil)
    }

    @Test func keysAreRemappedPerContext() {
        let config = ConfigFile.parse("""
            [keys.alerts]
            acknowledge = ["A"]
            [keys.record]
            child-audit = ["L"]
            [keys.nowhere]
            up = ["k"]
            """, file: "config.toml")
        let (keymap, problems) = config.keymap()
        #expect(keymap.map(.alerts).action(for: .char("A")) == .acknowledgeAlert)
        #expect(keymap.map(.record).action(for: .char("L")) == .childAudit)
        #expect(keymap.map(.record).action(for: .char("a")) == nil)
        #expect(problems.contains { $0.contains("[keys.nowhere] is not a context") })
    }

    @Test func aConflictInsideOneContextIsReported() {
        let config = ConfigFile.parse("""
            [keys.alerts]
            snooze = ["a"]
            """, file: "config.toml")
        let (_, problems) = config.keymap()
        #expect(problems.contains { $0.contains("Key a is bound to acknowledge and snooze in [keys.alerts]") })
    }

    @Test func theDefaultsHaveNoConflicts() {
        #expect(DefaultKeymap.make().conflicts().isEmpty)
    }

    @Test func aFileThatIsNotTomlFallsBackToDefaults() {
        let config = ConfigFile.parse("theme = [unclosed", file: "config.toml")
        #expect(config.theme == nil)
        #expect(config.problems.count == 1)
        #expect(config.problems[0].contains("could not be read as TOML"))
    }
}
