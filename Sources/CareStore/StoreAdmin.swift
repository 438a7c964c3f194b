import CareDomain
import Foundation
import GRDB

/// What can be done before anyone signs in: create a store, list its accounts for the login
/// screen, ask whether a store exists.
public enum StoreAdmin {
    /// Creates a new store for `unit` with `admin` as its first account, and returns it signed in
    /// as that account. The first account must be a supervisor, so someone can manage the rest.
    /// `timeZone` is the unit's: every time is shown in it, whatever the machine's zone is.
    /// Refuses when any file is already at the path (`StoreError.alreadyExists`) and when the
    /// folder is on a network filesystem.
    public static func create(
        options: StoreOptions, unit: String, admin: NewAccount, timeZone: TimeZone = .current
    ) throws -> SQLiteCaseStore {
        guard (2...5).contains(unit.count), unit.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw StoreError.invalid("A unit code is two to five capital letters, e.g. KEN.")
        }
        guard admin.role == .supervisor else {
            throw StoreError.invalid("The first account of a store must be a supervisor, who can then add the others.")
        }
        let name = try admin.validatedName()
        let worker = Worker(accountName: name, displayName: admin.displayName, role: .supervisor, unit: unit)
        return try create(options: options, unit: UnitInfo(code: unit, timeZone: timeZone), admin: worker, passphrase: admin.passphrase)
    }

    /// Creates a store whose first account is this worker (with its id, as the demo generator
    /// made it). `minimumLength` is lowered only for the demo store.
    static func create(
        options: StoreOptions, unit: UnitInfo, admin worker: Worker, passphrase: String,
        minimumLength: Int = KeyVault.minimumPassphraseLength
    ) throws -> SQLiteCaseStore {
        let name = worker.accountName
        let location = options.location
        // A symlink counts as something at the path even when it leads nowhere: SQLite would
        // create the store wherever it points.
        guard !exists(path: location.path), (try? FileManager.default.destinationOfSymbolicLink(atPath: location.path)) == nil else {
            throw StoreError.alreadyExists(path: location.path)
        }
        try location.requireLocalFilesystem(using: options.filesystemProbe)
        try location.createDirectory()

        let privateKey = AccountKeys.makeKeyPair()
        let publicKey = privateKey.publicKey.rawRepresentation
        let wrapped = try AccountKeys.wrap(
            privateKey, passphrase: passphrase, cost: options.kdfCost, accountID: worker.id.rawValue, minimumLength: minimumLength)
        do {
            let lockWaits = LockWaitPolicy()
            let queue = try StoreDatabase.open(location, lockWaits: lockWaits)
            try StoreDatabase.mapErrors(at: location) { try Schema.migrator.migrate(queue) }
            let now = options.clock.now()
            // Every class gets its key now: the first account is a supervisor, who may read all.
            let (saved, row, keys) = try StoreDatabase.mapErrors(at: location) {
                try queue.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO meta(key, value)
                            VALUES ('format', ?), ('unit', ?), ('time_zone', ?), ('created_at', ?), ('changes', 0), ('sealing', ?), ('summaries', ?)
                            """,
                        arguments: [Schema.format, unit.code, unit.timeZone.identifier, now.timeIntervalSince1970, Schema.sealing,
                                    SQLiteCaseStore.summaryClasses.map(\.rawValue).joined(separator: ",")])
                    let storeID = try StoreDatabase.storeID(db)
                    var keyring = Keyring(storeID: storeID, team: Keyring.makeClassKey())
                    for visibility in VisibilityClass.allCases where visibility != .team { keyring.add(Keyring.makeClassKey(), for: visibility) }
                    for visibility in keyring.classes {
                        try db.execute(
                            sql: "INSERT INTO keyring(class, key_check) VALUES (?, ?)",
                            arguments: [visibility.rawValue, Keyring.keyCheck(keyring.key(for: visibility)!, storeID: storeID, visibility: visibility)])
                    }
                    // The unit's authority, sealed to this first supervisor, certifies accounts.
                    let authority = UnitAuthority.make()
                    try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('authority_key', ?)", arguments: [authority.publicKey])
                    try Certificates.signKeyring(authority, storeID: storeID, db: db)
                    try LeadDrop.publish(keyring: keyring, db: db)
                    let keys = SessionKeys(keyring: keyring, privateKey: privateKey, authority: authority)
                    try AuditLog.storeHead(AuditHead.empty(keyring: keyring), db: db)
                    let (saved, row) = try SQLiteCaseStore.insertAccount(worker, wrapped: wrapped, publicKey: publicKey, at: now, db: db, keys: keys)
                    try SQLiteCaseStore.grantHeldKeys(keyring, to: ClassKeys.Holder(id: saved.id.rawValue, role: saved.role, publicKey: publicKey), db: db)
                    return (saved, row, keys)
                }
            }
            var notices = StoreAccess(location).notices
            notices.removeAll { $0.hasPrefix("The store file") }
            let store = SQLiteCaseStore(options: options, dbQueue: queue, unit: unit, worker: saved, keys: keys, notices: notices, lockWaits: lockWaits)
            try store.write { db, keys in
                try store.appendEvent(
                    db, keys: keys, action: .create, targetKind: .worker, targetID: saved.id.rawValue,
                    summary: "created the \(unit.code) store with supervisor account \(name)", rows: [row])
                try store.appendEvent(db, keys: keys, action: .login, summary: "signed in as \(name)")
            }
            store.rememberHead()
            return store
        } catch {
            for file in location.allPaths { try? FileManager.default.removeItem(atPath: file) }
            throw error
        }
    }

    /// The unit code and time zone of the store at `options.path` (kept in clear), for the
    /// login screen.
    public static func unit(options: StoreOptions) throws -> UnitInfo {
        let location = options.location
        guard location.exists else { throw StoreError.notFound(path: location.path) }
        try location.requireLocalFilesystem(using: options.filesystemProbe)
        let access = StoreAccess(location)
        let queue = try StoreDatabase.open(location, readOnly: access.readOnlyReason != nil)
        try StoreDatabase.requireStore(queue, readOnlyReason: access.readOnlyReason)
        return try StoreDatabase.mapErrors(at: location) {
            try queue.read(StoreDatabase.unitInfo)
        }
    }

    /// The accounts of the store at `options.path` — name, role and whether active — for the
    /// login list. Needs no passphrase: account names and roles are kept in clear for this.
    public static func accounts(options: StoreOptions) throws -> [AccountSummary] {
        let location = options.location
        guard location.exists else { throw StoreError.notFound(path: location.path) }
        try location.requireLocalFilesystem(using: options.filesystemProbe)
        let access = StoreAccess(location)
        let queue = try StoreDatabase.open(location, readOnly: access.readOnlyReason != nil)
        try StoreDatabase.requireStore(queue, readOnlyReason: access.readOnlyReason)
        return try StoreDatabase.mapErrors(at: location) { try queue.read(accountSummaries) }
    }

    static func accountSummaries(_ db: Database) throws -> [AccountSummary] {
        try Row.fetchAll(db, sql: "SELECT id, account_name, role, active FROM accounts ORDER BY account_name").map { row in
            guard let role = Role(rawValue: try row.stored("role")) else {
                throw StoreError.corrupt("an account has an unknown role")
            }
            return AccountSummary(
                accountName: try row.stored("account_name"), role: role, active: (try row.stored("active", as: Int.self)) == 1,
                workerID: WorkerID(rawValue: try row.stored("id")))
        }
    }

    /// How many seconds `account` must wait before its next sign-in, after wrong passphrases
    /// (none: 0). The store keeps the count, so every process sees the same wait.
    public static func signInWait(options: StoreOptions, account: String) -> Int {
        let location = options.location
        guard location.exists, let queue = try? StoreDatabase.open(location, readOnly: true),
              let row = try? queue.read({ db in
                  try Row.fetchOne(
                      db, sql: "SELECT COUNT(*) AS n, MAX(at) AS last FROM failed_logins WHERE account = ? AND account <> ''",
                      arguments: [account])
              }),
              let count = (try? row.stored("n", as: Int?.self)) ?? nil, count > 0, let last = (try? row.stored("last", as: Double?.self)) ?? nil
        else { return 0 }
        let wait = SignInDelay.after(failures: count) - options.clock.now().timeIntervalSince(Date(timeIntervalSince1970: last))
        return max(0, Int(wait.rounded(.up)))
    }

    /// True when a file (a store, or anything else) is at `path`.
    /// The store format this version reads and writes (`care --version` says it).
    public static var format: String { Schema.format }

    public static func exists(path: String) -> Bool {
        FileManager.default.fileExists(atPath: StoreLocation(path: path).path)
    }
}
