import CareStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary in tmux, as a worker on a shared host reaches it: a locked session costs
/// nothing while it waits, the terminal's late answer to the background query is never typing,
/// and a terminal of 8 colours still shows MISSING in red.
@Suite(.serialized)
struct RemoteTerminalInTmuxTests {
    /// CPU time the process has used (user + system), in clock ticks.
    static func cpuTicks(_ pid: pid_t) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { throw Shell.Failure(description: "unreadable /proc/\(pid)/stat") }
        // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based).
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw Shell.Failure(description: "no times in /proc/\(pid)/stat")
        }
        return user + system
    }

    /// What tmux sends for `text`, as hexadecimal bytes for `send-keys -H`.
    static func hex(_ text: String) -> [String] {
        text.utf8.map { String(format: "%02x", $0) }
    }

    @Test func aLockedSessionUsesUnderTwoPercentOfACore() throws {
        let demo = try DemoFixture()
        defer { try? FileManager.default.removeItem(atPath: demo.scratch) }
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("C-x")
        try tmux.waitFor(timeout: 10) { $0.contains("locked") }
        let care = try tmux.careProcess()
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let before = try Self.cpuTicks(care)
        let start = Date()
        // The measurement's own window: five seconds of a locked session left alone.
        usleep(5_000_000)
        let seconds = Date().timeIntervalSince(start)
        let used = Double(try Self.cpuTicks(care) - before) / ticksPerSecond
        #expect(used / seconds < 0.02, "a locked session used \(Int(used / seconds * 100))% of a core over \(String(format: "%.1f", seconds)) s")
        #expect(try tmux.capture().contains("locked"))
    }

    @Test func aLateBackgroundAnswerIsNeverTypedAtSignInOrOnTheDashboard() throws {
        let demo = try DemoFixture()
        defer { try? FileManager.default.removeItem(atPath: demo.scratch) }
        let tmux = try TmuxSession(command: "\(Fixture.careBinary) --store \(demo.store) --user demo-cp", environment: demo.environment)
        try tmux.waitFor(timeout: 30) { $0.contains("sign in") && $0.contains("Passphrase:") }
        // Half the passphrase, then the answers a slow terminal sends late, then the rest.
        try tmux.type("de")
        try tmux.waitFor(timeout: 10) { $0.contains("Passphrase: ••▏") }
        try tmux.send(["-H"] + Self.hex("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;22c\u{1B}[24;80R"))
        try tmux.type("mo")
        let typed = try tmux.waitFor(timeout: 10) { $0.contains("Passphrase: ••••▏") }
        #expect(!typed.contains("rgb"))
        try tmux.send("Enter")
        let opened = try tmux.waitFor(timeout: 30) { $0.contains("1 Caseload") || $0.contains("Try again") }
        #expect(opened.contains("1 Caseload"), "the first right passphrase signs in: \(opened)")

        // On the dashboard, an answer whose r is New referral, b the debrief, g the first row.
        try tmux.send(["-H"] + Self.hex("\u{1B}]11;rgb:0000/0000/0000\u{07}"))
        // A key after the answer: when its effect is on screen the answer has been read.
        try tmux.send("?")
        let help = try tmux.waitFor(timeout: 10) { $0.contains("Help — keys") }
        #expect(help.contains("Caseload") && !help.contains("Choosing a service"), "the help of the dashboard itself, not of a screen the answer opened: \(help)")
        try tmux.send("Escape")
        try tmux.waitFor(timeout: 10) { !$0.contains("Help — keys") && $0.contains("1 Caseload") }
        try tmux.send("q")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED") }

        let audit = try CareRun.care("audit", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                     inputs: [3: "demo\n"], environment: demo.environment)
        #expect(audit.succeeded, "\(audit)")
        #expect(!audit.stdout.contains("loginFailed"), "no failed sign-in was audited")
        #expect(audit.stdout.contains("login"))
        #expect(try String(contentsOfFile: demo.scratch + "/state/care/terminal-backgrounds", encoding: .utf8) == "tmux-256color dark\n",
                "the last answer is remembered for the terminal type")
    }

    @Test func withEightColoursMissingIsStillRedAndTheSelectionShows() throws {
        let demo = try DemoFixture()
        defer { try? FileManager.default.removeItem(atPath: demo.scratch) }
        var environment = demo.environment
        environment["TERM"] = "xterm"
        // The test runner may set NO_COLOR for its own output; empty is "not set" (no-color.org).
        environment["NO_COLOR"] = ""
        let tmux = try TmuxSession(command: demo.openCommand(), environment: environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        let screen = try tmux.capture(escapes: true)
        #expect(!screen.contains("38;5;") && !screen.contains("48;5;"), "only the eight colours are used")
        // (In the selected row the selection bar's colours win.)
        let missing = try #require(screen.split(separator: "\n").first { $0.contains("MISSING") && !$0.contains("▶") })
        // MISSING is red: as red on the background, or (red text reads at 3.6:1 on black) as a red block.
        #expect(missing.contains("41m") || missing.contains(";41") || missing.contains("31m") || missing.contains(";31"), "\(missing.debugDescription)")
        let selected = try #require(screen.split(separator: "\n").first { $0.contains("▶") })
        #expect(selected.contains("44") || selected.contains("46") || selected.contains("7m"), "the selection has a bar: \(selected)")
        try tmux.send("q")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
    }

    /// Esc and `y` in one read (Alt-y to the terminal) are Esc and then `y`: the form closes
    /// keeping its draft, and the `y` is typing that ran on, not a command.
    @Test func escThenYSentTogetherClosesTheFormKeepingTheDraftAndRunsNothing() throws {
        let demo = try DemoFixture()
        defer { try? FileManager.default.removeItem(atPath: demo.scratch) }
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("n")
        try tmux.waitFor(timeout: 10) { $0.contains("Ctrl-S") }
        try tmux.send("Tab", "Tab", "Tab")
        try tmux.type("half a synthetic note")
        try tmux.waitFor(timeout: 10) { $0.contains("half a synthetic note") }
        // One send: the two bytes arrive in one read, which the terminal reports as Alt-y.
        try tmux.send("Escape", "y")
        let after = try tmux.waitFor(timeout: 10) { !$0.contains("Ctrl-S") }
        #expect(after.contains("Typing ignored after the form closed."), "\(after)")
        #expect(!after.contains("Discard"), "Esc asks nothing")
        try tmux.send("C-c")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-cp", passphrase: "demo")
        #expect(try store.drafts().map(\.fields["summary"]) == ["half a synthetic note"], "the note is kept as a draft")
    }
}
