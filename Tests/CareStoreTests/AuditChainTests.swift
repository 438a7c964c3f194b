import CareDomain
import Crypto
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

    /// An event's link is fed its record entries in pieces (an import lists every record it
    /// wrote): the pieces must make the same HMAC as the whole list of bytes would, across the
    /// piece boundary, and the tail check and the whole-chain check must accept an event that
    /// lists that many records.
    @Test func aLinkFedInPiecesIsTheLinkOfTheWholeList() throws {
        let keyring = try store.session.keys().keyring
        let chain = AuditChain(keyring: keyring)
        let row = AuditRow(seq: 9, at: 1_795_965_000, action: "create", actorKey: Data([1]), targetKey: nil, childKey: nil, payload: Data([2, 3]), hash: Data())
        let entries = (0..<5_000).map {
            RecordTrailEntry(kind: "contact", id: "contact-\($0)", version: 1, childID: "child-\($0 % 7)", rowHash: Data(repeating: UInt8($0 % 251), count: 32))
        }
        var whole = BindingData("care/v2/audit-link")
        whole.blob(AuditChain.genesis)
        whole.integer(row.seq)
        whole.time(row.at)
        whole.text(row.action)
        whole.blob(row.actorKey)
        whole.blob(row.targetKey)
        whole.blob(row.childKey)
        whole.blob(row.payload)
        whole.integer(Int64(entries.count))
        for entry in entries { entry.bind(into: &whole) }
        #expect(whole.count > 64 * 1_024, "the list spans more than one piece")
        let expected = Data(HMAC<SHA256>.authenticationCode(for: whole.bytes, using: chain.key))
        #expect(chain.link(previous: AuditChain.genesis, row, entries: entries) == expected)
        #expect(chain.link(previous: AuditChain.genesis, row, entries: Array(entries.dropLast())) != expected)
    }

    @Test func anEventListingThousandsOfRecordsVerifiesAtTheTailAndInTheChain() throws {
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        let contacts = (0..<3_000).map { _ in Samples.contact(child: child.id, author: store.worker.id) }
        _ = try store.importRecords(contacts)
        let listed = try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_rows WHERE seq = (SELECT MAX(seq) FROM audit)") }
        #expect(listed ?? 0 > 3_000)
        // The next write checks the tail, over the import's entries.
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
        #expect(try store.verifyAuditChain().isIntact)
        try tamper("UPDATE audit_rows SET version = 2 WHERE seq = (SELECT MAX(seq) - 1 FROM audit) AND ord = 2999")
        #expect(try store.verifyAuditChain().firstBreak?.reason == .edited)
    }
}
