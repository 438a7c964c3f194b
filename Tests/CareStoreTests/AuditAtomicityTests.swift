import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A change and its audit event commit together or not at all, and a view that cannot be
/// audited is not shown.
@Suite struct AuditAtomicityTests {
    /// Makes every audit insert fail, as a full disk or a damaged table would.
    private func refuseAuditInserts(_ fixture: StoreFixture) throws {
        try fixture.raw().write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_audit BEFORE INSERT ON audit
                BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END
                """)
        }
    }

    @Test func aCommandWhoseAuditFailsChangesNothing() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        let cursor = try store.changeCursor()
        try refuseAuditInserts(fixture)

        var edited = child
        edited.riskLevel = .critical
        #expect(throws: StoreError.self) { try store.perform(.updateChild(edited)) }
        #expect(throws: StoreError.self) { try store.perform(.saveService(Samples.service())) }
        #expect(throws: StoreError.self) { try store.perform(.createChild(Samples.newChild(author: store.worker.id))) }

        let stored = try store.read { db, keys in try SQLiteCaseStore.fetchRecord(Child.self, id: child.recordID, db: db, keys: keys) }
        #expect(stored == child)
        #expect(try store.changeCursor() == cursor)
        #expect(try store.changes(since: cursor).changes.isEmpty)
        #expect(try store.loadCaseload().services.isEmpty)

        // The refused creation did not use up a case number either.
        try fixture.raw().write { try $0.execute(sql: "DROP TRIGGER refuse_audit") }
        let next: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        #expect(next.caseNumber.sequence == child.caseNumber.sequence + 1)
    }

    @Test func aViewThatCannotBeAuditedShowsNothing() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        try refuseAuditInserts(fixture)
        #expect(throws: StoreError.self) { try store.loadDetail(of: child.id, contactLimit: 5) }
        // Nor may the unaudited view be read back through a refresh.
        #expect(throws: StoreError.notViewed) { try store.refreshDetail(of: child.id, contactLimit: 5) }
    }
}
