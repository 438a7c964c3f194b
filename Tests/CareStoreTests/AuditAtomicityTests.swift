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

    @Test func aSaveWhoseAuditFailsChangesNothing() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        let token = try store.changeToken()
        try refuseAuditInserts(fixture)

        var edited = child
        edited.riskLevel = .critical
        #expect(throws: StoreError.self) { try store.save(edited, summary: "risk raised") }
        #expect(throws: StoreError.self) { try store.save(Samples.service(), summary: "new service") }

        let stored = try store.read { db, keys in try SQLiteCaseStore.fetchRecord(Child.self, id: child.recordID, db: db, keys: keys) }
        #expect(stored == child)
        #expect(try store.changeToken() == token)
        #expect(try store.loadCaseload().services.isEmpty)
    }

    @Test func aViewThatCannotBeAuditedShowsNothing() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        try refuseAuditInserts(fixture)
        #expect(throws: StoreError.self) { try store.loadDetail(of: child.id, contactLimit: 5) }
    }
}
