import CareDomain
import Crypto
import Foundation
import GRDB

/// The keyring on disk: which classes have a key (`keyring`, with a key check each), who holds
/// each key (`key_grants`, sealed to the account's public key, beside the entitlement that lets
/// any holder grant it), making a class's key, granting it, and giving an account its key pair.
enum ClassKeys {
    /// An account as granting needs it.
    struct Holder {
        var id: String
        var role: Role
        var publicKey: Data?
    }

    static func exists(_ visibility: VisibilityClass, db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM keyring WHERE class = ?)", arguments: [visibility.rawValue]) ?? false
    }

    /// Whether `key` is the store's key of `visibility` (by the key check in `keyring`).
    static func matches(_ key: SymmetricKey, _ visibility: VisibilityClass, storeID: String, db: Database) throws -> Bool {
        let check = try Data.fetchOne(db, sql: "SELECT key_check FROM keyring WHERE class = ?", arguments: [visibility.rawValue])
        return check == Keyring.keyCheck(key, storeID: storeID, visibility: visibility)
    }

    /// The class keys granted to an account, opened with its private key. A grant that does not
    /// open, or opens to a key the store does not know, is left out with a notice in words.
    static func granted(
        to accountID: String, privateKey: AccountKeys.PrivateKey, storeID: String, db: Database
    ) throws -> (Keyring, [String]) {
        var keys: [VisibilityClass: SymmetricKey] = [:]
        var notices: [String] = []
        let rows = try Row.fetchAll(
            db, sql: "SELECT class, sealed_key FROM key_grants WHERE account_id = ? AND sealed_key IS NOT NULL", arguments: [accountID])
        for row in rows {
            guard let visibility = VisibilityClass(rawValue: try row.stored("class")) else { continue }
            guard try exists(visibility, db: db) else {
                notices.append(missingKeyNotice(visibility))
                continue
            }
            guard let key = KeyGrant.open(try row.stored("sealed_key"), with: privateKey, storeID: storeID, accountID: accountID, visibility: visibility),
                  try matches(key, visibility, storeID: storeID, db: db)
            else {
                notices.append("The key to \(visibility.records) given to this account does not match the store's; ask a supervisor to set this account's passphrase again.")
                continue
            }
            keys[visibility] = key
        }
        guard let team = keys.removeValue(forKey: .team) else {
            throw StoreError.corrupt("this account holds no key to the team's records")
        }
        var keyring = Keyring(storeID: storeID, team: team)
        for (visibility, key) in keys { keyring.add(key, for: visibility) }
        try TeamKeyHistory.load(into: &keyring, db: db)
        return (keyring, notices)
    }

    /// What an account is told when the key of a class its role reads is not in the keyring: it
    /// is never made again (that would leave every older record of the class unreadable and
    /// hand the new key to whatever the clear role column says).
    static func missingKeyNotice(_ visibility: VisibilityClass) -> String {
        "The key to \(visibility.records) is missing from this store; restore it from a backup. Until then they stay hidden here."
    }

    /// Writes `holder`'s entitlement to `visibility` and, when it has a key pair, its sealed copy
    /// of `key`. In a certified store only an account whose certificate verifies, for a class its
    /// certified role reads, receives a key (`Certificates.mayReceive`); one never certified
    /// (still on the first format when the store was certified) only when
    /// `uncertifiedByEntitlement` (its own keys, or an entitlement made under the key).
    static func grant(
        _ key: SymmetricKey, _ visibility: VisibilityClass, to holder: Holder, storeID: String, db: Database,
        uncertifiedByEntitlement: Bool = false
    ) throws {
        guard try Certificates.mayReceive(visibility, accountID: holder.id, storeID: storeID, db: db, uncertifiedByEntitlement: uncertifiedByEntitlement) else {
            throw StoreError.invalid(
                "The key to \(visibility.records) was not given: the account is not certified by the unit's authority for a role that reads them.")
        }
        let entitlement = KeyGrant.entitlement(
            key, storeID: storeID, visibility: visibility, accountID: holder.id, role: holder.role, publicKey: holder.publicKey)
        let sealed = try holder.publicKey.map { raw in
            try KeyGrant.seal(
                key, to: AccountKeys.PublicKey(rawRepresentation: raw), storeID: storeID, accountID: holder.id, visibility: visibility)
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO key_grants(account_id, class, entitlement, sealed_key) VALUES (?, ?, ?, ?)",
            arguments: [holder.id, visibility.rawValue, entitlement, sealed])
    }

    /// Gives an account that signed in with the first format's wrap its key pair: the private
    /// key wrapped under the same passphrase, the data key's wrap erased, and every class key
    /// this session holds granted to it.
    static func register(
        _ unlock: AccountUnlock, passphrase: String, keyring: Keyring, cost: KDFCost, db: Database
    ) throws -> AccountKeys.PrivateKey {
        let privateKey = AccountKeys.makeKeyPair()
        // The passphrase is the one the account already has: the minimum applies to new ones.
        let wrapped = try AccountKeys.wrap(privateKey, passphrase: passphrase, cost: cost, accountID: unlock.accountID, minimumLength: 0)
        let publicKey = privateKey.publicKey.rawRepresentation
        try db.execute(
            sql: """
                UPDATE accounts SET public_key = ?, wrapped_private = ?, kdf_salt = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?,
                    wrapped_key = X'', version = version + 1
                WHERE id = ?
                """,
            arguments: [publicKey, wrapped.sealed, wrapped.salt, cost.rounds, cost.blockSize, cost.parallelism, unlock.accountID])
        let holder = Holder(id: unlock.accountID, role: unlock.role, publicKey: publicKey)
        for visibility in keyring.classes {
            try grant(keyring.key(for: visibility)!, visibility, to: holder, storeID: keyring.storeID, db: db, uncertifiedByEntitlement: true)
        }
        return privateKey
    }

    /// Every active account, as granting needs it.
    static func holders(_ db: Database) throws -> [Holder] {
        try Row.fetchAll(db, sql: "SELECT id, role, public_key FROM accounts WHERE active = 1 ORDER BY id").compactMap { row in
            guard let role = Role(rawValue: try row.stored("role")) else { return nil }
            return Holder(id: try row.stored("id"), role: role, publicKey: try row.stored("public_key"))
        }
    }

    /// Makes the key of `visibility`, which the store upgraded from the first format has never
    /// had (`Certificates.pendingClasses`; a class removed from the keyring is never made
    /// again): records its key check, grants it to every active account whose role may read it
    /// (sealed now for those with a key pair, waiting for the others), and seals the class's
    /// rows still in the first format under it. Returns the rows resealed, for the audit event.
    static func make(
        _ visibility: VisibilityClass, keyring: inout Keyring, db: Database
    ) throws -> (rows: [RecordRow], holders: Int) {
        var pending = try Certificates.pendingClasses(db)
        guard pending.remove(visibility) != nil else { throw StoreError.invalid(missingKeyNotice(visibility)) }
        try Certificates.notePending(pending, db: db)
        let key = Keyring.makeClassKey()
        try db.execute(
            sql: "INSERT INTO keyring(class, key_check) VALUES (?, ?)",
            arguments: [visibility.rawValue, Keyring.keyCheck(key, storeID: keyring.storeID, visibility: visibility)])
        keyring.add(key, for: visibility)
        // In a certified store only certified accounts: one still on the first format could
        // carry a public key planted in the file (`Certificates.mayReceive`).
        let entitled = try holders(db).filter {
            try $0.role.mayRead(visibility) && Certificates.mayReceive(visibility, accountID: $0.id, storeID: keyring.storeID, db: db)
        }
        for holder in entitled { try grant(key, visibility, to: holder, storeID: keyring.storeID, db: db) }
        let sealer = RecordSealer(keyring: keyring)
        var resealed: [RecordRow] = []
        let legacy = try Row.fetchAll(
            db, sql: "SELECT \(RecordRow.columns) FROM records WHERE class = ? AND seal = ?",
            arguments: [visibility.rawValue, RecordRow.Seal.legacy.rawValue])
        for stored in legacy {
            var row = try RecordRow(row: stored)
            let plain = try LegacySeal.open(row.payload, kind: row.kind, id: row.id, key: keyring.team)
            try sealer.seal(plain, into: &row)
            guard try row.update(db, expectedVersion: row.version) else { throw StoreError.busy }
            resealed.append(row)
        }
        return (resealed, entitled.count)
    }

    /// Seals each class key this session holds to every account entitled to it that has a key
    /// pair but no copy yet (it got its key pair after the key was made). Only an entitlement
    /// written under the key itself counts, for the role the account has now. In a certified
    /// store only a certified account receives one: the public key of an account still on the
    /// first format proves nothing (anyone with the file could have put it there), so such an
    /// account waits for a supervisor to set its passphrase, which makes and certifies its key
    /// pair (`Certificates.uncertifiedNotice`).
    static func grantPending(keyring: Keyring, db: Database) throws -> [VisibilityClass: Int] {
        var granted: [VisibilityClass: Int] = [:]
        for visibility in keyring.classes {
            let key = keyring.key(for: visibility)!
            let waiting = try Row.fetchAll(db, sql: """
                SELECT a.id, a.role, a.public_key, g.entitlement FROM key_grants g JOIN accounts a ON a.id = g.account_id
                WHERE g.class = ? AND g.sealed_key IS NULL AND a.active = 1 AND a.public_key IS NOT NULL
                """, arguments: [visibility.rawValue])
            for row in waiting {
                guard let role = Role(rawValue: try row.stored("role")), role.mayRead(visibility) else { continue }
                let holder = Holder(id: try row.stored("id"), role: role, publicKey: try row.stored("public_key"))
                let stored: Data = try row.stored("entitlement")
                let waitingForm = KeyGrant.entitlement(key, storeID: keyring.storeID, visibility: visibility, accountID: holder.id, role: role, publicKey: nil)
                let boundForm = KeyGrant.entitlement(key, storeID: keyring.storeID, visibility: visibility, accountID: holder.id, role: role, publicKey: holder.publicKey)
                guard stored == waitingForm || stored == boundForm,
                      try Certificates.mayReceive(visibility, accountID: holder.id, storeID: keyring.storeID, db: db)
                else { continue }
                try grant(key, visibility, to: holder, storeID: keyring.storeID, db: db)
                granted[visibility, default: 0] += 1
            }
        }
        return granted
    }
}
