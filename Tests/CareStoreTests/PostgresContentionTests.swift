import CareDomain
import CarePostgres
import Foundation
import Testing

/// Eight sessions, each with its own connection as eight workers' processes would have, saving to
/// one PostgreSQL store at once: the write lock lets no update be lost, and an update made from a
/// version someone else saved first is refused as a conflict, never written over it.
@Suite struct PostgresContentionTests {
    private var server: PostgresTestServer { .shared }

    /// What each of the eight sessions saw, kept under a lock.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var saved = 0
        private(set) var conflicts = 0
        private(set) var other: [String] = []

        func note(_ result: Result<CommandOutcome, any Error>) {
            lock.withLock {
                switch result {
                case .success: saved += 1
                case .failure(is RecordConflict): conflicts += 1
                case .failure(let error): other.append("\(error)")
                }
            }
        }
    }

    /// Runs `body` on `count` threads of its own at once (not a pool's few), and waits for all.
    private func together(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test func eightSessionsSavingOneChildAtOnceLoseNoFlagAndSayEveryConflict() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        let sessions = try (0..<8).map { _ in try unit.signIn(StoreFixture.protection) }
        let flags = Outcomes()
        together(sessions.count) { index in
            for round in 0..<5 {
                let flag = Flag(text: "Test flag \(index)-\(round)", setBy: sessions[index].worker.id, setAt: Samples.when)
                flags.note(Result { try sessions[index].perform(.addFlag(child: child.id, flag)) })
            }
        }
        #expect(flags.other == [])
        #expect(flags.saved == 40)
        let stored = try unit.protection.loadDetail(of: child.id, contactLimit: 1).child
        #expect(stored.flags.count == 40)
        #expect(stored.version == child.version + 40)

        // Every session edits the record as it stands now: one save wins, seven are told.
        let edits = Outcomes()
        together(sessions.count) { index in
            var edit = stored
            edit.placement = "Test home \(index)"
            edits.note(Result { try sessions[index].perform(.updateChild(edit)) })
        }
        #expect(edits.other == [])
        #expect(edits.saved == 1)
        #expect(edits.conflicts == 7)
        let final = try unit.protection.refreshDetail(of: child.id, contactLimit: 1).child
        #expect(final.version == stored.version + 1)
        #expect(final.flags.count == 40)
        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        #expect(try supervisor.verifyAuditChain().isIntact)
        for session in sessions { (session as? PostgresCaseStore)?.close() }
    }
}
