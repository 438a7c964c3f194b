import CareDomain
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

    /// Issue 20: how long the wall shows each page of cards.
    @Test func theWallsPageSecondsApplyAndAValueOutOfRangeIsReported() {
        #expect(ConfigFile.parse("wall_page_seconds = 4", file: "config.toml").wallPageSeconds == 4)
        let bad = ConfigFile.parse("wall_page_seconds = 0", file: "config.toml")
        #expect(bad.wallPageSeconds == nil)
        #expect(bad.problems == ["config.toml: wall_page_seconds must be between 1 and 600; using 10."])
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

    /// The settle time after a form closes (issue 21): settable, 0 turns it off, and a value out
    /// of range is refused in words.
    @Test func theSettleTimeIsReadAndCheckedInWords() {
        #expect(ConfigFile.parse("settle_ms = 250", file: "config.toml").settleMilliseconds == 250)
        #expect(ConfigFile.parse("settle_ms = 0", file: "config.toml").settleMilliseconds == 0)
        let wrong = ConfigFile.parse("settle_ms = 9000", file: "config.toml")
        #expect(wrong.settleMilliseconds == nil)
        #expect(wrong.problems.contains { $0.contains("settle_ms must be between 0 and 2000") })
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

    @Test func everyAlertThresholdAndTheShiftStartsComeFromTheFile() {
        let config = ConfigFile.parse("""
            [shifts]
            starts = ["07:00", "15:00", "23:00"]
            [alerts]
            contact_days = { critical = 0.5, low = 21 }
            police_not_told_hours = 1
            repeated_missing_count = 4
            repeated_missing_days = 60
            debrief_hours = 48
            review_awaiting_days = 1
            referral_no_response_days = 5
            aging_out_days = 120
            court_days = 3
            handover_acknowledge_hours = 0.5
            """, file: "config.toml")
        #expect(config.problems.isEmpty, "\(config.problems)")
        #expect(config.shifts.starts == [7 * 60, 15 * 60, 23 * 60])
        let t = config.thresholds, hour = AlertThresholds.hour, day = AlertThresholds.day
        #expect(t.contactCadence == [.critical: 0.5 * day, .high: 2 * day, .medium: 7 * day, .low: 21 * day])
        #expect(t.policeNotToldAfter == hour && t.repeatedMissingCount == 4 && t.repeatedMissingWindow == 60 * day)
        #expect(t.debriefWithin == 48 * hour && t.reviewAwaitingFor == day && t.referralNoResponseAfter == 5 * day)
        #expect(t.agingOutWithinDays == 120 && t.courtWithin == 3 * day && t.handoverAcknowledgeWithin == 0.5 * hour)
    }

    @Test func badThresholdsAndShiftsAreReportedAndTheDefaultsKept() {
        let config = ConfigFile.parse("""
            [shifts]
            starts = ["07:00", "25:00"]
            [alerts]
            police_not_told_hours = -1
            contact_days = { urgent = 1, high = "two" }
            snooze_days = 3
            """, file: "config.toml")
        #expect(config.shifts == .standard)
        #expect(config.thresholds == .standard)
        #expect(config.problems.contains { $0.contains("[shifts] starts: \"25:00\" is not a time as HH:MM") })
        #expect(config.problems.contains { $0.contains("police_not_told_hours must be a number of hours from 0.25 to 72") })
        #expect(config.problems.contains { $0.contains("contact_days: urgent is not a risk level") })
        #expect(config.problems.contains { $0.contains("contact_days.high must be a number of days") })
        #expect(config.problems.contains { $0.contains("[alerts] snooze_days is not a threshold") })
    }

    @Test func theTerminalsTimingsApplyAndBadOnesAreSaid() {
        let config = ConfigFile.parse("""
            theme = "auto"
            silent_link_minutes = 3
            escape_delay_ms = 100
            """, file: "config.toml")
        #expect(config.theme == "auto")
        #expect(config.silentLinkMinutes == 3)
        #expect(config.escapeDelayMilliseconds == 100)
        #expect(config.problems.isEmpty)
        #expect(ConfigFile.parse("silent_link_minutes = 0", file: "c").silentLinkMinutes == 0, "0 turns the watch off")
        let bad = ConfigFile.parse("""
            silent_link_minutes = 999
            escape_delay_ms = -1
            """, file: "config.toml")
        #expect(bad.silentLinkMinutes == nil && bad.escapeDelayMilliseconds == nil)
        #expect(bad.problems.contains { $0.contains("silent_link_minutes must be between 0 (never) and 240") })
        #expect(bad.problems.contains { $0.contains("escape_delay_ms must be between 0 and 2000") })
    }
}
