import CareDomain
import CareStore
import Foundation
import Testing

/// Random bytes written into a copy of a store: `care` never crashes on it, and what it cannot
/// open it says in words, naming `care check` and a backup.
@Suite(.serialized)
struct CorruptStoreTests {
    /// 40 in CI; `CARE_CORRUPTIONS=N` tries more (docs/reliability.md).
    static let corruptions = ProcessInfo.processInfo.environment["CARE_CORRUPTIONS"].flatMap(Int.init) ?? 40
    static let seed = ProcessInfo.processInfo.environment["CARE_CORRUPTIONS_SEED"].flatMap(UInt64.init) ?? 29

    /// Writes `count` runs of 1 to 16 random bytes at random offsets into `path`; returns where.
    static func corrupt(_ path: String, count: Int, random: inout SeededRandom) throws -> [Int] {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        var offsets: [Int] = []
        for _ in 0..<count {
            let offset = Int(random.next() % size)
            let bytes = (0..<(1 + Int(random.next() % 16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            try handle.seek(toOffset: UInt64(offset))
            handle.write(Data(bytes))
            offsets.append(offset)
        }
        return offsets
    }

    @Test func randomBytesNeverCrashTheCheckAndWhatCannotOpenIsSaidInWords() throws {
        var random = SeededRandom(seed: Self.seed)
        var refusedAtOpen = 0, problemsFound = 0, healthy = 0, wrongKey = 0
        for trial in 0..<Self.corruptions {
            let demo = try DemoFixture()
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: demo.store + suffix) }
            let offsets = try Self.corrupt(demo.store, count: 1 + Int(random.next() % 4), random: &random)
            let run = try CareRun.care("check", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                       inputs: [3: "demo\n"], environment: demo.environment)
            let label = "trial \(trial) (seed \(Self.seed)), bytes at \(offsets)"
            #expect(run.signal == nil, "care check crashed: \(label)\n\(run)")
            #expect(!run.output.contains("SQLITE_") && !run.output.contains("Fatal error"), "\(label)\n\(run)")
            if run.succeeded {
                healthy += 1
            } else if run.stdout.contains("SQLite integrity:") {
                problemsFound += 1
            } else if run.stderr.contains("Wrong passphrase") {
                // Bytes landed in the account's wrapped key: it cannot be told from a wrong
                // passphrase (both fail the same authentication), and it is said in words.
                wrongKey += 1
            } else {
                refusedAtOpen += 1
                // Damaged (exit 1), with what to do, and not "run `care check`": it is running.
                #expect(run.exitCode == 1, "\(label)\n\(run)")
                #expect(run.stderr.contains("backup") && !run.stderr.contains("run `care check`"), "\(label)\n\(run)")
            }
        }
        print("corruptions: \(Self.corruptions) stores, \(refusedAtOpen) refused at open in words, \(problemsFound) checked with problems named, \(healthy) unharmed, \(wrongKey) with the account's key hit")
    }
}
