import CareDomain
import Foundation
import GRDB

/// Accounts: each person has their own passphrase over their own key pair, and holds the class
/// keys their role may read.
extension SQLiteCaseStore {
    /// Adds an account and its `Worker` record. Supervisors only.
    @discardableResult
    public func addAccount(_ account: NewAccount) throws -> Worker {
        try Permission.manageAccounts.require(role)
        let name = try account.validatedName()
        let newWorker = Worker(accountName: name, displayName: account.displayName, role: account.role, unit: unit)
        return try addAccount(newWorker, passphrase: account.passphrase)
    }

    /// Adds an account for a worker with a given id (the demo generator's). `minimumLength` is
    /// lowered only for the demo store. The supervisor knows the first passphrase, so the key
    /// pair is made here and every class key the role may read is granted at once.
    @discardableResult
    func addAccount(_ newWorker: Worker, passphrase: String, minimumLength: Int = KeyVault.minimumPassphraseLength) throws -> Worker {
        try Permission.manageAccounts.require(role)
        let name = newWorker.accountName
        let privateKey = AccountKeys.makeKeyPair()
        let wrapped = try AccountKeys.wrap(
            privateKey, passphrase: passphrase, cost: options.kdfCost, accountID: newWorker.id.rawValue, minimumLength: minimumLength)
        return try write { db, keys in
            let (saved, row) = try Self.insertAccount(
                newWorker, wrapped: wrapped, publicKey: privateKey.publicKey.rawRepresentation, at: clock.now(), db: db, keys: keys)
            try Self.grantHeldKeys(keys.keyring, to: ClassKeys.Holder(id: saved.id.rawValue, role: saved.role, publicKey: privateKey.publicKey.rawRepresentation), db: db)
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: saved.id.rawValue,
                summary: "added account \(name) (\(newWorker.role.title))", rows: [row])
            return saved
        }
    }

    /// Inserts the worker record (version 1, in the change feed) and the account row holding its
    /// public key and wrapped private key.
    static func insertAccount(
        _ worker: Worker, wrapped: WrappedKey, publicKey: Data, at: Date, db: Database, keys: SessionKeys
    ) throws -> (Worker, RecordRow) {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM accounts WHERE account_name = ?)", arguments: [worker.accountName]) == true {
            throw StoreError.accountExists(worker.accountName)
        }
        var saved = worker
        saved.version = 1
        let row = try insertRow(
            saved, at: at, changeSequence: try reserveChangeSequences(db, count: 1), db: db, keys: keys, encoder: RecordCoding.encoder())
        try db.execute(
            sql: """
                INSERT INTO accounts(id, account_name, role, active, wrapped_key, public_key, wrapped_private, kdf_salt, kdf_n, kdf_r, kdf_p, version)
                VALUES (?, ?, ?, 1, X'', ?, ?, ?, ?, ?, ?, 1)
                """,
            arguments: [
                saved.id.rawValue, saved.accountName, saved.role.rawValue, publicKey, wrapped.sealed, wrapped.salt,
                wrapped.cost.rounds, wrapped.cost.blockSize, wrapped.cost.parallelism,
            ])
        try certify(
            CertifiedAccount(id: saved.id.rawValue, name: saved.accountName, role: saved.role, active: true, publicKey: publicKey),
            keys: keys, db: db)
        return (saved, row)
    }

    /// Certifies `account` as it now stands with this supervisor's authority, and seals the
    /// authority to it when it is an active supervisor (erasing that copy otherwise). The caller
    /// made its key, or verified the certificate of the key it keeps. A store not yet certified
    /// gets nothing (its first supervisor sign-in certifies every account).
    static func certify(_ account: CertifiedAccount, keys: SessionKeys, db: Database) throws {
        guard let authority = keys.authority else {
            guard try Certificates.authorityKey(db) == nil else {
                throw StoreError.invalid("This session does not hold the unit's authority key, so it cannot certify accounts; sign in again as a supervisor.")
            }
            return
        }
        try Certificates.certify(account, authority: authority, storeID: keys.storeID, db: db)
        if account.active, account.role == .supervisor, let publicKey = account.publicKey {
            try Certificates.grantAuthority(authority, to: account.id, publicKey: publicKey, storeID: keys.storeID, db: db)
        } else {
            try db.execute(sql: "DELETE FROM authority_grants WHERE account_id = ?", arguments: [account.id])
        }
    }

    /// Grants `holder` every class key in `keyring` its role may read.
    static func grantHeldKeys(_ keyring: Keyring, to holder: ClassKeys.Holder, db: Database) throws {
        for visibility in holder.role.readableClasses {
            guard let key = keyring.key(for: visibility) else { continue }
            try ClassKeys.grant(key, visibility, to: holder, storeID: keyring.storeID, db: db)
        }
    }

    /// Disables an account: it can no longer sign in, its wrapped private key and its copies of
    /// the class keys are erased, so its passphrase no longer opens this file (copies taken
    /// earlier still do; only re-keying the store would change that). Supervisors only; not
    /// your own account.
    public func disableAccount(_ accountName: String) throws {
        try Permission.manageAccounts.require(role)
        guard accountName != worker.accountName else {
            throw StoreError.invalid("You cannot disable your own account; ask another supervisor.")
        }
        try requireNoOpenCases(ofAccount: accountName)
        try write { db, keys in
            let target = try accountWorker(named: accountName, db: db, keys: keys)
            try db.execute(
                sql: "UPDATE accounts SET active = 0, wrapped_key = X'', wrapped_private = NULL, version = version + 1 WHERE id = ?",
                arguments: [target.id.rawValue])
            try db.execute(sql: "DELETE FROM key_grants WHERE account_id = ?", arguments: [target.id.rawValue])
            // Disabled is what the certificate says now; the key it kept opens nothing.
            if var certified = try Certificates.account(id: target.id.rawValue, db: db)?.account {
                certified.active = false
                try Self.certify(certified, keys: keys, db: db)
            }
            var disabled = target
            disabled.active = false
            disabled.version += 1
            let row = try Self.writeRow(
                disabled, insert: false, expectedVersion: target.version, at: clock.now(),
                changeSequence: try Self.reserveChangeSequences(db, count: 1), db: db, keys: keys, encoder: RecordCoding.encoder())
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: target.id.rawValue,
                summary: "disabled account \(accountName)", rows: row.map { [$0] } ?? [])
        }
    }

    /// Sets a new passphrase for `account`. A worker's own: their private key is wrapped again
    /// (fresh salt, the current `StoreOptions.kdfCost`). Someone else's (supervisors only; it
    /// also re-enables a disabled account): the account gets a new key pair and this supervisor
    /// grants it every class key its role may read — nobody needs its old passphrase.
    public func changePassphrase(account accountName: String, newPassphrase: String) throws {
        if accountName == worker.accountName {
            try changeOwnPassphrase(newPassphrase)
            return
        }
        try Permission.manageAccounts.require(role)
        let keys = try session.keys()
        let target = try read { db, keys in try accountWorker(named: accountName, db: db, keys: keys) }
        let privateKey = AccountKeys.makeKeyPair()
        let publicKey = privateKey.publicKey.rawRepresentation
        let wrapped = try AccountKeys.wrap(privateKey, passphrase: newPassphrase, cost: options.kdfCost, accountID: target.id.rawValue)
        try write(keys: keys) { db, keys in
            try db.execute(
                sql: """
                    UPDATE accounts SET public_key = ?, wrapped_private = ?, wrapped_key = X'', kdf_salt = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?,
                        active = 1, version = version + 1
                    WHERE id = ?
                    """,
                arguments: [
                    publicKey, wrapped.sealed, wrapped.salt, wrapped.cost.rounds, wrapped.cost.blockSize, wrapped.cost.parallelism,
                    target.id.rawValue,
                ])
            try db.execute(sql: "DELETE FROM key_grants WHERE account_id = ?", arguments: [target.id.rawValue])
            let current = try accountWorker(named: accountName, db: db, keys: keys)
            // The key pair was made here: this supervisor certifies it.
            try Self.certify(
                CertifiedAccount(id: target.id.rawValue, name: accountName, role: current.role, active: true, publicKey: publicKey), keys: keys, db: db)
            try Self.grantHeldKeys(keys.keyring, to: ClassKeys.Holder(id: target.id.rawValue, role: current.role, publicKey: publicKey), db: db)
            var rows: [RecordRow] = []
            if !current.active {
                var enabled = current
                enabled.active = true
                enabled.version += 1
                if let row = try Self.writeRow(
                    enabled, insert: false, expectedVersion: current.version, at: clock.now(),
                    changeSequence: try Self.reserveChangeSequences(db, count: 1), db: db, keys: keys, encoder: RecordCoding.encoder()) {
                    rows.append(row)
                }
            }
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: target.id.rawValue,
                summary: current.active ? "changed the passphrase of \(accountName)" : "re-enabled \(accountName) with a new passphrase",
                rows: rows)
        }
    }

    private func changeOwnPassphrase(_ newPassphrase: String) throws {
        let keys = try session.keys()
        guard let privateKey = keys.privateKey else {
            throw StoreError.invalid("Sign in again before changing your passphrase.")
        }
        let wrapped = try AccountKeys.wrap(privateKey, passphrase: newPassphrase, cost: options.kdfCost, accountID: worker.id.rawValue)
        try write(keys: keys) { db, keys in
            try db.execute(
                sql: """
                    UPDATE accounts SET wrapped_private = ?, kdf_salt = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?, version = version + 1
                    WHERE id = ?
                    """,
                arguments: [wrapped.sealed, wrapped.salt, wrapped.cost.rounds, wrapped.cost.blockSize, wrapped.cost.parallelism, worker.id.rawValue])
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: worker.id.rawValue,
                summary: "changed the passphrase of \(worker.accountName)")
        }
    }

    /// Gives an account another role: its worker record and the accounts list change together,
    /// its copies of class keys the new role may not read are erased, and this supervisor grants
    /// the keys the new role may read. What the account read before stays read (a copy of the
    /// file taken earlier still opens with its old keys). Supervisors only; not your own account.
    public func changeRole(account accountName: String, to newRole: Role) throws {
        try Permission.manageAccounts.require(role)
        guard accountName != worker.accountName else {
            throw StoreError.invalid("You cannot change your own role; ask another supervisor.")
        }
        try write { db, keys in
            let target = try accountWorker(named: accountName, db: db, keys: keys)
            guard target.role != newRole else { return }
            // The new certificate is for the key the old one certified: a public key put in the
            // file by anyone else is refused before anything is granted to it.
            if let authority = keys.authority {
                try Certificates.recertify(accountID: target.id.rawValue, authority: authority, storeID: keys.storeID, db: db) { $0.role = newRole }
            }
            try db.execute(
                sql: "UPDATE accounts SET role = ?, version = version + 1 WHERE id = ?", arguments: [newRole.rawValue, target.id.rawValue])
            if let certified = try Certificates.account(id: target.id.rawValue, db: db)?.account {
                try Self.certify(certified, keys: keys, db: db)
            }
            var changed = target
            changed.role = newRole
            changed.version += 1
            let row = try Self.writeRow(
                changed, insert: false, expectedVersion: target.version, at: clock.now(),
                changeSequence: try Self.reserveChangeSequences(db, count: 1), db: db, keys: keys, encoder: RecordCoding.encoder())
            let readable = newRole.readableClasses.map(\.rawValue)
            let marks = readable.map { _ in "?" }.joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM key_grants WHERE account_id = ? AND class NOT IN (\(marks))",
                arguments: StatementArguments([target.id.rawValue] + readable))
            let publicKey = try Data.fetchOne(db, sql: "SELECT public_key FROM accounts WHERE id = ?", arguments: [target.id.rawValue])
            try Self.grantHeldKeys(keys.keyring, to: ClassKeys.Holder(id: target.id.rawValue, role: newRole, publicKey: publicKey), db: db)
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: target.id.rawValue,
                summary: "changed the role of \(accountName) from \(target.role.title) to \(newRole.title)", rows: row.map { [$0] } ?? [])
        }
    }

    /// Every account, for the supervisor's account screen.
    public func listAccounts() throws -> [AccountSummary] {
        try Permission.manageAccounts.require(role)
        return try StoreDatabase.mapErrors(at: location) { try dbQueue.read(StoreAdmin.accountSummaries) }
    }

    /// The worker record behind an account name.
    private func accountWorker(named accountName: String, db: Database, keys: SessionKeys) throws -> Worker {
        guard let id = try String.fetchOne(db, sql: "SELECT id FROM accounts WHERE account_name = ?", arguments: [accountName]) else {
            throw StoreError.unknownAccount(accountName)
        }
        guard let worker = try Self.fetchRecord(Worker.self, id: id, db: db, keys: keys) else {
            throw StoreError.corrupt("the account \"\(accountName)\" has no worker record")
        }
        return worker
    }
}
