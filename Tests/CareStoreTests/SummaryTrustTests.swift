import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Attack 5: a child reported missing, hidden by copying back her older sealed summary (it opens:
/// it was sealed by the store itself). The caseload verifies each summary against the version
/// and row hash the keyed trail last wrote, reads a child whose summary does not match from her
/// records, and says she cannot be trusted: a critical alert, and she stays on the handover.
@Suite struct SummaryTrustTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore
    let child: Child
    let other: Child

    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
        child = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 1)))
        other = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 2)))
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, at: -3 * 86_400)))
    }

    func summary(of child: ChildID) throws -> Row {
        try #require(try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [child.rawValue])
        })
    }

    func putBack(_ old: Row) throws {
        try fixture.raw().write { db in
            try db.execute(sql: "DELETE FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [old["child_id"] as String])
            try db.execute(
                sql: "INSERT INTO summaries(\(old.columnNames.joined(separator: ", "))) VALUES (\(old.columnNames.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(old.databaseValues))
        }
    }

    @Test func aRolledBackSummaryOfAMissingChildIsReadFromHerRecordsAndRaisesACriticalAlert() throws {
        let before = try summary(of: child.id)
        _ = try store.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        try putBack(before)

        let snapshot = try fixture.open(StoreFixture.protection).loadCaseload()
        #expect(snapshot.openEpisode(of: child.id) != nil, "she is missing, whatever the old summary says")
        #expect(snapshot.untrustedChildren == [child.id])
        #expect(!snapshot.isUntrusted(other.id))
        let alerts = AlertRules.evaluate(snapshot: snapshot, now: Samples.now, zone: .current)
        let untrusted = try #require(alerts.first { $0.rule == .recordUntrusted })
        #expect(untrusted.child == child.id && untrusted.severity == .critical)
        #expect(untrusted.message == "⚠ this child's record cannot be trusted — run care check")
        #expect(alerts.contains { $0.rule == .missingNow && $0.child == child.id })

        let window = ShiftPattern.standard.shift(containing: Samples.now, zone: .current)
        let handover = HandoverBuilder.report(
            window: window, snapshot: snapshot, contacts: [], alerts: alerts, saved: nil, previous: nil, now: Samples.now, zone: .current)
        #expect(handover.strip.missingNow == 1)
        let card = try #require(handover.cards.first { $0.child == child.id })
        #expect(card.isMissingNow && card.reasons.contains("record cannot be trusted"))
    }

    @Test func aSummaryNoEventWroteIsNotTrusted() throws {
        // The other child's summary, copied over under this child's id, with a version the
        // trail knows but a row it never wrote: it does not open here (bound to its child), and a
        // summary that opens but differs from the trail is the attack above. Both are read from
        // the records.
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE summaries SET version = version + 1 WHERE child_id = ? AND class = 'team'", arguments: [other.id.rawValue])
        }
        let snapshot = try store.loadCaseload()
        #expect(snapshot.untrustedChildren == [other.id])
        #expect(snapshot.children.contains { $0.id == other.id })
    }

    @Test func anUntouchedStoreTrustsEverySummary() throws {
        let snapshot = try store.loadCaseload()
        #expect(snapshot.untrustedChildren.isEmpty)
        #expect(snapshot.damaged.isEmpty)
    }
}

extension SummaryTrustTests {
    @Test func aDeletedSummaryIsNotTrustedEither() throws {
        _ = try store.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        try fixture.raw().write { db in
            try db.execute(sql: "DELETE FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [child.id.rawValue])
        }
        let snapshot = try store.loadCaseload()
        #expect(snapshot.untrustedChildren == [child.id])
        #expect(snapshot.openEpisode(of: child.id) != nil)
    }
}
