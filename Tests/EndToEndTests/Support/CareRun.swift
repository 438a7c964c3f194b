import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One finished run of a command: how it ended and everything it wrote. Unlike `Shell.run`,
/// a failing exit is a result to look at, not an error, so tests can check refusals' wording.
struct CareRun: CustomStringConvertible {
    let exitCode: Int32
    /// The signal that ended the process, if one did (a crash).
    let signal: Int32?
    let stdout: String
    let stderr: String

    var succeeded: Bool { signal == nil && exitCode == 0 }
    /// Both streams, for wording that may be on either.
    var output: String { stdout + stderr }
    var description: String { "exit \(exitCode)\(signal.map { " (signal \($0))" } ?? "")\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// Runs `args` with `inputs` open for reading on the given descriptors (0 is stdin; 3 and up
    /// serve `--passphrase-fd 3`), and the test's environment with `environment` laid over it.
    /// Spawned with `posix_spawnp` and output sent to files, like `Shell.run`.
    static func run(_ args: [String], inputs: [Int32: String] = [:], environment: [String: String] = [:]) throws -> CareRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("care-run-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("out").path
        let errPath = dir.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var withStdin = inputs
        if withStdin[0] == nil { withStdin[0] = "" }
        for (fd, text) in withStdin.sorted(by: { $0.key < $1.key }) {
            let path = dir.appendingPathComponent("in\(fd)").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            posix_spawn_file_actions_addopen(&actions, fd, path, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var merged = ProcessInfo.processInfo.environment
        // A run that names no state folder gets one of its own, removed with the run: the
        // machine's anchors (the last audit head seen per store) of one test, or of the person
        // running the tests, must not reach another's copy of the same demo store.
        merged["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        for (key, value) in environment { merged[key] = value }
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        var pid: pid_t = 0
        let attributes = SpawnAttributes()
        let spawned = posix_spawnp(&pid, args[0], &actions, &attributes.value, argv, envp)
        guard spawned == 0 else { throw Shell.Failure(description: "could not start \(args[0]) (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let terminatedBySignal = status & 0x7f
        return CareRun(
            exitCode: (status >> 8) & 0xff, signal: terminatedBySignal == 0 ? nil : terminatedBySignal,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Runs the `care` binary.
    static func care(_ args: String..., inputs: [Int32: String] = [:], environment: [String: String] = [:]) throws -> CareRun {
        try run([Fixture.careBinary] + args, inputs: inputs, environment: environment)
    }
}

/// A demo store made once by `care demo --no-open` (the real KDF cost makes that take seconds)
/// and copied into each test's own folder, so tests can tamper with their copy freely.
enum DemoTemplate {
    private static let made: Result<String, any Error> = Result(catching: {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/template.care"
        let run = try CareRun.care("demo", "--no-open", "--store", store, environment: Fixture.environment(scratch: scratch))
        guard run.succeeded else { throw Shell.Failure(description: "care demo failed: \(run)") }
        return store
    })

    /// A fresh copy of the demo store (with any `-wal`/`-shm`) in a new scratch folder.
    static func copy() throws -> (scratch: String, store: String) {
        let template = try made.get()
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/demo.care"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: store + suffix)
        }
        return (scratch, store)
    }
}

/// The bytes of a store file and its SQLite companions, absent ones included as nil, to tell
/// whether anything at all was written.
struct StoreBytes: Equatable {
    let files: [String: Data?]

    init(of store: String) {
        var files: [String: Data?] = [:]
        for suffix in ["", "-wal", "-shm"] {
            files[suffix] = FileManager.default.contents(atPath: store + suffix)
        }
        self.files = files
    }
}
