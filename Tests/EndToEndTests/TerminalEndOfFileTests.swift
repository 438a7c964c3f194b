import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The end of the terminal's input ends care as a hang-up does, when no hang-up signal reaches
/// it (a wrapper swallowed it): a session once read end-of-file about 10 million times in 7
/// minutes at full speed instead of exiting.
///
/// care runs on a pseudo-terminal of the test's own with SIGHUP blocked (a blocked signal is
/// never delivered, and the mask is inherited), and the test closes its end.
@Suite(.serialized)
struct TerminalEndOfFileTests {
    /// A pseudo-terminal pair: the test holds the controller, the program gets the other end.
    struct PseudoTerminal {
        let controller: Int32
        let path: String

        /// Linux's `TIOCGPTN` and `TIOCSPTLCK` (what `ptsname` and `unlockpt` do; Swift's Glibc
        /// module leaves those two functions out).
        private static let getNumber: UInt = 0x8004_5430
        private static let setLock: UInt = 0x4004_5431

        init() throws {
            controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var number: UInt32 = 0
            var unlocked: Int32 = 0
            guard controller >= 0, ioctl(controller, Self.setLock, &unlocked) == 0, ioctl(controller, Self.getNumber, &number) == 0 else {
                throw Shell.Failure(description: "no pseudo-terminal (errno \(errno))")
            }
            path = "/dev/pts/\(number)"
            var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
            let other = open(path, O_RDWR | O_NOCTTY)
            if other >= 0 {
                _ = ioctl(other, UInt(TIOCSWINSZ), &size)
                close(other)
            }
        }

        /// Reads what the program drew until `text` shows or `timeout` passes.
        func read(until text: String, timeout: TimeInterval) -> String {
            var seen: [UInt8] = []
            let deadline = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains(text) {
                var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 200) > 0 else { continue }
                let count = Glibc.read(controller, &buffer, buffer.count)
                if count <= 0 { break }
                seen += buffer[0..<count]
            }
            return String(decoding: seen, as: UTF8.self)
        }
    }

    /// glibc's `POSIX_SPAWN_SETSID` (not in Swift's Glibc module).
    static let spawnSetSession: Int32 = 0x80

    /// Starts `arguments` on the pseudo-terminal with SIGHUP blocked, in a session of its own.
    static func spawnWithHangUpBlocked(_ arguments: [String], on terminal: PseudoTerminal, environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, terminal.path, O_RDWR, 0)
        }
        posix_spawn_file_actions_addclose(&actions, terminal.controller)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGHUP)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // A session of its own whose controlling terminal is the pseudo-terminal (opened after
        // setsid, without O_NOCTTY), so care is in its foreground process group as from a shell.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | Self.spawnSetSession))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, env)
        guard spawned == 0 else { throw Shell.Failure(description: "could not start \(arguments[0]) (error \(spawned))") }
        return pid
    }

    /// Waits for `pid` to exit, up to `timeout`; its wait status, or nil (it is then killed).
    static func exitStatus(of pid: pid_t, timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return status }
            // Poll interval of a deadline-bounded wait.
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
    }

    func endOfFile(at screenText: String, arguments: (DemoFixture) -> [String]) throws {
        let demo = try DemoFixture()
        defer { try? FileManager.default.removeItem(atPath: demo.scratch) }
        let terminal = try PseudoTerminal()
        var environment = demo.environment
        environment["TERM"] = "xterm-256color"
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let pid = try Self.spawnWithHangUpBlocked(arguments(demo), on: terminal, environment: environment)
        let drawn = terminal.read(until: screenText, timeout: 60)
        #expect(drawn.contains(screenText), "care drew its screen")
        close(terminal.controller)
        let status = Self.exitStatus(of: pid, timeout: 10)
        #expect(status != nil, "care was still running 10 s after its terminal went away")
        if let status {
            #expect(status & 0x7f == 0, "care ended by signal \(status & 0x7f), not by itself")
        }
    }

    @Test func atSignIn() throws {
        try endOfFile(at: "sign in") { demo in [Fixture.careBinary, "--store", demo.store, "--user", "demo-cp"] }
    }

    @Test func onTheDashboard() throws {
        try endOfFile(at: "1 Caseload") { demo in
            ["/bin/sh", "-c", "exec \(Fixture.careBinary) --store \(demo.store) --user demo-cp --passphrase-fd 3 3<\(demo.passphraseFile)"]
        }
    }
}
