import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server of its own (its own socket) running one command in a pane of a fixed size,
/// for driving the real `care` binary the way a person would: type keys, read the screen.
final class TmuxSession {
    let socket: String
    let name = "care"

    init(command: String, width: Int = 120, height: Int = 32, environment: [String: String] = [:]) throws {
        socket = "care-e2e-\(UUID().uuidString.prefix(8))"
        var env = environment.map { "\($0.key)=\(Shell.quote($0.value))" }.joined(separator: " ")
        if !env.isEmpty { env = "env " + env + " " }
        // remain-on-exit keeps the pane so the screen after exit can be read.
        try Shell.run("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name,
                      "-x", String(width), "-y", String(height), "sh", "-c", "\(env)\(command); s=$?; echo; echo CARE-EXITED $s; exec sh")
    }

    deinit {
        _ = try? Shell.run("tmux", "-L", socket, "kill-server")
    }

    func send(_ keys: String...) throws {
        try send(keys)
    }

    /// Sends keys as a list (`["-H", "1b", "5d"]` sends those bytes).
    func send(_ keys: [String]) throws {
        try Shell.run(["tmux", "-L", socket, "send-keys", "-t", name] + keys)
    }

    /// The pause a person makes before a letter command just after a form, question or box
    /// closed: for 0.4 s after (`AppSettings.settleTime`) letters are taken as typing that ran on
    /// and run nothing. This is the input's pace, as a person's, not a wait for the program.
    func pauseBeforeTheNextCommand() {
        Thread.sleep(forTimeInterval: 0.5)
    }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws {
        try Shell.run("tmux", "-L", socket, "send-keys", "-t", name, "-l", text)
    }

    /// Pastes `text` as a terminal does, marked as a paste when the program asked for that
    /// (bracketed paste), through a tmux buffer.
    func paste(_ text: String) throws {
        try Shell.run(["tmux", "-L", socket, "load-buffer", "-"], stdin: text)
        try Shell.run("tmux", "-L", socket, "paste-buffer", "-p", "-t", name)
    }

    /// Pastes raw bytes (which need not be UTF-8), through a file tmux loads into its buffer.
    func paste(bytes: [UInt8]) throws {
        let file = try Fixture.scratchDirectory() + "/paste"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try Shell.run("tmux", "-L", socket, "load-buffer", file)
        try Shell.run("tmux", "-L", socket, "paste-buffer", "-p", "-t", name)
    }

    func capture(escapes: Bool = false) throws -> String {
        var args = ["tmux", "-L", socket, "capture-pane", "-p", "-t", name]
        if escapes { args.append("-e") }
        return try Shell.run(args)
    }

    /// The pid of the process tmux started in the pane (the `sh -c` around the command).
    func panePID() throws -> pid_t {
        let text = try Shell.run("tmux", "-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}")
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Shell.Failure(description: "tmux gave no pane pid: \(text)")
        }
        return pid
    }

    /// The pid of the `care` process running in the pane (a child of the pane's shell), found
    /// in /proc by parent and name.
    func careProcess() throws -> pid_t {
        let parent = try panePID()
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { continue }
            let name = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            if name == "care", fields.count > 1, pid_t(fields[1]) == parent { return pid }
        }
        throw Shell.Failure(description: "no care process under pane pid \(parent)")
    }

    /// The pane's title (what an OSC 0/2 sequence would set).
    func title() throws -> String {
        try Shell.run("tmux", "-L", socket, "display-message", "-p", "-t", name, "#{pane_title}")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs tmux commands on this session's server (`;` between commands).
    func command(_ arguments: [String]) throws {
        try Shell.run(["tmux", "-L", socket] + arguments)
    }

    /// What the program in the pane left switched on: tmux's own record of the terminal modes.
    struct PaneModes {
        var alternateScreen: Bool
        var cursorShown: Bool
        var keypad: Bool
    }

    func paneModes() throws -> PaneModes {
        let text = try Shell.run("tmux", "-L", socket, "display-message", "-p", "-t", name, "#{alternate_on} #{cursor_flag} #{keypad_flag}")
        let flags = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1" }
        guard flags.count == 3 else { throw Shell.Failure(description: "tmux gave no pane modes: \(text)") }
        return PaneModes(alternateScreen: flags[0], cursorShown: flags[1], keypad: flags[2])
    }

    func resize(width: Int, height: Int) throws {
        try Shell.run("tmux", "-L", socket, "resize-window", "-t", name, "-x", String(width), "-y", String(height))
    }

    /// Polls the screen until `predicate` holds on a whole frame or the deadline passes; returns
    /// that screen. A frame is one `write()`, but tmux may show it half parsed on a busy machine
    /// (the top rows new, the notice line not yet drawn), so a match counts once two captures in a
    /// row are the same; a screen that keeps changing while the predicate holds (a ticking wall)
    /// is returned at the deadline.
    @discardableResult
    func waitFor(timeout: TimeInterval = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        var previous: String?
        while !(predicate(screen) && screen == previous) {
            guard Date() < deadline else {
                if predicate(screen) { return screen }
                throw Timeout(screen: screen)
            }
            previous = predicate(screen) ? screen : nil
            // Poll interval of a deadline-bounded wait, not a stand-in for synchronisation.
            usleep(previous == nil ? 50_000 : 20_000)
            screen = try capture()
        }
        return screen
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    struct Timeout: Error, CustomStringConvertible {
        let screen: String
        var description: String { "timed out; the screen was:\n\(screen)" }
    }
}

/// Runs a command and returns its standard output; throws with its standard error on failure.
///
/// Uses `posix_spawnp` and `waitpid` with output sent to temporary files rather than Foundation's
/// `Process` and pipes: `tmux new-session -d` leaves a server behind that inherits whatever the
/// client had open, and Foundation's process monitor then never sees the client exit.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ args: String...) throws -> String { try run(args) }

    @discardableResult
    static func run(_ args: [String], stdin: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("care-shell-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inPath = dir.appendingPathComponent("in").path
        let outPath = dir.appendingPathComponent("out").path
        let errPath = dir.appendingPathComponent("err").path
        try (stdin ?? "").write(toFile: inPath, atomically: true, encoding: .utf8)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let attributes = SpawnAttributes()
        let spawned = posix_spawnp(&pid, args[0], &actions, &attributes.value, argv, environ)
        guard spawned == 0 else { throw Failure(description: "could not start \(args[0]) (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exitCode = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitCode == 0 else {
            let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw Failure(description: "\(args.joined(separator: " ")) exited \(exitCode): \(error)")
        }
        return output
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// Paths of the built binary and a scratch folder per test.
enum Fixture {
    /// The `care` binary next to the test bundle (`swift build` puts both in the same folder).
    static var careBinary: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        // On Linux the runner is `.build/<triple>/debug/carePackageTests.xctest`.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        let candidate = dir.appendingPathComponent("care").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/care").path
    }

    /// The `care-workload` test tool, built beside `care`.
    static var workloadBinary: String {
        URL(fileURLWithPath: careBinary).deletingLastPathComponent().appendingPathComponent("care-workload").path
    }

    /// A new empty folder for one test's files, inside this run's folder (`runFolder`).
    static func scratchDirectory() throws -> String {
        let dir = try runFolder.get() + "/" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// One folder in `$TMPDIR` holds every scratch folder of this test process, the demo template
    /// among them (shared by the whole run, so no test can remove it), and goes when the process
    /// exits. Each test's own folders were once left behind: about 350 folders and 130 MB in /tmp
    /// per run. `.ci/run` fails when a run leaves any `care-*` folder in its TMPDIR.
    private static let runFolder: Result<String, any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("care-e2e-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { Fixture.removeRunFolder() }
        return dir
    }

    private static func removeRunFolder() {
        guard case .success(let dir) = runFolder else { return }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Environment for a test run: its own XDG folders so nothing touches the person's files.
    static func environment(scratch: String) -> [String: String] {
        ["XDG_DATA_HOME": scratch + "/data", "XDG_CONFIG_HOME": scratch + "/config", "XDG_STATE_HOME": scratch + "/state",
         "TERM": "tmux-256color", "LANG": "C.UTF-8"]
    }
}
