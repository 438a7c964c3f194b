import CareDomain
import CarePostgres
import Foundation
import Testing
@testable import CareStore

/// The load test: eight processes (`care-workload contend`) editing the same three
/// children of one store at once, on a PostgreSQL server and in a SQLite file. Every save is
/// acknowledged at a version of its own or refused as a conflict (and tried again on the newer
/// version); no acknowledged save is overwritten unseen; the check finds the store whole. The
/// figures (saves/s, conflicts, p50/p99 of a save) are printed and kept in docs/benchmarks.md.
@Suite(.serialized)
struct MultiProcessLoadTests {
    static let processes = 8
    /// Edits per process (`CARE_LOAD_EDITS=N` changes it): 8 × 30 keeps both runs together near
    /// 25 s in a debug build on a loaded machine.
    static let edits = ProcessInfo.processInfo.environment["CARE_LOAD_EDITS"].flatMap(Int.init) ?? 30

    @Test(arguments: [StoreKind.postgres, .sqlite])
    func eightProcessesSavingTheSameChildrenLoseNoUpdate(_ kind: StoreKind) throws {
        if kind == .postgres { guard PostgresTestServer.shared.isRunning(for: #function) else { return } }
        let unit = try ContractUnit(kind)
        let children = try (0..<3).map { try unit.child(sequence: 100 + $0).id }
        let before = try children.map { try unit.protection.loadDetail(of: $0, contactLimit: 1).child.version }

        let started = ContinuousClock.now
        let workers = try (0..<Self.processes).map { worker in
            try WorkloadRun([
                "contend", "--store", unit.location, "--account", StoreFixture.protection.accountName,
                "--worker", "load-\(worker)", "--edits", String(Self.edits), "--children", children.map(\.rawValue).joined(separator: ","),
            ], passphrase: StoreFixture.protection.passphrase)
        }
        let lines = workers.map { $0.finish() }
        let elapsed = started.duration(to: .now)

        let all = lines.flatMap { $0 }
        let acks = all.compactMap(LoadLine.ack)
        let conflicts = all.filter { $0.first == "conflict" }.count
        let failures = all.filter { $0.first == "error" || $0.first == "refused" }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        for output in lines { #expect(output.last == ["finished"], "\(output.suffix(3))") }
        #expect(acks.count == Self.processes * Self.edits)

        for (index, id) in children.enumerated() {
            let saves = acks.filter { $0.id == id.rawValue }
            // Each acknowledged save made exactly one version: none overwrote another unseen.
            #expect(Set(saves.map(\.version)).count == saves.count, "two saves of \(id) were acknowledged at the same version")
            let final = try unit.protection.loadDetail(of: id, contactLimit: 1).child
            #expect(final.version == before[index] + saves.count)
            let last = try #require(saves.max { $0.version < $1.version })
            #expect(final.placement == last.placement)
        }
        let report = try verify(unit)
        #expect(report.isHealthy, "\(report)")

        let times = all.compactMap(LoadLine.microseconds).sorted()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(
            format: "load (%@): %d processes × %d edits: %d saves in %.2f s (%.0f saves/s), %d conflicts surfaced and retried, save p50 %.1f ms, p99 %.1f ms",
            kind.rawValue, Self.processes, Self.edits, acks.count, seconds, Double(acks.count) / seconds, conflicts,
            Double(Self.percentile(50, of: times)) / 1_000, Double(Self.percentile(99, of: times)) / 1_000))
    }

    private func verify(_ unit: ContractUnit) throws -> StoreCheckReport {
        if let postgres = unit.supervisor as? PostgresCaseStore { return try postgres.verify() }
        let sqlite = try #require(unit.supervisor as? SQLiteCaseStore)
        return try sqlite.verify()
    }

    static func percentile(_ p: Int, of sorted: [Int]) -> Int {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, (sorted.count * p + 99) / 100 - 1)]
    }
}

/// One line of `care-workload`'s output, split at its tabs.
private enum LoadLine {
    struct Ack {
        var id: String
        var version: Int
        var placement: String?
    }

    static func ack(_ fields: [String]) -> Ack? {
        guard fields.first == "ack", fields.count == 6, let version = Int(fields[4]) else { return nil }
        let json = try? JSONSerialization.jsonObject(with: Data(fields[5].utf8)) as? [String: Any]
        return Ack(id: fields[3], version: version, placement: json?["placement"] as? String)
    }

    static func microseconds(_ fields: [String]) -> Int? {
        guard fields.first == "took", fields.count == 3 else { return nil }
        return Int(fields[2])
    }
}

/// `care-workload` (built beside the tests) as a child process: the passphrase on its standard
/// input, its lines read as it runs (a full pipe would stop it).
private final class WorkloadRun: @unchecked Sendable {
    private let process = Process()
    private let reader = DispatchGroup()
    private var output = Data()

    init(_ arguments: [String], passphrase: String) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let input = Pipe()
        let stdout = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        try process.run()
        input.fileHandleForWriting.write(Data((passphrase + "\n").utf8))
        try input.fileHandleForWriting.close()
        let handle = stdout.fileHandleForReading
        DispatchQueue.global().async(group: reader) { [self] in output = handle.readDataToEndOfFile() }
    }

    /// Every line, split at its tabs, once the process has ended.
    func finish() -> [[String]] {
        reader.wait()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n")
            .map { $0.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false).map(String.init) }
    }

    /// Beside the test runner (`.build/<triple>/debug/carePackageTests.xctest` on Linux).
    static var binary: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder.appendingPathComponent("care-workload").path
    }
}
