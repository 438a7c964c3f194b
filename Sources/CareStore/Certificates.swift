import CareDomain
import Crypto
import Foundation
import GRDB

/// The certificates on disk: the unit authority's public key (`meta.authority_key`), its private
/// half sealed to each supervisor (`authority_grants`), one certificate per account
/// (`accounts.certificate`) and the keyring's signature (`meta.keyring_signature`).
///
/// A store made before certificates has none of them until the first sign-in of a supervisor
/// who holds every class key (`establish`); until then it is "not yet certified" and keys are
/// granted by entitlement, as that version did.
enum Certificates {
    /// One account as the file holds it, with its certificate.
    struct Stored {
        var account: CertifiedAccount
        var certificate: Data?
    }

    static func authorityKey(_ db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'authority_key'")
    }

    static func accounts(_ db: Database) throws -> [Stored] {
        try Row.fetchAll(db, sql: "SELECT id, account_name, role, active, public_key, certificate FROM accounts ORDER BY account_name").compactMap(stored)
    }

    static func account(id: String, db: Database) throws -> Stored? {
        try Row.fetchOne(
            db, sql: "SELECT id, account_name, role, active, public_key, certificate FROM accounts WHERE id = ?", arguments: [id]
        ).flatMap(stored)
    }

    private static func stored(_ row: Row) throws -> Stored? {
        guard let role = Role(rawValue: try row.stored("role")) else { return nil }
        return Stored(
            account: CertifiedAccount(
                id: try row.stored("id"), name: try row.stored("account_name"), role: role,
                active: (try row.stored("active", as: Int.self)) == 1, publicKey: try row.stored("public_key")),
            certificate: try row.stored("certificate"))
    }

    /// Whether the account with `id` may be given the key of `visibility`: in a certified store,
    /// only when its certificate verifies, it is active and its certified role may read the
    /// class. An account with no certificate at all (one still on the first format when the
    /// store was certified) is left to its entitlement when `uncertifiedByEntitlement`.
    static func mayReceive(
        _ visibility: VisibilityClass, accountID: String, storeID: String, db: Database, uncertifiedByEntitlement: Bool = false
    ) throws -> Bool {
        guard let authority = try authorityKey(db) else { return true }
        guard let stored = try account(id: accountID, db: db) else { return false }
        if stored.certificate == nil { return uncertifiedByEntitlement }
        return stored.account.verifies(stored.certificate, authority: authority, storeID: storeID)
            && stored.account.active && stored.account.role.mayRead(visibility)
    }

    /// Signs the account row as it now stands (after its role, state or key was changed by a
    /// supervisor who made or already certified its key).
    static func certify(_ account: CertifiedAccount, authority: UnitAuthority, storeID: String, db: Database) throws {
        try db.execute(
            sql: "UPDATE accounts SET certificate = ? WHERE id = ?",
            arguments: [try authority.certify(account, storeID: storeID), account.id])
    }

    /// The account's current row, certified again, when its present certificate verifies with
    /// the public key it holds now. A supervisor changing a role never reads a public key the
    /// authority did not certify: a planted key is refused in words.
    static func recertify(
        accountID: String, authority: UnitAuthority, storeID: String, db: Database, change: (inout CertifiedAccount) -> Void
    ) throws {
        guard let stored = try account(id: accountID, db: db) else { throw StoreError.corrupt("an account has no row") }
        guard stored.account.verifies(stored.certificate, authority: authority.publicKey, storeID: storeID) else {
            throw StoreError.invalid(
                "The account \(stored.account.name) is not as the unit's authority certified it (its key, role or state was changed "
                    + "outside care, or it was never certified); nothing was changed. Set its passphrase again with "
                    + "`care user passwd \(stored.account.name)`, which gives it a new certified key, then try again.")
        }
        var changed = stored.account
        change(&changed)
        try certify(changed, authority: authority, storeID: storeID, db: db)
    }

    /// Seals the authority to a supervisor's account key.
    static func grantAuthority(_ authority: UnitAuthority, to accountID: String, publicKey: Data, storeID: String, db: Database) throws {
        let sealed = try authority.seal(to: AccountKeys.PublicKey(rawRepresentation: publicKey), storeID: storeID, accountID: accountID)
        try db.execute(
            sql: "INSERT OR REPLACE INTO authority_grants(account_id, sealed_key) VALUES (?, ?)", arguments: [accountID, sealed])
    }

    /// The authority sealed to this account, when it is the store's.
    static func openAuthority(accountID: String, privateKey: AccountKeys.PrivateKey, storeID: String, db: Database) throws -> UnitAuthority? {
        guard let publicKey = try authorityKey(db),
              let sealed = try Data.fetchOne(db, sql: "SELECT sealed_key FROM authority_grants WHERE account_id = ?", arguments: [accountID])
        else { return nil }
        return UnitAuthority.open(sealed, with: privateKey, storeID: storeID, accountID: accountID, publicKey: publicKey)
    }

    static func keyChecks(_ db: Database) throws -> [VisibilityClass: Data] {
        var checks: [VisibilityClass: Data] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT class, key_check FROM keyring") {
            if let visibility = VisibilityClass(rawValue: try row.stored("class")) { checks[visibility] = try row.stored("key_check") }
        }
        return checks
    }

    static func signKeyring(_ authority: UnitAuthority, storeID: String, db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('keyring_signature', ?)",
            arguments: [try authority.signKeyring(try keyChecks(db), storeID: storeID)])
    }

    /// Makes the unit's authority for a store made before certificates, at the sign-in of a
    /// supervisor who holds every class key: every account whose key the keys' own entitlements
    /// vouch for (an HMAC under each class key its role reads, over its id, role and public key)
    /// is certified as it stands; the others are named. Returns the authority and the words
    /// for the audit event.
    static func establish(keyring: Keyring, supervisorID: String, db: Database) throws -> (UnitAuthority, String) {
        let authority = UnitAuthority.make()
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('authority_key', ?)", arguments: [authority.publicKey])
        let (certified, left) = try certifyVouched(authority: authority, keyring: keyring, db: db)
        try signKeyring(authority, storeID: keyring.storeID, db: db)
        let words = "made the unit's authority key and certified \(certified) accounts"
            + (left.isEmpty ? "" : "; not yet certified: \(left.joined(separator: ", "))")
        return (authority, words)
    }

    /// Certifies every account without a certificate whose key the keys' own entitlements vouch
    /// for (`vouched`), and every disabled one (a disabled account is given nothing). Run when
    /// the store is certified and at each later sign-in of a supervisor holding every key, for
    /// accounts that were still on the first format then and have their key pair since.
    /// Returns how many were certified and the names of those left.
    static func certifyVouched(authority: UnitAuthority, keyring: Keyring, db: Database) throws -> (Int, [String]) {
        let storeID = keyring.storeID
        var certified = 0
        var left: [String] = []
        for stored in try accounts(db) where stored.certificate == nil {
            let account = stored.account
            if !account.active || account.publicKey != nil && vouched(account, keyring: keyring, db: db) {
                try certify(account, authority: authority, storeID: storeID, db: db)
                certified += 1
                if account.active, account.role == .supervisor, let key = account.publicKey {
                    try grantAuthority(authority, to: account.id, publicKey: key, storeID: storeID, db: db)
                }
            } else {
                left.append(account.name)
            }
        }
        return (certified, left)
    }

    /// Whether every class key the account's role reads holds an entitlement bound to its
    /// present role and public key (`waiting` also takes one made before it had a key pair).
    /// Only the classes `keyring` holds are looked at; the team's always is.
    static func vouched(_ account: CertifiedAccount, keyring: Keyring, db: Database, waiting: Bool = false) -> Bool {
        account.role.readableClasses.allSatisfy { visibility in
            guard let key = keyring.key(for: visibility) else { return waiting }
            let stored = try? Data.fetchOne(
                db, sql: "SELECT entitlement FROM key_grants WHERE account_id = ? AND class = ?", arguments: [account.id, visibility.rawValue])
            func entitlement(_ publicKey: Data?) -> Data {
                KeyGrant.entitlement(key, storeID: keyring.storeID, visibility: visibility, accountID: account.id, role: account.role, publicKey: publicKey)
            }
            return stored == entitlement(account.publicKey) || waiting && stored == entitlement(nil)
        }
    }

    /// In a certified store, the names of the active accounts with no certificate (still on the
    /// first format when it was certified): they are given no key but the team's, which their
    /// own passphrase already opened, until a supervisor sets their passphrase.
    static func uncertifiedActive(_ db: Database) throws -> [String] {
        guard try authorityKey(db) != nil else { return [] }
        return try accounts(db).filter { $0.certificate == nil && $0.account.active }.map(\.account.name)
    }

    /// What an account not yet certified is told at sign-in.
    static func uncertifiedNotice(_ name: String) -> String {
        "This account is not yet certified by the unit's authority, so it holds no key but the team's: ask a supervisor to set "
            + "its passphrase again (care user passwd \(name)), which certifies it and gives it the keys its role reads."
    }

    /// What a supervisor is told at sign-in while accounts wait to be certified.
    static func uncertifiedForSupervisor(_ names: [String]) -> String {
        "Not yet certified, so holding no key but the team's: \(names.joined(separator: ", ")). Set each one's passphrase "
            + "(care user passwd NAME) to certify it; nothing else gives them their keys."
    }

    /// Classes whose key `care init` never made (a store upgraded from the first format makes
    /// them at the first sign-in of someone who may read them). Any other class missing from the
    /// keyring was removed, and is reported, never made again.
    static func pendingClasses(_ db: Database) throws -> Set<VisibilityClass> {
        guard let text = try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'classes_pending'") else { return [] }
        return Set(text.split(separator: ",").compactMap { VisibilityClass(rawValue: String($0)) })
    }

    static func notePending(_ classes: Set<VisibilityClass>, db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('classes_pending', ?)",
            arguments: [classes.map(\.rawValue).sorted().joined(separator: ",")])
    }

    /// What `care check` says of the accounts and key tables: every certificate, every grant
    /// against its certified role, the keyring against its signature and the classes the store
    /// must have. Empty when all is well. `seenAuthority` is this machine's memory of the key.
    static func problems(keyring: Keyring, seenAuthority: Data?, db: Database) throws -> [String] {
        guard let authority = try authorityKey(db) else { return [] }
        var entitlements: [String: [VisibilityClass: Data]] = [:]
        var sealed: [String: Int] = [:]
        var grants: [(accountID: String, visibility: VisibilityClass)] = []
        for row in try Row.fetchAll(db, sql: "SELECT account_id, class, entitlement, sealed_key IS NOT NULL AS sealed FROM key_grants ORDER BY account_id, class") {
            let id: String = try row.stored("account_id")
            guard let visibility = VisibilityClass(rawValue: try row.stored("class")) else { continue }
            if let entitlement = try row.stored("entitlement", as: Data?.self) { entitlements[id, default: [:]][visibility] = entitlement }
            if try row.stored("sealed", as: Bool.self) { sealed[id, default: 0] += 1 }
            grants.append((id, visibility))
        }
        let check = AccountCheck(
            authorityKey: authority, seenAuthority: seenAuthority,
            accounts: try accounts(db).map { stored in
                AccountCheck.Account(
                    account: stored.account, certificate: stored.certificate, sealedGrants: sealed[stored.account.id] ?? 0,
                    entitlements: entitlements[stored.account.id] ?? [:])
            },
            grants: grants, authorityGrants: try String.fetchAll(db, sql: "SELECT account_id FROM authority_grants ORDER BY account_id"),
            keyChecks: try keyChecks(db), pending: try pendingClasses(db),
            keyringSignature: try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'keyring_signature'"))
        return check.problems(keyring: keyring)
    }
}
