import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Issue 22, build 5: opening a child's record checks its rows against the trail. A note put back
/// at an older version (its seal still opens: the store sealed it) used to be shown as if it were
/// current; the record now says it cannot be trusted, and is still shown.
@Suite struct RecordTrustTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore
    let child: Child
    let other: Child

    init() throws {
        fixture = try StoreFixture()
        store = try fixture.create()
        child = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 1)))
        other = try store.performed(.createChild(Samples.newChild(author: store.worker.id, sequence: 2)))
    }

    func row(_ kind: String, _ id: String) throws -> Row {
        try #require(try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM records WHERE kind = ? AND id = ?", arguments: [kind, id])
        })
    }

    /// Puts a whole row back as it was (every column), as someone with a copy of the file can.
    func putBack(_ old: Row) throws {
        try fixture.raw().write { db in
            try db.execute(sql: "DELETE FROM records WHERE kind = ? AND id = ?", arguments: [old["kind"] as String, old["id"] as String])
            try db.execute(
                sql: "INSERT INTO records(\(old.columnNames.joined(separator: ", "))) VALUES (\(old.columnNames.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(old.databaseValues))
        }
    }

    @Test func aHealthyRecordOpensTrusted() throws {
        _ = try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id, visibility: .restricted)))
        let detail = try fixture.open(StoreFixture.protection).loadDetail(of: child.id, contactLimit: 10)
        #expect(detail.untrusted.isEmpty, "\(detail.untrusted)")
        #expect(try fixture.open(StoreFixture.police).loadDetail(of: child.id, contactLimit: 10).untrusted.isEmpty)
    }

    @Test func anIndicatorPutBackAtAnOlderVersionMakesTheRecordUntrustedAndItIsStillShown() throws {
        let indicator = try store.performed(.addIndicator(Samples.indicator(child: child.id)), as: RiskIndicator.self)
        let before = try row("indicator", indicator.recordID)
        _ = try store.perform(.resolveIndicator(indicator.id, note: "resolved in a test"))
        try putBack(before)

        let reader = try fixture.open(StoreFixture.protection)
        let detail = try reader.loadDetail(of: child.id, contactLimit: 10)
        #expect(detail.child.id == child.id, "the child is shown, never hidden")
        #expect(detail.untrusted == [DamagedRecord(kind: "indicator", id: indicator.recordID, child: child.id)])
        #expect(detail.indicators.map(\.id) == [indicator.id], "the row opens: its seal is the store's own")
        // Every role is told the same; another child is not touched.
        #expect(try fixture.open(StoreFixture.police).loadDetail(of: child.id, contactLimit: 10).untrusted.count == 1)
        #expect(try reader.loadDetail(of: other.id, contactLimit: 10).untrusted.isEmpty)
    }

    @Test func aChildsOwnRowOrASummaryChangedOutsideCareIsNamed() throws {
        let before = try row("child", child.id.rawValue)
        var edited = child
        edited.placement = "Test group home (synthetic)"
        _ = try store.perform(.updateChild(edited))
        try putBack(before)
        try fixture.raw().write { db in
            try db.execute(sql: "DELETE FROM summaries WHERE child_id = ? AND class = 'team'", arguments: [other.id.rawValue])
        }
        let reader = try fixture.open(StoreFixture.protection)
        let first = try reader.loadDetail(of: child.id, contactLimit: 10).untrusted
        #expect(first.map(\.kind) == ["child"], "\(first)")
        let second = try reader.loadDetail(of: other.id, contactLimit: 10).untrusted
        #expect(second == [DamagedRecord(kind: "summary", id: "team/\(other.id.rawValue)", child: other.id)], "\(second)")
    }

    /// A record deleted outright leaves no row under the child to look up, and care never deletes
    /// one: opening the record finds it by the trail's index by child and names it, the child
    /// still shown (it was named only by `care check` before). Here the open missing episode of
    /// a child reported missing, and a note.
    @Test func aMissingEpisodeOrANoteDeletedOutrightIsNamedWhenTheRecordOpens() throws {
        let note = try store.performed(.logContact(Samples.contact(child: child.id, author: store.worker.id)), as: Contact.self)
        let episode = try store.performed(.reportMissing(Samples.openEpisode(child: child.id)), as: MissingEpisode.self)
        #expect(try fixture.open(StoreFixture.protection).loadDetail(of: child.id, contactLimit: 10).untrusted.isEmpty)
        try fixture.raw().write { db in
            try db.execute(sql: "DELETE FROM records WHERE kind = 'missing-episode' AND id = ?", arguments: [episode.recordID])
            try db.execute(sql: "DELETE FROM records WHERE kind = 'contact' AND id = ?", arguments: [note.recordID])
        }

        let reader = try fixture.open(StoreFixture.protection)
        let detail = try reader.loadDetail(of: child.id, contactLimit: 10)
        #expect(detail.child.id == child.id, "the child is shown, never hidden")
        #expect(Set(detail.untrusted) == [
            DamagedRecord(kind: "missing-episode", id: episode.recordID, child: child.id),
            DamagedRecord(kind: "contact", id: note.recordID, child: child.id),
        ], "\(detail.untrusted)")
        // Every role is told; another child is not touched.
        #expect(try fixture.open(StoreFixture.police).loadDetail(of: child.id, contactLimit: 10).untrusted.count == 2)
        #expect(try reader.loadDetail(of: other.id, contactLimit: 10).untrusted.isEmpty)
    }
}
