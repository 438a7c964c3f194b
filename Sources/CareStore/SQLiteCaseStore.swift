import CareDomain
import Foundation
import GRDB

/// A unit's case records in one SQLite file, each payload sealed with AES-GCM, every change
/// audited in the same transaction on a keyed hash chain.
///
/// An instance is one signed-in session: it acts as `worker`, applies every command through
/// `CommandRules` inside one transaction with its audit event, and holds the data key until
/// `lock()` or `close()`. Open one with `SQLiteCaseStore.open(options:account:passphrase:)`, or
/// create a store with `StoreAdmin.create(options:unit:admin:timeZone:)`.
public final class SQLiteCaseStore: CaseStore, CaseArchive {
    /// Who is signed in (their `Worker` record as it was at login).
    public let worker: Worker
    /// The unit code and time zone, from `meta`.
    public let unitInfo: UnitInfo
    public let location: StoreLocation

    let options: StoreOptions
    let dbQueue: DatabaseQueue
    let session: SessionState

    init(options: StoreOptions, dbQueue: DatabaseQueue, unit: UnitInfo, worker: Worker, keys: SessionKeys) {
        self.options = options
        self.location = options.location
        self.dbQueue = dbQueue
        self.unitInfo = unit
        self.worker = worker
        self.session = SessionState(keys)
    }

    /// The unit code this store belongs to (e.g. `KEN`).
    public var unit: String { unitInfo.code }
    var role: Role { worker.role }
    var clock: any WallClock { options.clock }

    /// Signs `account` in: unwraps the data key with the passphrase and writes a `login` audit
    /// event.
    ///
    /// A wrong passphrase cannot be written to the keyed audit chain (there is no key without
    /// the passphrase), so it is noted in the clear `failed_logins` table — time and account
    /// name only, never what was typed — and folded into the chain as `loginFailed` events at
    /// the next successful login. A name that matches no account is noted without the name, in
    /// case a passphrase was typed into the name field.
    public static func open(options: StoreOptions, account: String, passphrase: String) throws -> SQLiteCaseStore {
        let location = options.location
        guard location.exists else { throw StoreError.notFound(path: location.path) }
        try location.requireLocalFilesystem(using: options.filesystemProbe)
        let queue = try StoreDatabase.open(location)
        try StoreDatabase.requireStore(queue)
        let (keys, workerID) = try unlockKeys(queue, options: options, account: account, passphrase: passphrase)
        let (unit, worker) = try StoreDatabase.mapErrors {
            try queue.read { db in
                let unit = try StoreDatabase.unitInfo(db)
                let worker = try fetchRecord(Worker.self, id: workerID, db: db, keys: keys)
                return (unit, worker)
            }
        }
        guard let worker else { throw StoreError.corrupt("the account \"\(account)\" has no worker record") }
        guard worker.active else { throw StoreError.accountDisabled(account) }
        let store = SQLiteCaseStore(options: options, dbQueue: queue, unit: unit, worker: worker, keys: keys)
        try store.write { db, keys in
            try store.foldFailedLogins(db, keys: keys)
            try store.appendEvent(db, keys: keys, action: .login, summary: "signed in as \(account)")
        }
        return store
    }

    /// Finds the account, checks it is active and unwraps the data key; records a failed attempt.
    static func unlockKeys(
        _ queue: DatabaseQueue, options: StoreOptions, account: String, passphrase: String
    ) throws -> (SessionKeys, String) {
        let row = try StoreDatabase.mapErrors {
            try queue.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT id, active, wrapped_key, kdf_salt, kdf_n, kdf_r, kdf_p FROM accounts WHERE account_name = ?
                    """, arguments: [account])
            }
        }
        guard let row else {
            try? recordFailedLogin(queue, account: "", at: options.clock.now())
            throw StoreError.unknownAccount(account)
        }
        let accountID: String = row["id"]
        guard row["active"] as Int == 1 else { throw StoreError.accountDisabled(account) }
        let cost: KDFCost
        do {
            cost = try KDFCost(rounds: row["kdf_n"], blockSize: row["kdf_r"], parallelism: row["kdf_p"])
        } catch {
            throw StoreError.corrupt("the account \"\(account)\" has invalid key-derivation settings")
        }
        let wrapped = WrappedKey(salt: row["kdf_salt"], cost: cost, sealed: row["wrapped_key"])
        guard let dataKey = try KeyVault.unwrap(wrapped, passphrase: passphrase, accountID: accountID) else {
            try? recordFailedLogin(queue, account: account, at: options.clock.now())
            throw StoreError.wrongPassphrase(account: account)
        }
        return (SessionKeys(dataKey: dataKey), accountID)
    }

    private static func recordFailedLogin(_ queue: DatabaseQueue, account: String, at: Date) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO failed_logins(at, account) VALUES (?, ?)",
                arguments: [at.timeIntervalSince1970, account])
        }
    }

    /// Writes a `lock` audit event and drops the data key. Every later call throws
    /// `StoreError.locked` until `unlock(passphrase:)`. Forgets which records this session
    /// viewed, so after unlocking each is viewed (and audited) again before it is refreshed.
    public func lock() {
        guard let keys = try? session.keys() else { return }
        _ = try? write(keys: keys) { db, keys in
            try appendEvent(db, keys: keys, action: .lock, summary: "locked the session")
        }
        session.set(.locked)
    }

    /// Unlocks a locked session with the signed-in worker's passphrase and writes an `unlock`
    /// event. A wrong passphrase throws `.wrongPassphrase` and is noted as a failed login.
    public func unlock(passphrase: String) throws {
        guard !session.isClosed else { throw StoreError.closed }
        let (keys, _) = try Self.unlockKeys(dbQueue, options: options, account: worker.accountName, passphrase: passphrase)
        try write(keys: keys) { db, keys in
            try foldFailedLogins(db, keys: keys)
            try appendEvent(db, keys: keys, action: .unlock, summary: "unlocked the session")
        }
        session.set(.unlocked(keys))
    }

    /// True while the session holds the data key.
    public var isUnlocked: Bool { (try? session.keys()) != nil }

    /// Drops the key and closes the SQLite connection (checkpointing the WAL). Later calls throw
    /// `StoreError.closed`.
    public func close() throws {
        session.set(.closed)
        try StoreDatabase.mapErrors { try dbQueue.close() }
    }
}
