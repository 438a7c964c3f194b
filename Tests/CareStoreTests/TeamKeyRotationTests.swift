import CareDomain
import Crypto
import Foundation
import GRDB
import Testing
@testable import CareStore

/// `care keys rotate team` (issue 22, a fourth pass): the team key also keys the audit trail, so
/// the rotation event is the last event chained under the old key and names the new one; later
/// events and the head are chained under the new key, the old key is kept sealed under the new
/// one to verify what it chained, and the check walks across the boundary.
@Suite struct TeamKeyRotationTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let child: Child

    init() throws {
        let start = try StoreWithARestrictedNote()
        (fixture, supervisor, child) = (start.fixture, start.supervisor, start.child)
        _ = try supervisor.perform(.logContact(Samples.contact(child: child.id, author: supervisor.worker.id, at: 600)))
    }

    func check(as account: NewAccount = StoreFixture.supervisor) throws -> StoreCheckReport {
        let inspection = try StoreInspection.open(options: fixture.options, account: account.accountName, passphrase: account.passphrase)
        defer { try? inspection.close() }
        return try inspection.verify()
    }

    func storeID() throws -> String { try fixture.raw().read(StoreDatabase.storeID) }

    /// The sequence number of the rotation event (the last chained under the old key).
    func rotationEvent() throws -> Int64 {
        try #require(try fixture.raw().read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM audit_rows WHERE kind = ?", arguments: [TeamKeyHistory.entryKind])
        })
    }

    func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        try fixture.raw().write { try $0.execute(sql: sql, arguments: arguments) }
    }

    @Test func aRotationSealsTheTeamsRecordsAgainChainsOnUnderTheNewKeyAndTheCheckWalksAcrossIt() throws {
        let old = try fixture.keyring(of: StoreFixture.supervisor).team
        let storeID = try storeID()
        let before = try supervisor.audit().count

        let rotation = try supervisor.rotateKey(.team)
        #expect(rotation.visibility == .team && rotation.holders == 4, "every account reads the team's records: \(rotation)")
        #expect(rotation.records > 0 && rotation.summaries == 1)
        let boundary = try rotationEvent()
        #expect(boundary == Int64(before + 1), "the rotation is the next event")

        // Later events, from every role, chain under the new key.
        let protection = try fixture.open(StoreFixture.protection)
        let later = try protection.performed(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 1_200)), as: Contact.self)
        let police = try fixture.open(StoreFixture.police)
        #expect(try police.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains { $0.id == later.id })
        for account in [StoreFixture.supervisor, StoreFixture.police, StoreFixture.liaison] {
            let report = try check(as: account)
            #expect(report.isHealthy, "\(account.accountName): \(report)")
        }

        // The child's trail is read across the boundary: her creation before it, the new note after.
        let trail = try supervisor.audit(child: child.id)
        #expect(trail.contains { $0.sequence < boundary && $0.action == .create })
        #expect(trail.contains { $0.sequence > boundary && $0.targetID == later.recordID })

        // The old key opens nothing in the store but the events it chained.
        let oldKeyring = Keyring(storeID: storeID, team: old)
        let rows = try fixture.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT \(RecordRow.columns) FROM records WHERE class = 'team'").map(RecordRow.init(row:))
                + Row.fetchAll(db, sql: "SELECT \(SQLiteCaseStore.summaryColumns) FROM summaries WHERE class = 'team'").map(SQLiteCaseStore.summaryRow)
        }
        #expect(!rows.isEmpty)
        for row in rows { #expect(throws: (any Error).self) { try RecordSealer(keyring: oldKeyring).open(row) } }
        let events = try fixture.raw().read { db in try Row.fetchAll(db, sql: "SELECT seq, payload FROM audit ORDER BY seq") }
        for event in events {
            let seq: Int64 = event["seq"]
            let opens = (try? RecordSealer(keyring: oldKeyring).openAudit(event["payload"], sequence: seq)) != nil
            #expect(opens == (seq <= boundary), "event \(seq)")
        }
        for account in [StoreFixture.supervisor, StoreFixture.protection, StoreFixture.police, StoreFixture.liaison] {
            let team = try fixture.keyring(of: account).team
            #expect(team.withUnsafeBytes { Data($0) } != old.withUnsafeBytes { Data($0) }, "\(account.accountName)")
        }
    }

    @Test func tamperingOnEitherSideOfTheBoundaryIsFound() throws {
        _ = try supervisor.rotateKey(.team)
        let boundary = try rotationEvent()
        _ = try fixture.open(StoreFixture.protection).perform(.logContact(Samples.contact(child: child.id, author: supervisor.worker.id, at: 1_200)))
        let last = try #require(try fixture.raw().read { try Int64.fetchOne($0, sql: "SELECT MAX(seq) FROM audit") })
        #expect(last > boundary + 1)
        #expect(try check().isHealthy)

        for seq in [2, boundary, boundary + 1, last - 1] {
            try tamper("UPDATE audit SET at = at + 60 WHERE seq = ?", [seq])
            let report = try check()
            #expect(report.audit.firstBreak == AuditBreak(sequence: seq, reason: .edited), "event \(seq): \(report.audit)")
            try tamper("UPDATE audit SET at = at - 60 WHERE seq = ?", [seq])
        }
        // The rotation's own entry naming the new key, and the kept old key.
        try tamper("UPDATE audit_rows SET row_hash = zeroblob(32) WHERE kind = ?", [TeamKeyHistory.entryKind])
        #expect(try check().audit.firstBreak == AuditBreak(sequence: boundary, reason: .edited))
    }

    @Test func theOldKeysRecordMissingIsNamedNotSkipped() throws {
        _ = try supervisor.rotateKey(.team)
        try tamper("DELETE FROM key_epochs")
        let report = try check()
        #expect(report.audit.firstBreak == AuditBreak(sequence: 1, reason: .trailKeyMissing), "\(report.audit)")
    }

    /// Someone who held the old team key — a worker who left, with a copy of their grant — and
    /// write access to the file cannot add an event after the rotation: it is chained under the
    /// old key, so the check names it and no session signs in over it.
    @Test func anOldKeyHolderCannotForgeALaterEvent() throws {
        let old = try fixture.keyring(of: StoreFixture.police).team
        let storeID = try storeID()
        _ = try supervisor.rotateKey(.team)
        _ = try fixture.open(StoreFixture.protection)

        let oldKeys = SessionKeys(keyring: Keyring(storeID: storeID, team: old), privateKey: nil)
        try fixture.raw().write { db in
            let head = try #require(try AuditLog.storedHead(db))
            let forged = try AuditLinking.link(
                AuditLinking.Pending(action: .notice, actor: nil, at: Samples.now, summary: "a forged event of a test"),
                after: head, keys: oldKeys)
            try db.execute(
                sql: "INSERT INTO audit(\(AuditRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [forged.row.seq, forged.row.at, forged.row.action, forged.row.actorKey, forged.row.targetKey,
                            forged.row.childKey, forged.row.payload, forged.row.hash])
            // A head under the old key too: it does not verify under the store's.
            try AuditLog.storeHead(forged.head, db: db)
        }
        let forgedSeq = try #require(try fixture.raw().read { try Int64.fetchOne($0, sql: "SELECT MAX(seq) FROM audit") })
        #expect(throws: (any Error).self) { try fixture.open(StoreFixture.protection) }
        let report = try check()
        #expect(report.audit.firstBreak == AuditBreak(sequence: forgedSeq, reason: .edited), "\(report.audit)")
    }

    @Test func aSessionOpenDuringTheRotationIsToldAndTakesTheNewKeyAtUnlock() throws {
        let liaison = try fixture.open(StoreFixture.liaison)
        _ = try supervisor.rotateKey(.team)
        #expect {
            try liaison.loadDetail(of: child.id, contactLimit: 10)
        } throws: { error in
            "\(error)".contains("changed the key to the team's records since this session signed in")
        }
        liaison.lock()
        try liaison.unlock(passphrase: StoreFixture.liaison.passphrase)
        #expect(try liaison.loadDetail(of: child.id, contactLimit: 10).child.id == child.id)
        _ = try supervisor.rotateKey(.team)
        #expect(try check().isHealthy, "two rotations, three keys, one trail")
    }

    @Test func anAccountWithoutACertificateStopsTheRotationInWords() throws {
        try tamper("UPDATE accounts SET certificate = NULL WHERE account_name = ?", [StoreFixture.liaison.accountName])
        #expect {
            try supervisor.rotateKey(.team)
        } throws: { error in
            "\(error)".contains(StoreFixture.liaison.accountName) && "\(error)".contains("care user passwd")
        }
        #expect(try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM key_epochs") } == 0)
    }

    /// A server store walks its trail under one team key, so `care migrate` refuses in words.
    @Test func aStoreWhoseTeamKeyWasRotatedIsNotCopiedToAServer() throws {
        #expect(throws: Never.self) { try StoreAdmin.tables(options: fixture.options) }
        _ = try supervisor.rotateKey(.team)
        #expect {
            try StoreAdmin.tables(options: fixture.options)
        } throws: { error in
            "\(error)".contains("team key was rotated")
        }
    }
}
