import CareDomain
import CareStore
import Foundation
import Testing

/// Several processes saving the same few records at once: every save lands or is refused as a
/// conflict in words, none is lost, and no raw SQLite busy error reaches anyone.
@Suite(.serialized)
struct ContentionTests {
    /// 4 × 500 in CI; `CARE_CONTENTION_EDITS=N` changes the edits per process.
    static let processes = 4
    static let edits = ProcessInfo.processInfo.environment["CARE_CONTENTION_EDITS"].flatMap(Int.init) ?? 500

    @Test func fourProcessesEditingTheSameThreeChildrenLoseNoUpdate() throws {
        let store = try WorkloadStore(children: 3)
        let before = try store.contents()
        let children = before.keys.filter { $0.hasPrefix("child/") }.map { String($0.dropFirst("child/".count)) }.sorted()
        #expect(children.count == 3)

        let workers = try (0..<Self.processes).map { worker in
            try store.start("contend", "--worker", "worker-\(worker)", "--edits", String(Self.edits), "--children", children.joined(separator: ","))
        }
        // Read all four at once, as they run: each pipe holds only so much.
        let group = DispatchGroup()
        for worker in workers {
            DispatchQueue.global().async(group: group) { worker.finish() }
        }
        group.wait()

        let acks = workers.flatMap(\.acknowledgements)
        let conflicts = workers.flatMap(\.lines).filter { if case .conflict = $0 { true } else { false } }.count
        let failures = workers.flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        for words in failures {
            #expect(!words.contains("SQLITE_BUSY") && !words.lowercased().contains("database is locked"), "\(words)")
        }
        #expect(acks.count == Self.processes * Self.edits)
        for worker in workers { #expect(worker.lines.last == .finished, "\(worker.lines.suffix(3))") }

        let after = try store.contents()
        for id in children {
            let key = "child/" + id
            let saves = acks.filter { $0.id == id }
            let start = try #require(before[key]).version
            let final = try #require(after[key])
            // Each acknowledged save made exactly one version: none overwrote another unseen.
            #expect(Set(saves.map(\.version)).count == saves.count, "two saves of \(id) were acknowledged at the same version")
            #expect(final.version == start + saves.count, "\(id): \(saves.count) saves acknowledged, version \(start) → \(final.version)")
            // And the record holds the last acknowledged save.
            let last = try #require(saves.max { $0.version < $1.version })
            #expect(final.json == last.json)
        }
        #expect(try store.check().isHealthy)
        print("contention: \(Self.processes) processes × \(Self.edits) edits, \(acks.count) saves acknowledged, \(conflicts) conflicts surfaced and retried")
    }
}
