import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A trail that cannot lose its tail unseen: opening checks the last event against the keyed
/// head before writing anything; `care check` reports instead of signing in; and this machine's
/// memory of the head names a store put back behind it.
@Suite struct AuditTailTests {
    let fixture: StoreFixture

    /// A store with seven events (create, login, three accounts, a child, a contact), closed.
    init() throws {
        fixture = try StoreFixture(anchors: true)
        let store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
        try store.close()
    }

    private func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        try fixture.raw().write { try $0.execute(sql: sql, arguments: arguments) }
    }

    /// The audit table and the head, to tell whether anything was written.
    private func trail() throws -> [Data] {
        try fixture.raw().read { db in
            try Data.fetchAll(db, sql: "SELECT hash FROM audit ORDER BY seq")
                + [try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'audit_head'") ?? Data()]
        }
    }

    private func refusal(_ expected: AuditBreak) -> (any Error) -> Bool {
        { error in (error as? StoreError) == .auditTrailBroken(expected) }
    }

    @Test func deletingTheLastEventsIsRefusedAtOpenWithNothingWritten() throws {
        try tamper("DELETE FROM audit WHERE seq >= 6")
        let before = try trail()
        #expect(performing: { try fixture.open(StoreFixture.protection) }, throws: refusal(AuditBreak(sequence: 6, reason: .cut(head: 7))))
        #expect(try trail() == before)
        // No failed login either: the passphrase was right.
        #expect(try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM failed_logins") } == 0)
    }

    @Test func aSessionOpenWhileTheTrailIsCutWritesNoMore() throws {
        let store = try fixture.open(StoreFixture.supervisor)
        try tamper("DELETE FROM audit WHERE seq >= 7")
        let before = try trail()
        #expect(performing: { try store.perform(.saveService(Samples.service())) }, throws: refusal(AuditBreak(sequence: 7, reason: .cut(head: 8))))
        #expect(try trail() == before)
        #expect(try store.loadCaseload().services.isEmpty)
    }

    @Test func deletingEveryEventIsRefused() throws {
        try tamper("DELETE FROM audit")
        #expect(performing: { try fixture.open(StoreFixture.supervisor) }, throws: refusal(AuditBreak(sequence: 1, reason: .cut(head: 7))))
    }

    @Test func aHeadRewrittenToMatchACutTrailDoesNotVerify() throws {
        // The head an attacker would write after cutting: event 5's number and hash, without the key.
        let five = try #require(try fixture.raw().read { try Data.fetchOne($0, sql: "SELECT hash FROM audit WHERE seq = 5") })
        var forged = withUnsafeBytes(of: Int64(5).bigEndian) { Data($0) }
        forged.append(five)
        forged.append(Data(repeating: 0, count: 32))
        try tamper("DELETE FROM audit WHERE seq >= 6")
        try tamper("UPDATE meta SET value = ? WHERE key = 'audit_head'", [forged])
        #expect(performing: { try fixture.open(StoreFixture.supervisor) }, throws: refusal(AuditBreak(sequence: 5, reason: .headRewritten)))
        try tamper("DELETE FROM meta WHERE key = 'audit_head'")
        #expect(performing: { try fixture.open(StoreFixture.supervisor) }, throws: refusal(AuditBreak(sequence: 5, reason: .headRewritten)))
    }

    @Test func aCutWithAReplayedHeadButTheRecordsStillListedIsRefused() throws {
        let store = try fixture.open(StoreFixture.supervisor)
        let five = try #require(try fixture.raw().read { try Data.fetchOne($0, sql: "SELECT hash FROM audit WHERE seq = 5") })
        let savedHead: Data = try store.read { db, keys in AuditHead(sequence: 5, hash: five, keyring: keys.keyring).stored }
        try tamper("DELETE FROM audit WHERE seq >= 6")
        try tamper("UPDATE meta SET value = ? WHERE key = 'audit_head'", [savedHead])
        #expect(performing: { try fixture.open(StoreFixture.supervisor) }, throws: refusal(AuditBreak(sequence: 6, reason: .entriesAfterHead(head: 5))))
    }

    @Test func anEventAddedAfterTheHeadIsRefused() throws {
        try tamper("""
            INSERT INTO audit(seq, at, action, actor_key, target_key, child_key, payload, hash)
            SELECT 8, at, action, actor_key, target_key, child_key, payload, hash FROM audit WHERE seq = 7
            """)
        #expect(performing: { try fixture.open(StoreFixture.supervisor) }, throws: refusal(AuditBreak(sequence: 8, reason: .beyondHead(head: 7))))
    }

    @Test func aCheckReportsACutTrailAndSignsNothingIn() throws {
        try tamper("DELETE FROM audit WHERE seq >= 6")
        let before = try trail()
        let inspection = try StoreInspection.open(options: fixture.options, account: "sup.testcase", passphrase: StoreFixture.supervisor.passphrase)
        let report = try inspection.verify()
        #expect(report.audit.firstBreak == AuditBreak(sequence: 6, reason: .cut(head: 7)))
        #expect(report.description.contains("audit chain broken at event 6"))
        try inspection.recordCheck(report)
        #expect(try trail() == before)
    }

    @Test func aHealthyCheckSignsInAfterVerifying() throws {
        let inspection = try StoreInspection.open(options: fixture.options, account: "sup.testcase", passphrase: StoreFixture.supervisor.passphrase)
        let before = try trail()
        let report = try inspection.verify()
        #expect(try trail() == before, "checking writes nothing before it has verified")
        try inspection.recordCheck(report)
        let store = try fixture.open(StoreFixture.supervisor)
        #expect(try store.audit().map(\.summary).contains("signed in as sup.testcase to check the store (healthy)"))
    }

    @Test func aCutUnderAReplayedHeadIsNamedByThisMachinesMemory() throws {
        // The head after event 5, saved by an attacker who could read the file then.
        let cutAt = try #require(try fixture.raw().read { try Data.fetchOne($0, sql: "SELECT hash FROM audit WHERE seq = 5") })
        let store = try fixture.open(StoreFixture.supervisor)
        let savedHead: Data = try store.read { db, keys in AuditHead(sequence: 5, hash: cutAt, keyring: keys.keyring).stored }
        try store.close()
        let book = try #require(fixture.anchorBook)
        let seen = try #require(book.anchor(storeID: try storeID(), path: fixture.path))
        #expect(seen.sequence == 8)
        let mode = try (FileManager.default.attributesOfItem(atPath: book.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        // Cut back to event 5 with everything event 6 on wrote, and the saved head put back:
        // the file is consistent again, only this machine's memory knows better.
        try tamper("DELETE FROM audit WHERE seq >= 6")
        try tamper("DELETE FROM audit_rows WHERE seq >= 6")
        try tamper("UPDATE meta SET value = ? WHERE key = 'audit_head'", [savedHead])
        let opened = try fixture.open(StoreFixture.supervisor)
        let notice = try #require(opened.notices.first { $0.contains("behind what this machine has seen") })
        #expect(notice.contains("ends at event 5") && notice.contains("event 8"))
        #expect(try opened.audit().contains { $0.action == .notice && $0.summary == notice })
    }

    @Test func anOlderCopyPutBackIsNamed() throws {
        let copy = fixture.folder.appendingPathComponent("copy.care").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: copy)
        let store = try fixture.open(StoreFixture.supervisor)
        _ = try store.perform(.saveService(Samples.service()))
        try store.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.path + suffix) }
        try FileManager.default.removeItem(atPath: fixture.path)
        try FileManager.default.copyItem(atPath: copy, toPath: fixture.path)
        let restored = try fixture.open(StoreFixture.protection)
        #expect(restored.notices.contains { $0.contains("behind what this machine has seen") })
        // Said again at every opening: the anchor moves forward only, until a supervisor
        // accepts the restore (`AnchorForwardTests`).
        #expect(try fixture.open(StoreFixture.protection).notices.contains { $0.contains("a supervisor can accept it with `care anchor accept`") })
    }

    @Test func anotherStoreWithTheSameIDThatDivergedIsNamed() throws {
        let copy = fixture.folder.appendingPathComponent("copy.care").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: copy)
        let store = try fixture.open(StoreFixture.protection)
        try store.close()
        // The copy moves on without this machine seeing it, to the same length and beyond.
        let options = StoreOptions(path: copy, kdfCost: .testOnly, clock: fixture.clock, filesystemProbe: fixture.probe)
        for _ in 0..<3 {
            try SQLiteCaseStore.open(options: options, account: "cp.testcase", passphrase: StoreFixture.protection.passphrase).close()
        }
        try FileManager.default.removeItem(atPath: fixture.path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.path + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: fixture.path)
        #expect(try fixture.open(StoreFixture.protection).notices.contains { $0.contains("differs from what this machine saw") })
    }

    private func storeID() throws -> String {
        try fixture.raw().read { try StoreDatabase.storeID($0) }
    }
}
