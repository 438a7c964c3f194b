import Foundation
import Testing

/// `prctl(PR_SET_DUMPABLE, 0)` at start: no core dump and no ptrace by the same user, so another
/// process of the same account cannot read a running dashboard's memory (decrypted records) or
/// environment. The tests run as root, whose capabilities bypass the check, so both processes
/// here run as root without any capability (`setpriv`): a process started that way is readable
/// by another one, and `care` is not.
@Suite struct NoDumpInTmuxTests {
    static let withoutCapabilities = "setpriv --bounding-set=-all --inh-caps=-all"

    /// Whether a process without capabilities can read `pid`'s environment.
    static func readableWithoutCapabilities(_ pid: pid_t) -> Bool {
        (try? Shell.run(["setpriv", "--bounding-set=-all", "--inh-caps=-all", "cat", "/proc/\(pid)/environ"])) != nil
    }

    @Test func anotherProcessOfTheSameUserCannotReadTheDashboardsEnvironmentOrMemory() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv (util-linux) is needed")
        // The control: an ordinary process started the same way is readable.
        let control = try TmuxSession(command: "exec \(Self.withoutCapabilities) sleep 600")
        let sleeper = try control.panePID()
        // The pane's shell execs setpriv, which execs sleep: until then the pane's process is
        // the shell, still holding root's capabilities (on a busy machine this took a while).
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOfFile: "/proc/\(sleeper)/comm", encoding: .utf8))?.hasPrefix("sleep") != true, Date() < deadline {
            // Poll interval of a deadline-bounded wait, not a stand-in for synchronisation.
            usleep(20_000)
        }
        #expect(Self.readableWithoutCapabilities(sleeper), "a dumpable process without capabilities is readable by its peer")

        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: "\(Self.withoutCapabilities) \(demo.openCommand())", environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        let care = try tmux.careProcess()
        #expect(!Self.readableWithoutCapabilities(care), "care is not dumpable: its environment and memory are closed to its peers")
    }
}
