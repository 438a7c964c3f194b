import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A sealed payload opens only in the row it was sealed for: every clear column a reader relies
/// on is bound into its associated data.
@Suite struct SealBindingTests {
    @Test func aPayloadCopiedToAnotherRowDoesNotOpen() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let first = try store.save(Samples.child(author: store.worker.id, sequence: 1), summary: "opened")
        let second = try store.save(Samples.child(author: store.worker.id, sequence: 2), summary: "opened")
        try fixture.raw().write { db in
            try db.execute(sql: """
                UPDATE records SET payload = (SELECT payload FROM records WHERE id = ?) WHERE id = ?
                """, arguments: [first.recordID, second.recordID])
        }
        #expect(throws: StoreError.sealBroken(kind: "child", id: second.recordID)) {
            try store.loadDetail(of: second.id, contactLimit: 1)
        }
        let report = try store.verify()
        #expect(report.problems.map(\.id) == [second.recordID])
        #expect(!report.isHealthy)
    }

    @Test func anOlderSealedCopyPutBackIsRefused() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        let oldPayload = try fixture.raw().read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM records WHERE id = ?", arguments: [child.recordID])
        }
        var edited = child
        edited.riskLevel = .critical
        _ = try store.save(edited, summary: "risk raised")
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET payload = ? WHERE id = ?", arguments: [oldPayload, child.recordID])
        }
        // The caseload reads the child's summary, written with the change; the record itself,
        // put back, does not open when the record is opened, and the check names it.
        #expect(try store.loadCaseload().children.first?.riskLevel == .critical)
        #expect(throws: StoreError.sealBroken(kind: "child", id: child.recordID)) { try store.loadDetail(of: child.id, contactLimit: 1) }
        #expect(try store.verify().problems.map(\.id) == [child.recordID])
    }

    /// A column an attacker with sqlite3 might change, and a value to change it to.
    struct ColumnEdit: Sendable, CustomTestStringConvertible {
        let column: String
        let value: String
        var testDescription: String { column }

        static let all = [
            ColumnEdit(column: "child_id", value: "'another-child'"),
            ColumnEdit(column: "sort_at", value: "sort_at - 86400"),
            ColumnEdit(column: "updated_at", value: "updated_at + 1"),
            ColumnEdit(column: "change_seq", value: "change_seq + 1000"),
            ColumnEdit(column: "version", value: "version + 1"),
            ColumnEdit(column: "class", value: "'restricted'"),
        ]
    }

    @Test(arguments: ColumnEdit.all)
    func everyClearColumnIsBoundIntoTheSeal(_ edit: ColumnEdit) throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        let contact = try store.save(Samples.contact(child: child.id, author: store.worker.id), summary: "note")
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET \(edit.column) = \(edit.value) WHERE id = ?", arguments: [contact.recordID])
        }
        // The supervisor holds every class key, so a refusal here is the seal's, not the class's:
        // the note is not shown, and is named as damaged where it is filed.
        let filedUnder = ChildID(rawValue: try fixture.raw().read { db in
            try String.fetchOne(db, sql: "SELECT child_id FROM records WHERE id = ?", arguments: [contact.recordID])
        } ?? "")
        let page = try store.loadContacts(of: filedUnder, after: .start, limit: 10)
        #expect(page.contacts.isEmpty)
        #expect(page.damaged == [DamagedRecord(kind: "contact", id: contact.recordID, child: filedUnder)])
        #expect(!(try store.verify().isHealthy))
    }

    @Test func aHealthyStoreVerifies() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        _ = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        let report = try store.verify()
        #expect(report.isHealthy, "\(report)")
        // 5 records (the child, the admin's worker, ...) and the child's summary.
        #expect(report.recordsChecked == 5 + 1)
        #expect(report.recordsNotReadable == 0)
    }
}

/// The sealer binds a payload to its row's every column and to the key of its class.
@Suite struct RecordSealerTests {
    func row(_ visibility: VisibilityClass = .team) -> RecordRow {
        RecordRow(kind: "contact", id: "c-1", childID: "child-1", version: 2, sortAt: 1_780_000_000, updatedAt: 1_780_000_060,
                  changeSequence: 7, visibility: visibility)
    }

    func keyring() -> Keyring {
        var keyring = Keyring(storeID: "store-1", team: Keyring.makeClassKey())
        keyring.add(Keyring.makeClassKey(), for: .restricted)
        return keyring
    }

    @Test func aPayloadOpensOnlyUnderItsOwnColumnsAndKey() throws {
        let keyring = keyring()
        let sealer = RecordSealer(keyring: keyring)
        var sealed = row(.restricted)
        try sealer.seal(Data("payload".utf8), into: &sealed)
        #expect(try sealer.open(sealed) == Data("payload".utf8))

        var moved = sealed
        moved.childID = "child-2"
        #expect(throws: StoreError.sealBroken(kind: "contact", id: "c-1")) { try sealer.open(moved) }
        var relabelled = sealed
        relabelled.visibility = .team
        #expect(throws: StoreError.sealBroken(kind: "contact", id: "c-1")) { try sealer.open(relabelled) }

        var teamOnly = Keyring(storeID: "store-1", team: keyring.team)
        teamOnly.add(Keyring.makeClassKey(), for: .investigation)
        #expect(throws: StoreError.classNotHeld(.restricted)) { try RecordSealer(keyring: teamOnly).open(sealed) }
        var otherStore = Keyring(storeID: "store-2", team: keyring.team)
        otherStore.add(keyring.key(for: .restricted)!, for: .restricted)
        #expect(throws: StoreError.sealBroken(kind: "contact", id: "c-1")) { try RecordSealer(keyring: otherStore).open(sealed) }
    }

    @Test func anAuditPayloadOpensOnlyAtItsSequence() throws {
        let sealer = RecordSealer(keyring: keyring())
        let blob = try sealer.sealAudit(Data("summary".utf8), sequence: 4)
        #expect(try sealer.openAudit(blob, sequence: 4) == Data("summary".utf8))
        #expect(throws: StoreError.sealBroken(kind: "audit", id: "5")) { try sealer.openAudit(blob, sequence: 5) }
    }
}
