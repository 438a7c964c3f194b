import Foundation
import Testing

/// Odd terminals, with the real binary in tmux: sizes from 1×1 to 300×100, a burst of 200
/// resizes, the TERM values people bring (a console, screen, tmux, a bare vt100) and the C
/// locale. Each time: no crash, an answer within 2 s, readable words, and on exit the terminal
/// as it was (main screen, cursor shown, keypad off).
@Suite(.serialized)
struct TerminalsInTmuxTests {
    /// A frame for `width`×`height` drawn within 2 s, seen by what it must show: the panes, the
    /// too-small words with this size in them, or (too small even for those) a live process.
    func expectDrawn(_ tmux: TmuxSession, width: Int, height: Int) throws {
        if width >= 60 && height >= 16 {
            try tmux.waitFor(timeout: 2) { $0.contains("1 Caseload") }
        } else if width >= 20 && height >= 3 {
            try tmux.waitFor(timeout: 2) { $0.contains("\(width)×\(height)") }
        }
        #expect(try tmux.careProcess() > 0, "care is running at \(width)×\(height)")
    }

    /// After `q`: exit 0, and the pane back on its main screen with the cursor shown.
    func expectRestoredAfterQuit(_ tmux: TmuxSession, _ what: String) throws {
        try tmux.send("q")
        let after = try tmux.waitFor(timeout: 5) { $0.contains("CARE-EXITED") }
        #expect(after.contains("CARE-EXITED 0"), "\(what): \(after)")
        let modes = try tmux.paneModes()
        #expect(modes.alternateScreen == false, "\(what): still on the alternate screen")
        #expect(modes.cursorShown == true, "\(what): the cursor was left hidden")
        #expect(modes.keypad == false, "\(what): the keypad was left in application mode")
    }

    @Test func everySizeFromOneByOneToThreeHundredByAHundredIsDrawnWithinTwoSeconds() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        let sizes = [(1, 1), (2, 1), (1, 2), (3, 3), (10, 2), (20, 3), (59, 16), (60, 15), (60, 16), (80, 24),
                     (300, 100), (300, 1), (1, 100), (99, 40), (100, 40), (300, 100), (120, 32)]
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            try expectDrawn(tmux, width: width, height: height)
        }
        // Keys still work at the end: j moves the selection and the record follows.
        let before = try tmux.capture()
        try tmux.send("j")
        try tmux.waitFor(timeout: 2) { $0 != before }
        try expectRestoredAfterQuit(tmux, "after the sizes")
    }

    @Test func twoHundredResizesInABurstLeaveAWorkingDashboard() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        var random = SystemRandomNumberGenerator()
        // One tmux command line for all 200, so they arrive as fast as tmux can apply them.
        var commands: [String] = []
        for _ in 0..<200 {
            let width = Int.random(in: 1...300, using: &random)
            let height = Int.random(in: 1...100, using: &random)
            commands += ["resize-window", "-t", tmux.name, "-x", String(width), "-y", String(height), ";"]
        }
        try tmux.command(commands + ["resize-window", "-t", tmux.name, "-x", "100", "-y", "30"])
        try expectDrawn(tmux, width: 100, height: 30)
        let screen = try tmux.capture()
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 100 })
        try tmux.send("j")
        try tmux.waitFor(timeout: 2) { $0 != screen }
        try expectRestoredAfterQuit(tmux, "after 200 resizes")
    }

    struct TerminalKind: Sendable, CustomTestStringConvertible {
        let term: String
        let lang: String
        var testDescription: String { "TERM=\(term) LANG=\(lang)" }

        static let all = [
            TerminalKind(term: "vt100", lang: "C.UTF-8"),
            TerminalKind(term: "linux", lang: "C.UTF-8"),
            TerminalKind(term: "xterm-256color", lang: "C.UTF-8"),
            TerminalKind(term: "screen-256color", lang: "C.UTF-8"),
            TerminalKind(term: "tmux-256color", lang: "C.UTF-8"),
            TerminalKind(term: "tmux-256color", lang: "C"),
            TerminalKind(term: "vt100", lang: "C"),
        ]
    }

    /// Each TERM, and the C locale (care falls back to UTF-8 for its own output, so names with
    /// accents and syllabics still read as themselves): the dashboard in words, a record opened
    /// and closed, and the terminal restored.
    @Test(arguments: TerminalKind.all)
    func theDashboardReadsAndRestoresTheTerminal(_ kind: TerminalKind) throws {
        let demo = try DemoFixture()
        var environment = demo.environment
        environment["TERM"] = kind.term
        environment["LANG"] = kind.lang
        environment["LC_ALL"] = kind.lang
        let tmux = try TmuxSession(command: demo.openCommand(), width: 100, height: 30, environment: environment)
        let screen = try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        #expect(screen.contains("CARE · KEN unit"), "\(kind.testDescription): \(screen)")
        #expect(!screen.contains("\u{FFFD}"), "\(kind.testDescription): replacement characters on screen")
        // Enter opens the record (its pane takes the heavy border), 1 goes back to the list.
        #expect(screen.contains("┏ 1 Caseload"))
        try tmux.send("Enter")
        try tmux.waitFor(timeout: 2) { $0.contains("┏ 2 Child") }
        try tmux.send("1")
        try tmux.waitFor(timeout: 2) { $0.contains("┏ 1 Caseload") }
        try expectRestoredAfterQuit(tmux, kind.testDescription)
    }
}
