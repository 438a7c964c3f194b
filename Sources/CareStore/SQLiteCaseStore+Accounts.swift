import CareDomain
import Foundation
import GRDB

/// Accounts: each person has their own passphrase wrapping the same data key.
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
    /// lowered only for the demo store.
    @discardableResult
    func addAccount(_ newWorker: Worker, passphrase: String, minimumLength: Int = KeyVault.minimumPassphraseLength) throws -> Worker {
        try Permission.manageAccounts.require(role)
        let name = newWorker.accountName
        let keys = try session.keys()
        let wrapped = try KeyVault.wrap(
            keys.dataKey, passphrase: passphrase, cost: options.kdfCost, accountID: newWorker.id.rawValue, minimumLength: minimumLength)
        return try write(keys: keys) { db, keys in
            let saved = try Self.insertAccount(newWorker, wrapped: wrapped, at: clock.now(), db: db, keys: keys)
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: saved.id.rawValue,
                summary: "added account \(name) (\(newWorker.role.title))")
            return saved
        }
    }

    /// Inserts the worker record (version 1, in the change feed) and the account row holding its
    /// wrapped key.
    static func insertAccount(_ worker: Worker, wrapped: WrappedKey, at: Date, db: Database, keys: SessionKeys) throws -> Worker {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM accounts WHERE account_name = ?)", arguments: [worker.accountName]) == true {
            throw StoreError.accountExists(worker.accountName)
        }
        var saved = worker
        saved.version = 1
        _ = try writeRow(
            saved, insert: true, expectedVersion: 0, at: at, changeSequence: try reserveChangeSequences(db, count: 1),
            db: db, keys: keys, encoder: RecordCoding.encoder())
        try db.execute(
            sql: """
                INSERT INTO accounts(id, account_name, role, active, wrapped_key, kdf_salt, kdf_n, kdf_r, kdf_p, version)
                VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, 1)
                """,
            arguments: [
                saved.id.rawValue, saved.accountName, saved.role.rawValue, wrapped.sealed, wrapped.salt,
                wrapped.cost.rounds, wrapped.cost.blockSize, wrapped.cost.parallelism,
            ])
        return saved
    }

    /// Disables an account: it can no longer sign in, and its wrapped copy of the data key is
    /// erased, so its passphrase no longer opens this file (copies taken earlier still do; only
    /// re-keying the store would change that). Supervisors only; not your own account.
    public func disableAccount(_ accountName: String) throws {
        try Permission.manageAccounts.require(role)
        guard accountName != worker.accountName else {
            throw StoreError.invalid("You cannot disable your own account; ask another supervisor.")
        }
        try write { db, keys in
            let target = try accountWorker(named: accountName, db: db, keys: keys)
            try db.execute(
                sql: "UPDATE accounts SET active = 0, wrapped_key = X'', version = version + 1 WHERE id = ?",
                arguments: [target.id.rawValue])
            var disabled = target
            disabled.active = false
            disabled.version += 1
            _ = try Self.writeRow(
                disabled, insert: false, expectedVersion: target.version, at: clock.now(),
                changeSequence: try Self.reserveChangeSequences(db, count: 1), db: db, keys: keys, encoder: RecordCoding.encoder())
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: target.id.rawValue,
                summary: "disabled account \(accountName)")
        }
    }

    /// Sets a new passphrase for `account`, re-wrapping only that account's copy of the data key
    /// (with a fresh salt and the current `StoreOptions.kdfCost`). A worker may change their own;
    /// a supervisor may set anyone's, which also re-enables a disabled account (a change to its
    /// worker record, in the feed; a new passphrase alone changes nothing anyone sees).
    public func changePassphrase(account accountName: String, newPassphrase: String) throws {
        if accountName != worker.accountName { try Permission.manageAccounts.require(role) }
        let keys = try session.keys()
        let target = try read { db, keys in try accountWorker(named: accountName, db: db, keys: keys) }
        let wrapped = try KeyVault.wrap(keys.dataKey, passphrase: newPassphrase, cost: options.kdfCost, accountID: target.id.rawValue)
        try write(keys: keys) { db, keys in
            try db.execute(
                sql: """
                    UPDATE accounts SET wrapped_key = ?, kdf_salt = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?,
                        active = 1, version = version + 1
                    WHERE id = ?
                    """,
                arguments: [
                    wrapped.sealed, wrapped.salt, wrapped.cost.rounds, wrapped.cost.blockSize, wrapped.cost.parallelism,
                    target.id.rawValue,
                ])
            let current = try accountWorker(named: accountName, db: db, keys: keys)
            if !current.active {
                var enabled = current
                enabled.active = true
                enabled.version += 1
                _ = try Self.writeRow(
                    enabled, insert: false, expectedVersion: current.version, at: clock.now(),
                    changeSequence: try Self.reserveChangeSequences(db, count: 1), db: db, keys: keys, encoder: RecordCoding.encoder())
            }
            try appendEvent(
                db, keys: keys, action: .accountChange, targetKind: .worker, targetID: target.id.rawValue,
                summary: current.active ? "changed the passphrase of \(accountName)" : "re-enabled \(accountName) with a new passphrase")
        }
    }

    /// Every account, for the supervisor's account screen.
    public func listAccounts() throws -> [AccountSummary] {
        try Permission.manageAccounts.require(role)
        return try StoreDatabase.mapErrors { try dbQueue.read(StoreAdmin.accountSummaries) }
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
