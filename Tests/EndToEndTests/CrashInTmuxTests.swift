import CareDomain
import CareStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A crash leaves no window onto memory: the terminal is restored, one line is written, and the
/// process is gone at once — Swift's interactive backtracer never starts.
@Suite(.serialized)
struct CrashInTmuxTests {
    /// The dashboard with the first child's full record on screen; returns the session, the care
    /// process and a line of the record that must not survive.
    func recordOnScreen() throws -> (TmuxSession, pid_t, String) {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("Enter")
        let screen = try tmux.waitFor("── Recent contacts")
        let recordLine = try #require(screen.split(separator: "\n").first { $0.contains("Team:") })
        let team = String(recordLine.split(separator: "Team:").last ?? "").trimmingCharacters(in: .whitespaces.union(["┃", "│"]))
        return (tmux, try tmux.careProcess(), String(team.prefix(20)))
    }

    @Test(arguments: [SIGSEGV, SIGABRT, SIGBUS, SIGTRAP, SIGSYS, SIGXCPU])
    func aCrashSignalWhileARecordIsShownRestoresTheTerminalWithoutAPrompt(_ signal: Int32) throws {
        let (tmux, pid, recordText) = try recordOnScreen()
        #expect(!recordText.isEmpty)
        let environment = try String(contentsOfFile: "/proc/\(pid)/environ", encoding: .utf8).split(separator: "\0")
        #expect(environment.contains("SWIFT_BACKTRACE=enable=no"), "care runs with Swift's backtracer off")

        kill(pid, signal)
        // Within 2 s the process is gone and the shell has said so.
        let screen = try tmux.waitFor(timeout: 2) { $0.contains("CARE-EXITED") }
        #expect(screen.contains("care stopped: internal error (signal \(signal)); the terminal was restored."), "\(screen)")
        #expect(screen.contains("CARE-EXITED \(128 + signal)"), "\(screen)")
        for leftover in ["Press space", "interact", "Backtrace", "Thread 0", "💣", recordText, "Recent contacts", "1 Caseload"] {
            #expect(!screen.contains(leftover), "\(leftover) on screen after the crash:\n\(screen)")
        }
    }

    @Test(arguments: [SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE])
    func aStopSignalQuitsAndRestoresTheTerminal(_ signal: Int32) throws {
        let (tmux, pid, recordText) = try recordOnScreen()
        kill(pid, signal)
        let screen = try tmux.waitFor(timeout: 5) { $0.contains("CARE-EXITED") }
        #expect(screen.contains("CARE-EXITED 0"), "\(screen)")
        #expect(!screen.contains(recordText) && !screen.contains("1 Caseload"), "\(screen)")
    }

    @Test func aNoteAcknowledgedBeforeKillNineIsKeptAndTheStoreChecksHealthy() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("Enter")
        try tmux.waitFor("── Recent contacts")
        try tmux.send("n", "Tab", "Tab", "Tab")
        try tmux.type("Synthetic note before the kill")
        try tmux.send("C-s")
        try tmux.waitFor { $0.contains("Saved: contact logged") && $0.contains("· Synthetic no") }
        kill(try tmux.careProcess(), SIGKILL)
        try tmux.waitFor(timeout: 5) { $0.contains("CARE-EXITED") }

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        #expect(try store.verify().isHealthy)
        let child = try #require(try store.loadCaseload().children.sorted { $0.caseNumber.description < $1.caseNumber.description }.first)
        let notes = try store.loadDetail(of: child.id, contactLimit: 50).contacts.contacts.map(\.summary)
        #expect(notes.contains("Synthetic note before the kill"))
    }
}
