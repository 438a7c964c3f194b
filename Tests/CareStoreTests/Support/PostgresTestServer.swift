import CareDomain
import CarePostgres
import Foundation
import Testing

/// A throwaway PostgreSQL server for the contract tests: a cluster made with `initdb` in its own
/// temporary folder, started with `pg_ctl` on a unix socket in that folder (no TCP port), shared
/// by every test of the process, and stopped and removed when the process exits.
///
/// PostgreSQL refuses to run as root; when the tests do (CI does), the server runs as the
/// `postgres` account the `postgresql` package makes. When the server cannot start the
/// PostgreSQL cases are skipped with the reason printed — unless `CARE_REQUIRE_POSTGRES=1`
/// (set by `.ci/run`), which makes that a failure.
final class PostgresTestServer: @unchecked Sendable {
    static let shared = PostgresTestServer()

    /// Why there is no server, in words; nil when it runs.
    let unavailable: String?
    let folder: String
    let port = 5432
    private let lock = NSLock()
    private var databases = 0

    static var required: Bool { ProcessInfo.processInfo.environment["CARE_REQUIRE_POSTGRES"] == "1" }

    private init() {
        folder = Self.makeFolder()
        do {
            try Self.start(in: folder)
            unavailable = nil
            atexit { PostgresTestServer.shared.stop() }
        } catch {
            unavailable = "\(error)"
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// A fresh database of its own for one unit, and its address (the password file is unused:
    /// the cluster trusts its own socket, which only this machine's accounts can reach).
    func newAddress(unit: String = "TST") throws -> PostgresAddress {
        if let unavailable { throw PostgresUnavailable(reason: unavailable) }
        let name = lock.withLock { () -> String in
            databases += 1
            return "care_test_\(getpid())_\(databases)"
        }
        try Self.run(["psql", "-q", "-h", folder, "-p", String(port), "-U", "care", "-d", "postgres", "-c", "CREATE DATABASE \(name)"])
        return try PostgresAddress(host: "localhost", port: port, database: name, user: "care", unit: unit, socketFolder: folder)
    }

    /// Drops a test's database, closing what is still connected to it.
    func drop(_ address: PostgresAddress) {
        _ = try? Self.run([
            "psql", "-q", "-h", folder, "-p", String(port), "-U", "care", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)",
        ])
    }

    private static let skipNote = NSLock()
    nonisolated(unsafe) private static var skipNoted = false

    /// Prints once why the PostgreSQL cases are left out.
    static func noteSkipped() {
        skipNote.withLock {
            guard !skipNoted, let reason = shared.unavailable else { return }
            skipNoted = true
            print("The PostgreSQL contract cases are skipped: \(reason)")
        }
    }

    /// Runs `psql` against `address`'s database as the test superuser: for tests that look at the
    /// server's tables as its operator would.
    func psql(_ address: PostgresAddress, _ sql: String) throws -> String {
        try Self.run(["psql", "-At", "-h", folder, "-p", String(port), "-U", "care", "-d", address.database, "-c", sql])
    }

    /// Skips (returns false, printing why) or, when PostgreSQL is required, fails the test.
    func isRunning(for test: String) -> Bool {
        guard let unavailable else { return true }
        if Self.required {
            Issue.record("PostgreSQL is required here (CARE_REQUIRE_POSTGRES=1) but did not start: \(unavailable)")
        } else {
            print("Skipping the PostgreSQL case of \(test): \(unavailable)")
        }
        return false
    }

    func stop() {
        _ = try? Self.run(["pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"], asServer: true)
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: Starting

    private static func makeFolder() -> String {
        var template = Array((FileManager.default.temporaryDirectory.path + "/care-pg-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { return FileManager.default.temporaryDirectory.path + "/care-pg-unmade" }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func start(in folder: String) throws {
        guard binary("initdb") != nil, binary("pg_ctl") != nil, binary("psql") != nil else {
            throw PostgresUnavailable(reason: "PostgreSQL's initdb, pg_ctl and psql are not installed (apt-get install postgresql)")
        }
        if getuid() == 0 {
            guard let account = getpwnam("postgres") else {
                throw PostgresUnavailable(reason: "the tests run as root and there is no `postgres` account to run the server as")
            }
            guard chown(folder, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw PostgresUnavailable(reason: "the server's folder cannot be given to the postgres account")
            }
            // The account must reach the folder through its parents (a 0700 parent stops it).
            do {
                try run(["test", "-w", folder], asServer: true)
            } catch {
                throw PostgresUnavailable(reason: "the postgres account cannot reach \(folder) (a parent folder is closed to it; .ci/run opens its own)")
            }
        }
        let data = folder + "/data"
        try run(["initdb", "-D", data, "-U", "care", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], asServer: true)
        // Only the unix socket in this folder: no TCP port to collide with another run.
        try run(["pg_ctl", "-D", data, "-l", folder + "/server.log", "-w", "-t", "60",
                 "-o", "-c listen_addresses='' -c unix_socket_directories='\(folder)' -c fsync=off -c max_connections=200",
                 "start"], asServer: true)
    }

    static func binary(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var folders = path.split(separator: ":").map(String.init)
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            folders += versions.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        }
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a PostgreSQL tool (as the `postgres` account when `asServer` and root); its output.
    ///
    /// Spawned directly (through bash, which can close descriptors past 9) and waited for with
    /// `waitpid`, its descriptors past stderr closed first:
    /// `pg_ctl start` leaves the server running, which would otherwise inherit whatever this
    /// process has open (Foundation's `Process` watches its children through such a descriptor
    /// and would wait for the server to exit).
    @discardableResult
    static func run(_ arguments: [String], asServer: Bool = false) throws -> String {
        var command = arguments
        if let tool = binary(command[0]) { command[0] = tool }
        if asServer, getuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("care-pgtool-\(UUID().uuidString).out").path
        defer { unlink(output) }
        let closeAndRun = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-" 2>/dev/null; fi; done; exec "$@""#
        let argv = ["/bin/bash", "-c", closeAndRun, "bash"] + command
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid = pid_t()
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw PostgresUnavailable(reason: "\(arguments[0]) could not be started (\(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            throw PostgresUnavailable(reason: "\(arguments[0]) failed (\(exited ? code : -1)): \(text.suffix(400))")
        }
        return text
    }
}

struct PostgresUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
