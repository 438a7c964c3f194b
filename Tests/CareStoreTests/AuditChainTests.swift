import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The audit chain notices rows edited, deleted or swapped by someone without the key, and says
/// at which event.
@Suite struct AuditChainTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore

    /// A store with a handful of events: create, login, three accounts added, two commands (seven).
    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
    }

    private func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        try fixture.raw().write { try $0.execute(sql: sql, arguments: arguments) }
    }

    @Test func anUntouchedChainVerifies() throws {
        let result = try store.verifyAuditChain()
        #expect(result.isIntact)
        #expect(result.eventCount == 7)
        #expect(try store.audit().map(\.sequence) == Array(1...7))
    }

    @Test func anEditedPayloadIsNamed() throws {
        let other = try #require(try fixture.raw().read { try Data.fetchOne($0, sql: "SELECT payload FROM audit WHERE seq = 5") })
        try tamper("UPDATE audit SET payload = ? WHERE seq = 4", [other])
        #expect(try store.verifyAuditChain().firstBreak == AuditBreak(sequence: 4, reason: .edited))
        #expect(try !store.verify().isHealthy)
    }

    @Test func anEditedClearColumnIsNamed() throws {
        try tamper("UPDATE audit SET actor_key = NULL WHERE seq = 6")
        #expect(try store.verifyAuditChain().firstBreak == AuditBreak(sequence: 6, reason: .edited))
    }

    @Test func aDeletedRowIsNamed() throws {
        try tamper("DELETE FROM audit WHERE seq = 3")
        #expect(try store.verifyAuditChain().firstBreak == AuditBreak(sequence: 3, reason: .missing))
    }

    @Test func aDeletedLastRowIsNoticedAgainstTheHead() throws {
        try tamper("DELETE FROM audit WHERE seq = 7")
        #expect(try store.verifyAuditChain().firstBreak == AuditBreak(sequence: 7, reason: .cut(head: 7)))
    }

    @Test func aDeletedRecordEntryBreaksItsEvent() throws {
        // Event 7 logged a contact: its row's entry is part of its chain hash.
        try tamper("DELETE FROM audit_rows WHERE seq = 7")
        #expect(try store.verifyAuditChain().firstBreak == AuditBreak(sequence: 7, reason: .edited))
    }

    @Test func swappedRowsAreNamed() throws {
        try tamper("""
            UPDATE audit SET seq = CASE seq WHEN 3 THEN -5 WHEN 5 THEN -3 END WHERE seq IN (3, 5);
            UPDATE audit SET seq = -seq WHERE seq < 0;
            """)
        #expect(try store.verifyAuditChain().firstBreak == AuditBreak(sequence: 3, reason: .reordered(belongsAt: 5)))
    }
}
