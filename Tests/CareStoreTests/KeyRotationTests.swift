import CareDomain
import Crypto
import Foundation
import GRDB
import Testing
@testable import CareStore

/// `care keys rotate CLASS` (issue 22, build 2): a supervisor's audited rotation seals every
/// record of the class again under a new key in one transaction, grants it by certificate, and
/// leaves the old key opening nothing in the file.
@Suite struct KeyRotationTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let child: Child
    let restricted: Contact

    init() throws {
        let start = try StoreWithARestrictedNote()
        (fixture, supervisor, child, restricted) = (start.fixture, start.supervisor, start.child, start.restricted)
    }

    /// Every sealed row in the file: records and caseload summaries.
    func sealedRows() throws -> [RecordRow] {
        try fixture.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT \(RecordRow.columns) FROM records").map(RecordRow.init(row:))
                + Row.fetchAll(db, sql: "SELECT \(SQLiteCaseStore.summaryColumns) FROM summaries").map(SQLiteCaseStore.summaryRow)
        }
    }

    /// Whether `key` opens `row`'s payload under the row's own columns, whatever class it says.
    func opens(_ row: RecordRow, with key: SymmetricKey, storeID: String) -> Bool {
        guard let box = try? AES.GCM.SealedBox(combined: row.payload) else { return false }
        return (try? AES.GCM.open(box, using: key, authenticating: row.associatedData(storeID: storeID))) != nil
    }

    func check(as account: NewAccount = StoreFixture.supervisor) throws -> StoreCheckReport {
        let inspection = try StoreInspection.open(options: fixture.options, account: account.accountName, passphrase: account.passphrase)
        defer { try? inspection.close() }
        return try inspection.verify()
    }

    @Test func aRotationSealsEveryRecordOfTheClassAgainAndTheOldKeyOpensNothing() throws {
        // A second restricted note, a restricted draft and a restricted summary beside the first note.
        let protection = try fixture.open(StoreFixture.protection)
        let second = try protection.performed(.logContact(Samples.contact(
            child: child.id, author: protection.worker.id, at: 7_200, visibility: .restricted)), as: Contact.self)
        try protection.keepDraft(Draft(
            worker: protection.worker.id, child: child.id, form: "ContactForm", name: "contact note",
            fields: ["summary": "draft words of a test"], savedAt: Samples.now, visibility: .restricted))
        let old = try #require(try fixture.keyring(of: StoreFixture.supervisor).key(for: .restricted))
        let storeID = try fixture.raw().read(StoreDatabase.storeID)
        let restrictedBefore = try sealedRows().filter { $0.visibility == .restricted }
        #expect(restrictedBefore.count == 4, "two notes, a draft and a summary: \(restrictedBefore.map(\.kind))")
        #expect(restrictedBefore.allSatisfy { opens($0, with: old, storeID: storeID) })

        let rotation = try supervisor.rotateKey(.restricted)
        #expect(rotation == .init(visibility: .restricted, records: 3, summaries: 1, holders: 3), "supervisor, protection, liaison")

        // The old key opens nothing in the file, and every restricted row is still there.
        let after = try sealedRows()
        #expect(after.filter { $0.visibility == .restricted }.count == 4)
        #expect(after.allSatisfy { !opens($0, with: old, storeID: storeID) })

        // Every entitled role reads every record of the class; police read none.
        for account in [StoreFixture.supervisor, StoreFixture.protection, StoreFixture.liaison] {
            let keys = try fixture.keyring(of: account)
            let new = try #require(keys.key(for: .restricted), "\(account.accountName)")
            #expect(new.withUnsafeBytes { Data($0) } != old.withUnsafeBytes { Data($0) })
            for row in after where row.visibility == .restricted {
                #expect(throws: Never.self) { try RecordSealer(keyring: keys).open(row) }
            }
        }
        let liaison = try fixture.open(StoreFixture.liaison)
        let notes = try liaison.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.map(\.id)
        #expect(Set(notes).isSuperset(of: [restricted.id, second.id]))
        let police = try fixture.keyring(of: StoreFixture.police)
        #expect(police.classes == [.team, .investigation])
        for row in after where row.visibility == .restricted {
            #expect(police.classes.allSatisfy { !opens(row, with: police.key(for: $0)!, storeID: storeID) })
        }
        let policeSession = try fixture.open(StoreFixture.police)
        #expect(try !policeSession.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains { $0.id == restricted.id || $0.id == second.id })

        // The writer gets their draft back, and the rotation is one audited event.
        let reopened = try fixture.open(StoreFixture.protection)
        #expect(try reopened.drafts().map(\.fields["summary"]) == ["draft words of a test"])
        #expect(try supervisor.audit().filter { $0.summary.hasPrefix("rotated the key to restricted notes") }.map(\.summary) == [
            "rotated the key to restricted notes: sealed 3 records and 1 summaries under a new key, given to 3 accounts",
        ])
        for account in [StoreFixture.supervisor, StoreFixture.police] {
            let report = try check(as: account)
            #expect(report.isHealthy, "\(report)")
        }
        // The supervisor's own session goes on with the new key.
        #expect(try supervisor.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains { $0.id == second.id })
    }

    @Test func onlyASupervisorRotates() throws {
        let protection = try fixture.open(StoreFixture.protection)
        for visibility in VisibilityClass.allCases {
            #expect {
                try protection.rotateKey(visibility)
            } throws: { error in
                "\(error)".contains("supervisor")
            }
        }
        #expect(try supervisor.audit().allSatisfy { !$0.summary.hasPrefix("rotated") })
    }

    /// A session open during the rotation holds the old key: it is refused in words (never
    /// shown the class's records as damaged, never sealing new ones nobody else could open),
    /// and unlocking again gives it the new key.
    @Test func aSessionOpenDuringTheRotationIsToldAndTakesTheNewKeyAtUnlock() throws {
        let liaison = try fixture.open(StoreFixture.liaison)
        _ = try supervisor.rotateKey(.restricted)
        #expect {
            try liaison.loadDetail(of: child.id, contactLimit: 10)
        } throws: { error in
            "\(error)".contains("changed the key to restricted notes since this session signed in")
        }
        #expect(throws: (any Error).self) {
            try liaison.perform(.logContact(Samples.contact(child: child.id, author: liaison.worker.id, visibility: .restricted)))
        }
        liaison.lock()
        try liaison.unlock(passphrase: StoreFixture.liaison.passphrase)
        #expect(try liaison.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains { $0.id == restricted.id })
        #expect(try check().isHealthy)
    }

    /// A row changed outside care is not laundered into the trail by sealing it again.
    @Test func aRecordThatDisagreesWithTheTrailStopsTheRotation() throws {
        let before = try fixture.raw().read { db in try Data.fetchOne(db, sql: "SELECT key_check FROM keyring WHERE class = 'restricted'") }
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET updated_at = updated_at + 1 WHERE kind = 'contact' AND id = ?", arguments: [restricted.recordID])
        }
        #expect {
            try supervisor.rotateKey(.restricted)
        } throws: { error in
            "\(error)".contains("is not as the audit trail last wrote it") && "\(error)".contains("care check")
        }
        let after = try fixture.raw().read { db in try Data.fetchOne(db, sql: "SELECT key_check FROM keyring WHERE class = 'restricted'") }
        #expect(before == after)
    }
}
