import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// One record that does not open locks nobody out: the caseload (from the child's summary, or
/// from the records when the summary is damaged too) loads everything else and names the damaged
/// record, a child's record opens without it, and `care check` names it.
@Suite struct DamagedRecordTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore
    let child: Child
    let other: Child
    let note: Contact
    let episode: MissingEpisode
    let indicator: RiskIndicator
    let referral: Referral

    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
        child = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 1)))
        other = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 2)))
        note = try store.performed(.logContact(Samples.contact(child: child.id, author: store.worker.id)))
        episode = try store.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        indicator = try store.performed(.addIndicator(Samples.indicator(child: child.id)))
        let service: Service = try store.performed(.saveService(Samples.service()))
        referral = try store.performed(.createReferral(Samples.draftReferral(child: child.id, service: service.id, by: store.worker.id)))
    }

    /// Random bytes in place of a row's sealed payload, as a failing disk or an editor might leave.
    func damage(_ id: String) throws {
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET payload = randomblob(length(payload)) WHERE id = ?", arguments: [id])
        }
    }

    /// Random bytes in place of a child's caseload summaries, so the caseload reads that child
    /// from its records.
    func damageSummaries(of child: ChildID) throws {
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE summaries SET payload = randomblob(length(payload)) WHERE child_id = ?", arguments: [child.rawValue])
        }
    }

    struct Target: Sendable, CustomTestStringConvertible {
        let kind: RecordKind
        var testDescription: String { kind.words }
        static let all = [RecordKind.indicator, .missingEpisode, .child, .referral, .contact].map(Target.init)
    }

    func id(of kind: RecordKind) -> String {
        switch kind {
        case .indicator: indicator.recordID
        case .missingEpisode: episode.recordID
        case .child: child.recordID
        case .referral: referral.recordID
        default: note.recordID
        }
    }

    @Test(arguments: Target.all)
    func oneDamagedRecordLeavesTheRestOfTheCaseloadLoadedAndIsNamed(_ target: Target) throws {
        let damagedID = id(of: target.kind)
        try damage(damagedID)
        try damageSummaries(of: child.id)
        let reopened = try fixture.open(StoreFixture.supervisor)
        let snapshot = try reopened.loadCaseload()
        // The other child and the rest of this child's records load.
        #expect(snapshot.children.contains { $0.id == other.id })
        #expect(snapshot.children.contains { $0.id == child.id } == (target.kind != .child))
        // A child whose own record does not open is a "damaged record" row, and what of theirs
        // opens still counts: the open missing episode above all (it used to be dropped, and the
        // child missing now with it from the alerts and the handover).
        guard target.kind != .child else {
            #expect(snapshot.recordsDamaged == [DamagedRecord(kind: "child", id: damagedID, child: child.id)])
            #expect(snapshot.openEpisode(of: child.id)?.id == episode.id)
            #expect(snapshot.openIndicators[child.id]?.map(\.id) == [indicator.id])
            #expect(snapshot.referrals.map(\.id) == [referral.id])
            #expect(try reopened.verify().problems.map(\.id).contains(damagedID))
            return
        }
        if target.kind != .indicator { #expect(snapshot.openIndicators[child.id]?.map(\.id) == [indicator.id]) }
        if target.kind != .missingEpisode { #expect(snapshot.episodes[child.id]?.map(\.id) == [episode.id]) }
        if target.kind != .referral { #expect(snapshot.referrals.map(\.id) == [referral.id]) }
        // A contact is read only with the record; its time still counts in the caseload.
        #expect(snapshot.lastContact[child.id] == note.occurredAt)
        let expected = target.kind == .contact ? [] : [DamagedRecord(kind: target.kind.rawValue, id: damagedID, child: child.id)]
        #expect(snapshot.recordsDamaged == expected)
        // The summaries damaged to make the caseload read the records are not trusted.
        #expect(snapshot.untrustedChildren == [child.id])

        let detail = try reopened.loadDetail(of: child.id, contactLimit: 10)
        #expect(detail.damaged == [DamagedRecord(kind: target.kind.rawValue, id: damagedID, child: child.id)])
        #expect(detail.contacts.contacts.map(\.id) == (target.kind == .contact ? [] : [note.id]))
        let report = try reopened.verify()
        #expect(report.problems.map(\.id).contains(damagedID))
        #expect(report.description.contains(damagedID))
    }

    /// Behind an intact summary the caseload shows the child as the summary has it; the damaged
    /// record is found when the record is opened (named there, or refused in words when it is
    /// the child's own), and by `care check`.
    @Test(arguments: Target.all)
    func aDamagedRecordBehindAnIntactSummaryIsFoundWhenTheRecordIsOpened(_ target: Target) throws {
        let damagedID = id(of: target.kind)
        try damage(damagedID)
        let reopened = try fixture.open(StoreFixture.supervisor)
        let snapshot = try reopened.loadCaseload()
        #expect(Set(snapshot.children.map(\.id)) == [child.id, other.id])
        #expect(snapshot.damaged.isEmpty)
        if target.kind == .child {
            #expect(throws: StoreError.self) { try reopened.loadDetail(of: child.id, contactLimit: 10) }
        } else {
            let detail = try reopened.loadDetail(of: child.id, contactLimit: 10)
            #expect(detail.damaged == [DamagedRecord(kind: target.kind.rawValue, id: damagedID, child: child.id)])
        }
        #expect(try reopened.verify().problems.map(\.id).contains(damagedID))
    }

    @Test func aPatchForAChildNamesItsDamagedRecordAndClearsItOnceRepaired() throws {
        var snapshot = try store.loadCaseload()
        #expect(snapshot.damaged.isEmpty)
        let stored = try fixture.raw().read { db in try Data.fetchOne(db, sql: "SELECT payload FROM records WHERE id = ?", arguments: [indicator.recordID]) }
        try damage(indicator.recordID)
        try damageSummaries(of: child.id)
        snapshot.apply(try store.loadPatch(children: [child.id], catalogue: false))
        #expect(snapshot.recordsDamaged.map(\.id) == [indicator.recordID])
        #expect(snapshot.openIndicators[child.id] == nil)
        // Put back (a backup restored): the next patch shows it again.
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET payload = ? WHERE id = ?", arguments: [stored, indicator.recordID])
        }
        snapshot.apply(try store.loadPatch(children: [child.id], catalogue: false))
        #expect(snapshot.recordsDamaged.isEmpty)
        #expect(snapshot.openIndicators[child.id]?.map(\.id) == [indicator.id])
    }

    /// A column nulled or given another type (damaged bytes in the row's header) is an error in
    /// words or a damaged record, never GRDB's fatal error for an unexpected value (which ended
    /// `care check` on a fuzzed store). SQL cannot write a NULL where the schema says NOT NULL, so
    /// the test drops that clause first, as damage to the file would.
    @Test(arguments: ["version = NULL", "version = 'seven'", "updated_at = NULL", "change_seq = x'00'", "payload = NULL",
                      "class = NULL", "seal = 'bound'", "child_id = x'ff'"])
    func aColumnThatIsNotWhatTheStoreWroteIsDamageNotACrash(_ edit: String) throws {
        try fixture.raw().writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(sql: "UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'records'")
        }
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET \(edit) WHERE id = ?", arguments: [indicator.recordID])
        }
        let reopened = try fixture.open(StoreFixture.supervisor)
        // The caseload opens from the summaries; the child's record names the damaged row.
        #expect(try reopened.loadCaseload().children.count == 2)
        let detail = try reopened.loadDetail(of: child.id, contactLimit: 5)
        if edit.hasPrefix("child_id") {
            // Filed under no child any more: not in this child's record at all.
            #expect(detail.damaged.isEmpty && detail.indicators.isEmpty)
        } else {
            #expect(detail.damaged.map(\.id) == [indicator.recordID])
        }
        #expect(detail.contacts.contacts.map(\.id) == [note.id])
        let report = try reopened.verify()
        #expect(report.problems.map(\.id) == [indicator.recordID])
    }
}

extension CaseloadSnapshot {
    /// The damaged records, without the summaries that were not trusted (`UntrustedChild`).
    var recordsDamaged: [DamagedRecord] { damaged.filter { $0.kind != UntrustedChild.kind } }
}
