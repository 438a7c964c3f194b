import Foundation
import Testing

/// The real binary as a screen reader sees it: the terminal's cursor (as tmux records it, hidden
/// or not) is on the focused item after every key, and plain mode draws no box drawing, block,
/// shape or braille character on any screen.
@Suite(.serialized)
struct AccessibilityInTmuxTests {
    /// The line the cursor is on, read once the screen holds `expected` there (the frame after a
    /// key may take a moment to arrive).
    @discardableResult
    func cursorLine(_ session: TmuxSession, contains expected: [String], timeout: TimeInterval = 5) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var line = ""
        repeat {
            let y = try Shell.run("tmux", "-L", session.socket, "display-message", "-p", "-t", session.name, "#{cursor_y}")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let lines = try session.capture().split(separator: "\n", omittingEmptySubsequences: false)
            if let row = Int(y), lines.indices.contains(row) { line = String(lines[row]) }
            if expected.contains(where: line.contains) { return line }
            // Poll interval of a deadline-bounded wait, not a stand-in for synchronisation.
            usleep(50_000)
        } while Date() < deadline
        Issue.record("the cursor's line does not hold any of \(expected): \"\(line)\"")
        return line
    }

    @Test func theCursorIsOnTheFocusedItemAfterEveryKey() throws {
        let demo = try DemoFixture()
        let session = try TmuxSession(command: demo.openCommand(user: "demo-supervisor"), environment: demo.environment)
        try session.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        // The caseload: the selected row, as the list moves.
        for _ in 0..<3 {
            try session.send("j")
            try cursorLine(session, contains: ["▶"])
        }
        // The referral queue and the alerts: their selected rows.
        try session.send("3")
        try cursorLine(session, contains: ["SENT", "AWAITING", "DRAFT", "READY", "ACCEPTED", "ACTIVE", "RETURNED", "WAITLISTED"])
        try session.send("4")
        try cursorLine(session, contains: ["CRITICAL", "WARNING"])
        // The reader: its top line.
        try session.send("Space")
        try cursorLine(session, contains: ["CRITICAL ·", "WARNING ·"])
        // Esc on its own: Esc and a key in one packet is read as Alt and the key.
        try session.send("Escape")
        try session.waitFor { $0.contains("4 Alerts") && !$0.contains("Alert —") }
        // A form: where the next character goes; a question: its focused button.
        try session.send("1", "n")
        try session.waitFor("Log contact")
        try session.send("Tab", "Tab", "Tab")
        try session.type("Synthetic words for the cursor")
        try cursorLine(session, contains: ["Synthetic words for the cursor"])
        try session.send("C-d")
        try cursorLine(session, contains: ["[ Keep editing ]"])
        try session.send("Left")
        try cursorLine(session, contains: ["[ Discard ]"])
        try session.send("Enter")
        try session.waitFor { !$0.contains("Log contact") }
        session.pauseBeforeTheNextCommand()
        // The handover's selected card, and help's first lines.
        try session.send("H")
        try cursorLine(session, contains: ["URGENT", "WATCH", "STABLE"])
        try session.close("Handover —")
        try session.send("?")
        try cursorLine(session, contains: ["Caseload"])
        try session.close("Help —")
        // The palette and the service picker: the selected row once the arrows move it.
        try session.send(":")
        try session.waitFor("Commands —")
        try session.send("Down")
        try cursorLine(session, contains: ["clear the filter"])
        try session.close("Commands —")
        try session.send("r")
        try session.waitFor("choose a service")
        try session.send("Down")
        try cursorLine(session, contains: ["(demo)", "(de…"])
        try session.close("choose a service")
        try session.send("q")
        try session.waitFor("CARE-EXITED 0")
    }

    static func glyphs(_ screen: String) -> String {
        String(screen.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x2500...0x259F, 0x25A0...0x25FF, 0x2800...0x28FF: true
            default: false
            }
        }.map(Character.init))
    }

    @Test(arguments: [(80, 24), (120, 32)])
    func plainModeDrawsNoGlyphOnAnyScreen(_ size: (Int, Int)) throws {
        let demo = try DemoFixture()
        let session = try TmuxSession(command: demo.openCommand(user: "demo-supervisor") + " --plain", width: size.0, height: size.1,
                                      environment: demo.environment)
        var screens: [String: String] = [:]
        screens["caseload"] = try session.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        #expect(screens["caseload"]?.contains("1 of 39. ") == true)
        #expect(screens["caseload"]?.contains(" risk") == true, "rows say their risk in words")
        for (name, keys, shows) in [("record", ["Enter"], "Missing, last 90 days"), ("queue", ["3"], "3 Referral queue"),
                                    ("alerts", ["4"], "4 Alerts"), ("handover", ["H"], "Handover —"), ("help", ["?"], "Help —"),
                                    ("form", ["1", "n"], "Log contact")] {
            // Esc on its own first: Esc and a key in one packet is read as Alt and the key.
            if name == "help" || name == "form" {
                try session.send("Escape")
                try session.waitFor { !$0.contains(name == "help" ? "Handover —" : "Help —") }
            }
            try session.send(keys)
            screens[name] = try session.waitFor(shows)
        }
        for (name, screen) in screens {
            #expect(Self.glyphs(screen).isEmpty, "\(name) at \(size.0)x\(size.1): \(Self.glyphs(screen))\n\(screen)")
        }
        try session.close("Log contact")
        try session.send("q")
        try session.waitFor("CARE-EXITED 0")
    }
}

