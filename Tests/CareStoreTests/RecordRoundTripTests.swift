import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Every record kind comes back from a closed and reopened store exactly as it was saved.
@Suite struct RecordRoundTripTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore

    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
    }

    /// Saves `record`, reopens the store as another user, and reads the record back.
    private func roundTrip<Record: CareRecord>(_ record: Record) throws -> (saved: Record, read: Record?) {
        let saved = try store.save(record, summary: "test save")
        let other = try fixture.open(StoreFixture.protection)
        let read = try other.read { db, keys in
            try SQLiteCaseStore.fetchRecord(Record.self, id: record.recordID, db: db, keys: keys)
        }
        return (saved, read)
    }

    @Test func everyKindRoundTrips() throws {
        let author = store.worker.id
        let child = Samples.child(author: author)
        let service = Samples.service()
        try expectRoundTrip(child)
        try expectRoundTrip(Samples.contact(child: child.id, author: author))
        try expectRoundTrip(Samples.episode(child: child.id, author: author))
        try expectRoundTrip(Samples.indicator(child: child.id))
        try expectRoundTrip(Samples.plan(child: child.id))
        try expectRoundTrip(service)
        try expectRoundTrip(Samples.referral(child: child.id, service: service.id, by: author))
        try expectRoundTrip(Samples.appointment(child: child.id))
        let handover = Samples.handover(child: child.id, from: author, to: .make())
        try expectRoundTrip(handover)
        try expectRoundTrip(Samples.worker())
        try expectRoundTrip(Samples.alertResponse(child: child.id, by: author))
        try expectRoundTrip(Samples.acknowledgement(handover: handover.id, child: child.id, by: author))
        try expectRoundTrip(Samples.link(child: child.id, to: .make(), by: author))
    }

    private func expectRoundTrip<Record: CareRecord>(_ record: Record) throws {
        let (saved, read) = try roundTrip(record)
        var expected = record
        expected.version = 1
        #expect(saved == expected, "\(Record.kind) as returned by save")
        #expect(read == expected, "\(Record.kind) as read back")
    }

    @Test func anUpdateBumpsTheVersionAndIsReadBack() throws {
        var child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        child.riskLevel = .critical
        child.indigenousIdentity = .notDisclosed
        let updated: Child = try store.performed(.updateChild(child))
        #expect(updated.version == 2)
        let detail = try store.loadDetail(of: child.id, contactLimit: 10)
        #expect(detail.child == updated)
    }

    @Test func caseloadAndDetailAssembleAChildsRecords() throws {
        let author = store.worker.id
        let child = try store.save(Samples.child(author: author), summary: "opened")
        let older = try store.save(Samples.contact(child: child.id, author: author, at: 0), summary: "note")
        let newer = try store.save(Samples.contact(child: child.id, author: author, at: 3600), summary: "note")
        let episode = try store.save(Samples.episode(child: child.id, author: author), summary: "missing")
        let plan = try store.save(Samples.plan(child: child.id), summary: "plan")
        let service = try store.save(Samples.service(), summary: "catalogue")
        let referral = try store.save(Samples.referral(child: child.id, service: service.id, by: author), summary: "referral")
        let response = try store.save(Samples.alertResponse(child: child.id, by: author), summary: "acknowledged")
        let link = try store.save(Samples.link(child: child.id, to: .make(), by: author), summary: "linked")

        let caseload = try store.loadCaseload()
        #expect(caseload.children == [ChildSummary(child)])
        #expect(caseload.lastContact[child.id] == newer.occurredAt)
        #expect(caseload.episodes[child.id] == [episode])
        #expect(caseload.plans[child.id] == SafetyPlanSummary(plan))
        #expect(caseload.referrals == [referral])
        #expect(caseload.services == [service])
        #expect(caseload.responses == [response])
        #expect(Set(caseload.workers.map(\.accountName)) == ["sup.testcase", "cp.testcase", "police.testcase", "liaison.testcase"])

        let detail = try store.loadDetail(of: child.id, contactLimit: 1)
        #expect(detail.contacts.contacts == [newer])
        #expect(detail.contacts.hasMore)
        #expect(detail.episodes == [episode])
        #expect(detail.plan == plan)
        #expect(detail.referrals == [referral])
        #expect(detail.links == [link])
        let next = try store.loadContacts(of: child.id, after: try #require(detail.contacts.cursor), limit: 5)
        #expect(next.contacts == [older])
        #expect(!next.hasMore)
    }

    @Test func importInsertsEverythingUnderOneAuditEventAndIntoTheFeed() throws {
        let author = store.worker.id
        let children = (1...50).map { Samples.child(author: author, sequence: $0) }
        let contacts = children.map { Samples.contact(child: $0.id, author: author) }
        let before = try store.audit().count
        let cursorBefore = try store.changeCursor()
        try store.importRecords(children + contacts)
        let events = try store.audit()
        #expect(events.count == before + 1)
        #expect(events.last?.action == .create)
        let feed = try store.changes(since: cursorBefore)
        #expect(feed.changes.map(\.id) == (children.map(\.recordID) + contacts.map(\.recordID)))
        #expect(feed.changes.map(\.sequence) == Array(cursorBefore + 1...cursorBefore + 100))
        #expect(try store.changeCursor() == cursorBefore + 100)
        let caseload = try store.loadCaseload()
        #expect(caseload.children.count == 50)
        #expect(caseload.lastContact.count == 50)
        #expect(caseload.children.map(\.version) == Array(repeating: 1, count: 50))
        #expect(throws: StoreError.self) { try store.importRecords([children[0]]) }
    }
}
