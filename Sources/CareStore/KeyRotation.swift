import CareDomain
import Crypto
import Foundation
import GRDB

/// `care keys rotate CLASS`: a supervisor replaces the key of one visibility class. Everything
/// sealed under it (records of the class, drafts among them, and the class's caseload
/// summaries) is sealed again under a new random key, the new key is granted to every account
/// whose *certificate* says it is active in a role that reads the class, the keyring's key check
/// and signature are replaced, and one audit event lists every row it sealed again — all in one
/// transaction. Afterwards nothing in the file opens under the old key: a copy of a grant taken
/// earlier, or the key of an account moved out of the role, opens nothing written since and
/// nothing still in the store.
extension SQLiteCaseStore {
    /// What a rotation did, for the command's words.
    public struct KeyRotation: Sendable, Equatable {
        public var visibility: VisibilityClass
        /// Records (drafts included) sealed again under the new key.
        public var records: Int
        /// Caseload summaries sealed again under the new key.
        public var summaries: Int
        /// Accounts the new key was granted to.
        public var holders: Int
    }

    /// Replaces the key of `visibility`. Supervisors only; a certified store only (the grants
    /// follow certificates, never the clear role column).
    ///
    /// The team key also keys the audit trail, which is not chained again: the rotation event
    /// is the last event chained under the old key and names the new one, every later event and
    /// the head are under the new key, and the old key is kept sealed under the new one to
    /// verify and read the events it chained (`TeamKeyHistory`). It is refused while an active
    /// account has no valid certificate (it would be left without any key) or a class's key
    /// was never made (its rows wait under the old key).
    ///
    /// Every row sealed again must first agree with the last version the audit trail wrote of
    /// it: sealing a row put back or changed outside care and listing it in a new event would
    /// make it look legitimate, so the rotation is refused in words and `care check` names it.
    public func rotateKey(_ visibility: VisibilityClass) throws -> KeyRotation {
        try require(.manageAccounts)
        let keys = try session.keys()
        guard let authority = keys.authority else {
            throw StoreError.invalid(
                "Rotating a key needs the unit's authority, which this session does not hold (the store's accounts are not yet "
                    + "certified, or this account was not given it); nothing was changed.")
        }
        guard let oldKey = keys.keyring.key(for: visibility) else {
            throw StoreError.invalid("This session holds no key to \(visibility.records), so it cannot rotate it; nothing was changed.")
        }
        var rotation = KeyRotation(visibility: visibility, records: 0, summaries: 0, holders: 0)
        let newKeys: SessionKeys = try write(keys: keys) { db, keys in
            guard try ClassKeys.matches(oldKey, visibility, storeID: keys.storeID, db: db) else {
                throw StoreError.invalid("The key to \(visibility.records) in this store is not the one this session holds; run care check. Nothing was changed.")
            }
            let newKey = Keyring.makeClassKey()
            var keyring = keys.keyring
            keyring.add(newKey, for: visibility)
            var trailEntries: [RecordTrailEntry] = []
            if visibility == .team {
                try Self.requireReadyForTeamRotation(authority: authority, storeID: keys.storeID, db: db)
                // The rotation event is the last chained under the old key; the head moves
                // under the new key now, so the old key's holder can no longer move it.
                let head = try AuditLog(keys: keys).verifiedTail(db)
                let rotationEvent = head.sequence + 1
                trailEntries = [try TeamKeyHistory.record(
                    previous: oldKey, present: newKey, firstEvent: rotationEvent + 1, storeID: keys.storeID, db: db)]
                keyring.setTeamHistory(
                    keys.keyring.pastTeams + [Keyring.TeamEpoch(
                        number: trailEntries[0].version - 1, firstEvent: keys.keyring.teamFirstEvent, key: oldKey)],
                    presentFrom: rotationEvent + 1)
                try AuditLog.storeHead(AuditHead(sequence: head.sequence, hash: head.hash, keyring: keyring), db: db)
            }
            let rotated = SessionKeys(keyring: keyring, privateKey: keys.privateKey, authority: authority)

            var rows = try Self.resealRecords(of: visibility, from: keys, to: rotated, db: db)
            rotation.records = rows.count
            let summaries = try Self.resealSummaries(of: visibility, from: keys, to: rotated, db: db)
            rotation.summaries = summaries.count
            rows += summaries

            try db.execute(
                sql: "UPDATE keyring SET key_check = ? WHERE class = ?",
                arguments: [Keyring.keyCheck(newKey, storeID: keys.storeID, visibility: visibility), visibility.rawValue])
            try Certificates.signKeyring(authority, storeID: keys.storeID, db: db)
            // Every copy of the old key goes; the new one reaches exactly the accounts whose
            // certificate verifies for an active role that reads the class.
            try db.execute(sql: "DELETE FROM key_grants WHERE class = ?", arguments: [visibility.rawValue])
            let authorityKey = authority.publicKey
            for stored in try Certificates.accounts(db) {
                let account = stored.account
                guard account.verifies(stored.certificate, authority: authorityKey, storeID: keys.storeID),
                      account.active, account.role.mayRead(visibility), account.publicKey != nil
                else { continue }
                try ClassKeys.grant(
                    newKey, visibility, to: ClassKeys.Holder(id: account.id, role: account.role, publicKey: account.publicKey),
                    storeID: keys.storeID, db: db)
                rotation.holders += 1
            }
            try AuditLog(keys: rotated).append(db, AuditLog.NewEvent(
                action: .accountChange, actor: worker.id.rawValue, at: clock.now(),
                summary: "rotated the key to \(visibility.records): sealed \(rotation.records) records and \(rotation.summaries) "
                    + "summaries under a new key, given to \(rotation.holders) accounts"
                    + (visibility == .team ? "; the audit trail is chained under the new key after this event" : ""),
                rows: rows, entries: trailEntries))
            return rotated
        }
        session.set(.unlocked(newKeys))
        return rotation
    }

    /// The team key reaches only accounts with a valid certificate, and rows still waiting for
    /// a class key never made are sealed under the old team key (the first format's seal): a
    /// rotation now would leave those accounts with no key at all, or those rows unreadable.
    private static func requireReadyForTeamRotation(authority: UnitAuthority, storeID: String, db: Database) throws {
        let uncertified = try Certificates.accounts(db).filter {
            $0.account.active && !$0.account.verifies($0.certificate, authority: authority.publicKey, storeID: storeID)
        }.map(\.account.name)
        if !uncertified.isEmpty {
            throw StoreError.invalid(
                "The team's key was not rotated: \(uncertified.joined(separator: ", ")) \(uncertified.count == 1 ? "has" : "have") no valid "
                    + "certificate and would be left without any key. Set \(uncertified.count == 1 ? "its" : "each one's") passphrase "
                    + "with `care user passwd NAME` first. Nothing was changed.")
        }
        let pending = try Certificates.pendingClasses(db)
        if !pending.isEmpty {
            throw StoreError.invalid(
                "The team's key was not rotated: the key to \(pending.sorted().map(\.records).joined(separator: " and ")) was never made "
                    + "and those records wait under the team's key; someone who may read them signs in first. Nothing was changed.")
        }
    }

    /// Seals every record of `visibility` again under `rotated`'s key, each first checked
    /// against the trail. Returns the rows as written, for the audit event.
    private static func resealRecords(
        of visibility: VisibilityClass, from keys: SessionKeys, to rotated: SessionKeys, db: Database
    ) throws -> [RecordRow] {
        let stored = try Row.fetchAll(db, sql: """
            SELECT \(RecordRow.columns) FROM records WHERE class = ? ORDER BY rowid
            """, arguments: [visibility.rawValue])
        var written: [RecordRow] = []
        for entry in stored {
            var row = try RecordRow(row: entry)
            try requireAsTrailed(row, db: db)
            let plain = row.seal == .legacy
                ? try LegacySeal.open(row.payload, kind: row.kind, id: row.id, key: keys.keyring.team)
                : try keys.sealer.open(row)
            try rotated.sealer.seal(plain, into: &row)
            guard try row.update(db, expectedVersion: row.version) else { throw StoreError.busy }
            written.append(row)
        }
        return written
    }

    /// Seals every caseload summary of `visibility` again under `rotated`'s key, each first
    /// checked against the trail.
    private static func resealSummaries(
        of visibility: VisibilityClass, from keys: SessionKeys, to rotated: SessionKeys, db: Database
    ) throws -> [RecordRow] {
        guard try db.tableExists("summaries") else { return [] }
        let stored = try Row.fetchAll(db, sql: """
            SELECT \(summaryColumns) FROM summaries WHERE class = ? ORDER BY rowid
            """, arguments: [visibility.rawValue])
        var written: [RecordRow] = []
        for entry in stored {
            var row = try summaryRow(entry)
            try requireAsTrailed(row, db: db)
            let plain = try keys.sealer.open(row)
            try rotated.sealer.seal(plain, into: &row)
            try db.execute(
                sql: "UPDATE summaries SET payload = ? WHERE child_id = ? AND class = ? AND version = ?",
                arguments: [row.payload, row.childID, row.visibility.rawValue, row.version])
            guard db.changesCount == 1 else { throw StoreError.busy }
            written.append(row)
        }
        return written
    }

    /// Refuses a row that is not exactly as the trail last wrote it (version, child and row
    /// hash), in words that send the supervisor to `care check`.
    private static func requireAsTrailed(_ row: RecordRow, db: Database) throws {
        guard try isAsTrailed(row, db: db) else {
            throw StoreError.invalid(
                "The \(row.kind) record \(row.id) is not as the audit trail last wrote it, so the key was not rotated (sealing it "
                    + "again would hide that); run care check. Nothing was changed.")
        }
    }
}
