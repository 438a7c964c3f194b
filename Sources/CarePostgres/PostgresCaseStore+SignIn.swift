import CareCore
import CareDomain
import Crypto
import Foundation
import PostgresNIO

/// Making a unit's store on the server, signing in, and adding accounts. The keys are made,
/// wrapped and granted exactly as in the SQLite store (`AccountKeys`, `KeyGrant`, `Keyring`,
/// `UnitAuthority`), so the same rows open in both.
extension PostgresCaseStore {
    /// How a PostgreSQL store is reached and kept.
    public struct Options: Sendable {
        public var address: PostgresAddress
        public var kdfCost: KDFCost
        public var clock: any WallClock
        /// Whether the session listens for other sessions' changes (`LISTEN`).
        public var listens: Bool

        public init(address: PostgresAddress, kdfCost: KDFCost = .default, clock: any WallClock = SystemClock(), listens: Bool = true) {
            self.address = address
            self.kdfCost = kdfCost
            self.clock = clock
            self.listens = listens
        }
    }

    enum Mode { case session, unlock }

    // MARK: Making a store

    /// Makes the unit's schema and its first account, a supervisor; returns their session.
    public static func create(options: Options, unit: String, admin: NewAccount, timeZone: TimeZone = .current) throws -> PostgresCaseStore {
        guard admin.role == .supervisor else {
            throw StoreError.invalid("The first account of a store must be a supervisor, who can then add the others.")
        }
        let name = try admin.validatedName()
        let worker = Worker(accountName: name, displayName: admin.displayName, role: .supervisor, unit: unit)
        return try create(options: options, unit: UnitInfo(code: unit, timeZone: timeZone), admin: worker, passphrase: admin.passphrase)
    }

    /// Makes the store with this worker (and its id) as the first account.
    public static func create(
        options: Options, unit: UnitInfo, admin worker: Worker, passphrase: String, minimumLength: Int = KeyVault.minimumPassphraseLength
    ) throws -> PostgresCaseStore {
        let address = options.address
        guard unit.code == address.unit else {
            throw StoreError.invalid("the address names the unit \(address.unit), not \(unit.code): add ?unit=\(unit.code)")
        }
        let link = try PostgresLink(address)
        if try link.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [.text(address.schema)]).first != nil {
            throw PostgresStoreError.storeExists(address.description)
        }
        let privateKey = AccountKeys.makeKeyPair()
        let publicKey = privateKey.publicKey.rawRepresentation
        let wrapped = try AccountKeys.wrap(
            privateKey, passphrase: passphrase, cost: options.kdfCost, accountID: worker.id.rawValue, minimumLength: minimumLength)
        let now = options.clock.now()
        let keys = try link.transaction(writer: false) { transaction -> SessionKeys in
            for statement in PostgresSchema.create(schema: address.schema) { try transaction.query(statement) }
            let storeID = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
            for (key, value) in [
                ("format", PostgresSchema.format), ("store_id", storeID), ("unit", unit.code), ("time_zone", unit.timeZone.identifier),
                ("created_at", String(now.timeIntervalSince1970)), ("changes", "0"), ("sealing", "2"),
                // No child yet, so every class's summaries are complete.
                ("summaries", CaseloadSummaries.setting(Set(CaseloadSummaries.classes))),
            ] {
                try transaction.query("INSERT INTO meta(key, value) VALUES ($1, $2)", [.text(key), .bytes(Data(value.utf8))])
            }
            // Every class gets its key now: the first account is a supervisor, who may read all.
            var keyring = Keyring(storeID: storeID, team: Keyring.makeClassKey())
            for visibility in VisibilityClass.allCases where visibility != .team { keyring.add(Keyring.makeClassKey(), for: visibility) }
            var checks: [VisibilityClass: Data] = [:]
            for visibility in keyring.classes {
                let check = Keyring.keyCheck(keyring.key(for: visibility)!, storeID: storeID, visibility: visibility)
                checks[visibility] = check
                try transaction.query("INSERT INTO keyring(class, key_check) VALUES ($1, $2)", [.text(visibility.rawValue), .bytes(check)])
            }
            let authority = UnitAuthority.make()
            try transaction.query("INSERT INTO meta(key, value) VALUES ('authority_key', $1)", [.bytes(authority.publicKey)])
            try transaction.query(
                "INSERT INTO meta(key, value) VALUES ('keyring_signature', $1)", [.bytes(try authority.signKeyring(checks, storeID: storeID))])
            let keys = SessionKeys(keyring: keyring, privateKey: privateKey, authority: authority)
            try storeHead(AuditHead.empty(keyring: keyring), transaction)
            let (saved, row) = try insertAccount(worker, wrapped: wrapped, publicKey: publicKey, at: now, transaction, keys: keys)
            try appendEvent(transaction, keys: keys, AuditLinking.Pending(
                action: .create, actor: saved.id.rawValue, at: now, targetKind: .worker, targetID: saved.id.rawValue,
                summary: "created the \(unit.code) store with supervisor account \(saved.accountName)", rows: [row]))
            try appendEvent(transaction, keys: keys, AuditLinking.Pending(
                action: .login, actor: saved.id.rawValue, at: now, summary: "signed in as \(saved.accountName)"))
            return keys
        }
        link.close()
        _ = keys
        return try open(options: options, account: worker.accountName, passphrase: passphrase, recordSignIn: false)
    }

    // MARK: Signing in

    /// Signs `account` in to the store at `options.address`.
    public static func open(options: Options, account: String, passphrase: String) throws -> PostgresCaseStore {
        try open(options: options, account: account, passphrase: passphrase, recordSignIn: true)
    }

    private static func open(options: Options, account: String, passphrase: String, recordSignIn: Bool) throws -> PostgresCaseStore {
        let link = try PostgresLink(options.address)
        try requireStore(link, address: options.address)
        let signedIn = try signIn(
            link: link, address: options.address, account: account, passphrase: passphrase, clock: options.clock,
            mode: recordSignIn ? .session : nil)
        let unit = try unitInfo(link)
        return PostgresCaseStore(
            address: options.address, link: link, worker: signedIn.worker, unit: unit, keys: signedIn.keys, notices: signedIn.notices,
            clock: options.clock, kdfCost: options.kdfCost, listen: options.listens)
    }

    /// Whether the unit's schema exists on the server.
    public static func exists(_ address: PostgresAddress) throws -> Bool {
        let link = try PostgresLink(address)
        defer { link.close() }
        return try link.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [.text(address.schema)]).first != nil
    }

    static func requireStore(_ link: PostgresLink, address: PostgresAddress) throws {
        guard try link.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [.text(address.schema)]).first != nil else {
            throw PostgresStoreError.noStore(address.description)
        }
    }

    /// The unit code and time zone (kept in clear), for the login screen.
    static func unitInfo(_ link: PostgresLink) throws -> UnitInfo {
        var meta: [String: String] = [:]
        for row in try link.query("SELECT key, value FROM meta WHERE key IN ('unit', 'time_zone')") {
            meta[try row.stored("key")] = String(decoding: try row.bytes("value"), as: UTF8.self)
        }
        guard let code = meta["unit"] else { throw StoreError.corrupt("the store names no unit") }
        return UnitInfo(code: code, timeZone: meta["time_zone"].flatMap(TimeZone.init(identifier:)) ?? .current)
    }

    struct SignedIn {
        var keys: SessionKeys
        var worker: Worker
        var notices: [String]
    }

    struct Unlock {
        var accountID: String
        var role: Role
        var privateKey: AccountKeys.PrivateKey
    }

    /// The account's private key, unwrapped by `passphrase`; a wrong passphrase is noted (in
    /// clear: there is no key to seal it with) and folded into the chain at the next sign-in.
    static func unlockAccount(link: PostgresLink, account: String, passphrase: String, clock: any WallClock) throws -> Unlock {
        let now = clock.now()
        guard let row = try link.query("""
            SELECT id, active, role, public_key, wrapped_private, kdf_salt, kdf_n, kdf_r, kdf_p FROM accounts WHERE account_name = $1
            """, [.text(account)]).first
        else {
            _ = try? link.query("INSERT INTO failed_logins(at, account) VALUES ($1, '')", [.real(now.timeIntervalSince1970)])
            throw StoreError.unknownAccount(account)
        }
        guard try row.stored("active", as: Int64.self) == 1 else { throw StoreError.accountDisabled(account) }
        if let failures = try link.query(
            "SELECT COUNT(*) AS n, MAX(at) AS last FROM failed_logins WHERE account = $1 AND account <> ''", [.text(account)]).first,
            let count = try failures.stored("n", as: Int64?.self), count > 0, let last = try failures.stored("last", as: Double?.self) {
            let wait = SignInDelay.after(failures: Int(count)) - now.timeIntervalSince(Date(timeIntervalSince1970: last))
            if wait > 0 { throw StoreError.signInThrottled(account: account, seconds: Int(wait.rounded(.up))) }
        }
        guard let role = Role(rawValue: try row.stored("role")) else { throw StoreError.corrupt("the account \"\(account)\" has an unknown role") }
        let accountID: String = try row.stored("id")
        let cost: KDFCost
        do {
            cost = try KDFCost(
                rounds: Int(try row.stored("kdf_n", as: Int64.self)), blockSize: Int(try row.stored("kdf_r", as: Int64.self)),
                parallelism: Int(try row.stored("kdf_p", as: Int64.self)))
        } catch {
            throw StoreError.corrupt("the account \"\(account)\" has invalid key-derivation settings")
        }
        guard let publicKey = try row.optionalBytes("public_key"), let sealed = try row.optionalBytes("wrapped_private"), !sealed.isEmpty else {
            throw StoreError.corrupt("the account \"\(account)\" has no key pair (a store of the first format is upgraded on SQLite first)")
        }
        let wrapped = WrappedKey(salt: try row.bytes("kdf_salt"), cost: cost, sealed: sealed)
        guard let key = try AccountKeys.unwrap(wrapped, passphrase: passphrase, accountID: accountID, publicKey: publicKey) else {
            _ = try? link.query("INSERT INTO failed_logins(at, account) VALUES ($1, $2)", [.real(clock.now().timeIntervalSince1970), .text(account)])
            throw StoreError.wrongPassphrase(account: account)
        }
        return Unlock(accountID: accountID, role: role, privateKey: key)
    }

    /// Unlocks the account, opens the class keys granted to it, checks its certificate and the
    /// audit tail, and (for a session or an unlock) folds failed logins into the chain and
    /// writes the sign-in event — all in one transaction. `mode` nil writes only failed logins
    /// (a store just made, whose `login` event is written already).
    static func signIn(
        link: PostgresLink, address: PostgresAddress, account: String, passphrase: String, clock: any WallClock, mode: Mode?
    ) throws -> SignedIn {
        let unlock = try unlockAccount(link: link, account: account, passphrase: passphrase, clock: clock)
        return try link.transaction(writer: true) { transaction in
            let storeID = try metaText("store_id", transaction) ?? ""
            var notices: [String] = []
            var keys: [VisibilityClass: SymmetricKey] = [:]
            let checks = Dictionary(uniqueKeysWithValues: try transaction.query("SELECT class, key_check FROM keyring").map {
                (try $0.stored("class", as: String.self), try $0.bytes("key_check"))
            })
            for row in try transaction.query(
                "SELECT class, sealed_key FROM key_grants WHERE account_id = $1 AND sealed_key IS NOT NULL", [.text(unlock.accountID)]) {
                guard let visibility = VisibilityClass(rawValue: try row.stored("class")), let check = checks[visibility.rawValue],
                      let sealed = try row.optionalBytes("sealed_key"),
                      let key = KeyGrant.open(sealed, with: unlock.privateKey, storeID: storeID, accountID: unlock.accountID, visibility: visibility),
                      Keyring.keyCheck(key, storeID: storeID, visibility: visibility) == check
                else {
                    notices.append("A key given to this account does not match the store's; ask a supervisor to set this account's passphrase again.")
                    continue
                }
                keys[visibility] = key
            }
            guard let team = keys.removeValue(forKey: .team) else { throw StoreError.corrupt("this account holds no key to the team's records") }
            var keyring = Keyring(storeID: storeID, team: team)
            for (visibility, key) in keys { keyring.add(key, for: visibility) }
            var authority: UnitAuthority?
            if let authorityKey = try metaBytes("authority_key", transaction) {
                try checkCertificate(unlock, account: account, authorityKey: authorityKey, storeID: storeID, transaction)
                if unlock.role == .supervisor, let sealed = try transaction.query(
                    "SELECT sealed_key FROM authority_grants WHERE account_id = $1", [.text(unlock.accountID)]).first {
                    authority = UnitAuthority.open(
                        try sealed.bytes("sealed_key"), with: unlock.privateKey, storeID: storeID, accountID: unlock.accountID,
                        publicKey: authorityKey)
                }
            }
            let session = SessionKeys(keyring: keyring, privateKey: unlock.privateKey, authority: authority)
            _ = try verifiedTail(transaction, keys: session)
            guard let worker = try fetchRecord(Worker.self, id: unlock.accountID, transaction, keys: session) else {
                throw StoreError.corrupt("the account \"\(account)\" has no worker record")
            }
            guard worker.active else { throw StoreError.accountDisabled(account) }
            guard worker.role == unlock.role else {
                throw StoreError.corrupt("the account \"\(account)\" is listed as \(unlock.role.title) but its worker record says \(worker.role.title)")
            }
            for visibility in unlock.role.readableClasses where !keyring.holds(visibility) {
                notices.append("This account will receive the key to \(visibility.records) when someone who holds it next signs in; until then they stay hidden here.")
            }
            try foldFailedLogins(transaction, keys: session)
            // A store made on the server before it kept summaries gets them now; the restricted
            // class's at the first sign-in of someone who holds its key.
            try buildMissingSummaries(transaction, keys: session, actor: unlock.accountID, now: clock.now())
            try publishLeadDrop(keyring: keyring, transaction)
            switch mode {
            case .session:
                try appendEvent(transaction, keys: session, AuditLinking.Pending(
                    action: .login, actor: unlock.accountID, at: clock.now(), summary: "signed in as \(account)"))
            case .unlock:
                try appendEvent(transaction, keys: session, AuditLinking.Pending(
                    action: .unlock, actor: unlock.accountID, at: clock.now(), summary: "unlocked the session"))
            case nil:
                break
            }
            try announce(transaction, address: address)
            return SignedIn(keys: session, worker: worker, notices: notices)
        }
    }

    /// In a certified store the account must be as the unit's authority certified it: a role,
    /// state or key changed on the server is refused in words.
    private static func checkCertificate(
        _ unlock: Unlock, account: String, authorityKey: Data, storeID: String, _ transaction: PostgresLink.Transaction
    ) throws {
        guard let row = try transaction.query(
            "SELECT id, account_name, role, active, public_key, certificate FROM accounts WHERE id = $1", [.text(unlock.accountID)]).first,
            let role = Role(rawValue: try row.stored("role"))
        else { throw StoreError.corrupt("an account has no row") }
        let certified = CertifiedAccount(
            id: try row.stored("id"), name: try row.stored("account_name"), role: role, active: try row.stored("active", as: Int64.self) == 1,
            publicKey: try row.optionalBytes("public_key"))
        let certificate = try row.optionalBytes("certificate")
        if certificate != nil, !certified.verifies(certificate, authority: authorityKey, storeID: storeID) {
            throw StoreError.corrupt(
                "the account \"\(account)\" is not as the unit's authority certified it (its role, state or key was changed outside care)")
        }
    }

    /// Moves failed logins noted in clear into the keyed chain as `loginFailed` events.
    static func foldFailedLogins(_ transaction: PostgresLink.Transaction, keys: SessionKeys) throws {
        let rows = try transaction.query("""
            SELECT f.at, f.account, a.id AS worker FROM failed_logins f
            LEFT JOIN accounts a ON a.account_name = f.account AND f.account <> ''
            ORDER BY f.id
            """)
        for row in rows {
            let account: String = try row.stored("account")
            let summary = account.isEmpty
                ? "failed sign-in with an account name that does not exist"
                : "failed sign-in for \(account): wrong passphrase"
            try appendEvent(transaction, keys: keys, AuditLinking.Pending(
                action: .loginFailed, actor: try row.stored("worker", as: String?.self), at: Date(timeIntervalSince1970: try row.stored("at")),
                summary: summary))
        }
        try transaction.query("DELETE FROM failed_logins")
    }

    /// Writes (or puts right) the lead drop's public key in `meta`, when this session holds
    /// the investigation key: a child protection worker's or a liaison's lead is sealed to it.
    static func publishLeadDrop(keyring: Keyring, _ transaction: PostgresLink.Transaction) throws {
        guard let published = try LeadDrop.publishedKey(keyring: keyring),
              try metaBytes(LeadDrop.metaKey, transaction) != published
        else { return }
        try transaction.query("""
            INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """, [.text(LeadDrop.metaKey), .bytes(published)])
    }

    static func metaBytes(_ key: String, _ transaction: PostgresLink.Transaction) throws -> Data? {
        try transaction.query("SELECT value FROM meta WHERE key = $1", [.text(key)]).first.flatMap { try $0.optionalBytes("value") }
    }

    static func metaText(_ key: String, _ transaction: PostgresLink.Transaction) throws -> String? {
        try metaBytes(key, transaction).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Accounts

    /// Adds an account (supervisors only): its key pair is made here, wrapped under its first
    /// passphrase, certified, and given every class key its role reads.
    @discardableResult
    public func addAccount(_ account: NewAccount) throws -> Worker {
        do { try Permission.manageAccounts.require(role) } catch { throw CommandError.denied(error) }
        let name = try account.validatedName()
        let newWorker = Worker(accountName: name, displayName: account.displayName, role: account.role, unit: unitInfo.code)
        return try addAccount(newWorker, passphrase: account.passphrase)
    }

    /// Adds an account for a worker with a given id (the demo generator's, or a migration's).
    @discardableResult
    public func addAccount(_ newWorker: Worker, passphrase: String, minimumLength: Int = KeyVault.minimumPassphraseLength) throws -> Worker {
        do { try Permission.manageAccounts.require(role) } catch { throw CommandError.denied(error) }
        let privateKey = AccountKeys.makeKeyPair()
        let wrapped = try AccountKeys.wrap(
            privateKey, passphrase: passphrase, cost: kdfCost, accountID: newWorker.id.rawValue, minimumLength: minimumLength)
        return try write { transaction, keys in
            let (saved, row) = try Self.insertAccount(
                newWorker, wrapped: wrapped, publicKey: privateKey.publicKey.rawRepresentation, at: clock.now(), transaction, keys: keys)
            try appendEvent(
                transaction, keys: keys, action: .accountChange, targetKind: .worker, targetID: saved.id.rawValue,
                summary: "added account \(saved.accountName) (\(saved.role.title))", rows: [row])
            return saved
        }
    }

    /// The worker record (version 1, in the change feed), the account row, its certificate,
    /// the authority sealed to it when it is a supervisor, and its key grants.
    static func insertAccount(
        _ worker: Worker, wrapped: WrappedKey, publicKey: Data, at: Date, _ transaction: PostgresLink.Transaction, keys: SessionKeys
    ) throws -> (Worker, RecordRow) {
        if try transaction.query("SELECT 1 FROM accounts WHERE account_name = $1", [.text(worker.accountName)]).first != nil {
            throw StoreError.accountExists(worker.accountName)
        }
        var saved = worker
        saved.version = 1
        let row = try RecordOpening.sealed(
            saved, at: at, changeSequence: try reserveChangeSequences(transaction, count: 1), keys: keys, encoder: RecordCoding.encoder())
        try insertRow(row, transaction)
        let storeID = keys.storeID
        let certified = CertifiedAccount(id: saved.id.rawValue, name: saved.accountName, role: saved.role, active: true, publicKey: publicKey)
        let certificate = try keys.authority?.certify(certified, storeID: storeID)
        try transaction.query("""
            INSERT INTO accounts(id, account_name, role, active, wrapped_key, public_key, wrapped_private, kdf_salt, kdf_n, kdf_r, kdf_p, version, certificate)
            VALUES ($1, $2, $3, 1, ''::bytea, $4, $5, $6, $7, $8, $9, 1, $10)
            """, [
                .text(saved.id.rawValue), .text(saved.accountName), .text(saved.role.rawValue), .bytes(publicKey), .bytes(wrapped.sealed),
                .bytes(wrapped.salt), .int(wrapped.cost.rounds), .int(wrapped.cost.blockSize), .int(wrapped.cost.parallelism),
                .bytes(certificate),
            ])
        if let authority = keys.authority, saved.role == .supervisor {
            try transaction.query(
                "INSERT INTO authority_grants(account_id, sealed_key) VALUES ($1, $2)",
                [.text(saved.id.rawValue), .bytes(try authority.seal(
                    to: AccountKeys.PublicKey(rawRepresentation: publicKey), storeID: storeID, accountID: saved.id.rawValue))])
        }
        for visibility in saved.role.readableClasses {
            guard let key = keys.keyring.key(for: visibility) else { continue }
            let entitlement = KeyGrant.entitlement(
                key, storeID: storeID, visibility: visibility, accountID: saved.id.rawValue, role: saved.role, publicKey: publicKey)
            let sealed = try KeyGrant.seal(
                key, to: AccountKeys.PublicKey(rawRepresentation: publicKey), storeID: storeID, accountID: saved.id.rawValue,
                visibility: visibility)
            try transaction.query(
                "INSERT INTO key_grants(account_id, class, entitlement, sealed_key) VALUES ($1, $2, $3, $4)",
                [.text(saved.id.rawValue), .text(visibility.rawValue), .bytes(entitlement), .bytes(sealed)])
        }
        return (saved, row)
    }
}
