import CareDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `care-workload` test tool running as a child process, its lines read as they arrive, so a
/// test can kill it at a moment it chooses and still read every line it printed before dying.
/// Unchecked sendable: a test hands each process to one reading thread and looks at it again only
/// after that thread finished.
final class WorkloadProcess: @unchecked Sendable {
    let pid: pid_t
    private let output: Int32
    private var pending = Data()
    /// Every line read so far, parsed.
    private(set) var lines: [WorkloadReport] = []
    private var exited: Int32?

    /// Starts `care-workload` with `arguments`; the passphrase is its first line of input.
    init(_ arguments: [String], passphrase: String, limits: [(resource: Int32, bytes: UInt64)] = []) throws {
        let scratch = try Fixture.scratchDirectory()
        let input = scratch + "/passphrase"
        try (passphrase + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Shell.Failure(description: "no pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        let argv: [UnsafeMutablePointer<CChar>?] = ([Fixture.workloadBinary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let attributes = SpawnAttributes()
        let spawned = posix_spawn(&child, Fixture.workloadBinary, &actions, &attributes.value, argv, environ)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw Shell.Failure(description: "could not start care-workload (error \(spawned))")
        }
        pid = child
        output = pipeEnds[0]
    }

    deinit {
        if exited == nil { kill(pid, SIGKILL); _ = wait() }
        close(output)
    }

    /// Reads until one more line arrives; nil at the end of the output (the process is gone).
    func nextLine() -> WorkloadReport? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                let report = WorkloadReport(line)
                lines.append(report)
                return report
            }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = read(output, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            pending.append(contentsOf: buffer[0..<count])
        }
    }

    /// Kills the process with SIGKILL, then reads every line it wrote before it died.
    func killAndDrain() {
        kill(pid, SIGKILL)
        while nextLine() != nil {}
        _ = wait()
    }

    /// Reads to the end and waits for the process; returns its exit status.
    @discardableResult
    func finish() -> Int32 {
        while nextLine() != nil {}
        return wait()
    }

    private func wait() -> Int32 {
        if let exited { return exited }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exited = status
        return status
    }

    var acknowledgements: [WorkloadReport.Ack] { lines.compactMap(\.ack) }
    /// Lines that report a failure in words (store errors, refusals).
    var failures: [String] {
        lines.compactMap {
            switch $0 {
            case .error(let words), .refused(let words): words
            default: nil
            }
        }
    }
}

/// One line from `care-workload` (the format of its `WorkloadLine`).
enum WorkloadReport: Equatable {
    struct Ack: Equatable {
        var step: Int
        var kind: String
        var id: String
        var version: Int
        var json: String
    }

    case opened
    case begin(step: Int, what: String)
    case ack(Ack)
    case conflict(kind: String, id: String)
    case refused(String)
    case error(String)
    case finished
    case unknown(String)

    init(_ line: String) {
        let fields = line.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        switch fields.first {
        case "opened": self = .opened
        case "finished": self = .finished
        case "begin" where fields.count == 3: self = .begin(step: Int(fields[1]) ?? 0, what: fields[2])
        case "ack" where fields.count == 6:
            self = .ack(Ack(step: Int(fields[1]) ?? 0, kind: fields[2], id: fields[3], version: Int(fields[4]) ?? -1, json: fields[5]))
        case "conflict" where fields.count == 4: self = .conflict(kind: fields[2], id: fields[3])
        case "refused" where fields.count == 3: self = .refused(fields[2])
        case "error" where fields.count == 3: self = .error(fields[2])
        default: self = .unknown(line)
        }
    }

    var ack: Ack? {
        if case .ack(let ack) = self { return ack }
        return nil
    }

    var isBegin: Bool {
        if case .begin = self { return true }
        return false
    }
}
