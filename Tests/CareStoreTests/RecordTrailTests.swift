import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The audit trail remembers every record at every version it wrote (its row hash), so
/// `care check` names rows deleted, put back at an older version, or moved to another child —
/// changes whose seals may still open.
@Suite struct RecordTrailTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore
    let child: Child
    let other: Child
    let note: Contact

    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
        child = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 1)))
        other = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 2)))
        note = try store.performed(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
        _ = try store.perform(.reportMissing(Samples.openEpisode(child: child.id)))
    }

    private func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        try fixture.raw().write { try $0.execute(sql: sql, arguments: arguments) }
    }

    @Test func aNoteMovedToAnotherChildIsNamedAndShownOnNeither() throws {
        try tamper("UPDATE records SET child_id = ? WHERE id = ?", [other.id.rawValue, note.recordID])
        // Filed under the other child, it does not open there: that record shows it as damaged,
        // and it is gone from its own child's.
        let moved = try store.loadDetail(of: other.id, contactLimit: 10)
        #expect(moved.contacts.contacts.isEmpty)
        #expect(moved.damaged == [DamagedRecord(kind: "contact", id: note.recordID, child: other.id)])
        #expect(try store.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.isEmpty)
        let report = try store.verify()
        #expect(report.problems == [.init(kind: "contact", id: note.recordID, reason: .moved(from: child.id.rawValue, to: other.id.rawValue))])
        #expect(report.audit.isIntact)
    }

    @Test func deletedRecordsAreNamedEachOne() throws {
        let episode = try #require(try store.loadCaseload().episodes[child.id]?.first)
        try tamper("DELETE FROM records WHERE id IN (?, ?, ?)", [note.recordID, other.id.rawValue, episode.recordID])
        let report = try store.verify()
        #expect(Set(report.problems) == [
            .init(kind: "contact", id: note.recordID, reason: .deleted(version: 1)),
            .init(kind: "child", id: other.id.rawValue, reason: .deleted(version: 1)),
            .init(kind: "missing-episode", id: episode.recordID, reason: .deleted(version: 1)),
        ])
        #expect(!report.isHealthy)
        #expect(report.description.contains("contact \(note.recordID): deleted"))
    }

    @Test func aRecordRolledBackWholeStillOpensButIsNamed() throws {
        let before = try fixture.raw().read { db in
            try #require(try Row.fetchOne(db, sql: "SELECT * FROM records WHERE id = ?", arguments: [child.recordID]))
        }
        var edited = try store.loadDetail(of: child.id, contactLimit: 1).child
        edited.placement = "Second test placement"
        _ = try store.perform(.updateChild(edited))
        edited.version += 1
        edited.placement = "Third test placement"
        _ = try store.perform(.updateChild(edited))
        // Every column of the first version put back: the seal opens, as it was valid then.
        try tamper("DELETE FROM records WHERE id = ?", [child.recordID])
        try tamper(
            "INSERT INTO records(\(before.columnNames.joined(separator: ", "))) VALUES (\(before.columnNames.map { _ in "?" }.joined(separator: ", ")))",
            StatementArguments(before.databaseValues))
        #expect(try store.loadDetail(of: child.id, contactLimit: 1).child.placement == Samples.child().placement)
        let report = try store.verify()
        #expect(report.problems == [.init(kind: "child", id: child.recordID, reason: .rolledBack(stored: 1, trail: 3))])
    }

    @Test func aRowNoEventWroteIsNamed() throws {
        try tamper("""
            INSERT INTO records(kind, id, child_id, version, sort_at, updated_at, payload, change_seq, class, seal)
            SELECT kind, 'copied-' || id, child_id, version, sort_at, updated_at, payload, change_seq, class, seal FROM records WHERE id = ?
            """, [note.recordID])
        #expect(try store.verify().problems == [.init(kind: "contact", id: "copied-\(note.recordID)", reason: .notInTrail)])
    }

    @Test func thePoliceCheckRestrictedRowsAgainstTheTrailWithoutOpeningThem() throws {
        let hidden: Contact = try store.performed(.logContact(Samples.contact(child: child.id, author: store.worker.id, visibility: .restricted)))
        let police = try fixture.open(StoreFixture.police)
        let healthy = try police.verify()
        #expect(healthy.isHealthy, "\(healthy)")
        // The restricted note, and the restricted summary of its child (its last restricted contact).
        #expect(healthy.recordsNotReadable == 2)
        try tamper("DELETE FROM records WHERE id = ?", [hidden.recordID])
        #expect(try police.verify().problems == [.init(kind: "contact", id: hidden.recordID, reason: .deleted(version: 1))])
    }
}

extension StoreCheckReport.RecordProblem: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(id)
        hasher.combine(reason.description)
    }
}
