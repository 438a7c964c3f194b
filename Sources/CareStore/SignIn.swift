import CareDomain
import Foundation
import GRDB

/// Everything a sign-in does once the passphrase has unlocked the account, inside one
/// transaction and in this order:
///
/// 1. the class keys granted to the account are opened (or, the first time after an upgrade,
///    the first format's data key is taken as the team key);
/// 2. the audit trail's tail is checked against its keyed head — or, for a store made by an
///    earlier version, its whole first-format trail is verified and the store upgraded —
///    before anything is written;
/// 3. an account still on the first format gets its key pair;
/// 4. keys of classes the role may read that nobody holds yet are made;
/// 5. keys due to accounts that got their key pair since are granted;
/// 6. a store behind what this machine has seen is named;
/// 7. failed logins are folded into the chain and the sign-in event closes it.
///
/// `readOnly` stops after 2 (plus 6 in words), writing nothing. `inspect` (for `care check`)
/// only opens the keys: the check itself walks the trail and names what is wrong, and writes
/// nothing — except that it upgrades a store made by an earlier version, which needs writing.
struct SignIn {
    enum Mode: Equatable {
        /// A signed-in session; ends with a `login` event.
        case session
        /// A locked session unlocked again; ends with an `unlock` event.
        case unlock
        /// Keys only, for checking the store before signing in.
        case inspect
        /// A store that cannot be written.
        case readOnly
    }

    struct Result {
        var keys: SessionKeys
        var worker: Worker
        var notices: [String]
    }

    let db: Database
    let unlock: AccountUnlock
    let options: StoreOptions
    let now: Date
    let mode: Mode
    private var notices: [String] = []

    init(db: Database, unlock: AccountUnlock, options: StoreOptions, now: Date, mode: Mode) {
        self.db = db
        self.unlock = unlock
        self.options = options
        self.now = now
        self.mode = mode
    }

    private var writes: Bool { mode == .session || mode == .unlock }

    mutating func run() throws -> Result {
        let storeID = try StoreDatabase.storeID(db)
        var keyring: Keyring
        var privateKey: AccountKeys.PrivateKey?
        if try !StoreDatabase.isUpgraded(db) {
            guard mode != .readOnly else {
                throw StoreError.readOnly("this store was made by an earlier version of care and is upgraded at the first sign-in, which needs to write")
            }
            guard case .legacy(let dataKey, _) = unlock.secret else {
                throw StoreError.corrupt("an account has a key pair in a store that was never upgraded")
            }
            keyring = Keyring(storeID: storeID, team: dataKey)
            try StoreUpgrade(db: db, keys: SessionKeys(keyring: keyring, privateKey: nil), actor: unlock.accountID, now: now).run()
        } else {
            switch unlock.secret {
            case .legacy(let dataKey, _):
                guard mode != .readOnly else {
                    throw StoreError.readOnly("this account gets its own key pair at its first sign-in since the upgrade, which needs to write")
                }
                keyring = Keyring(storeID: storeID, team: dataKey)
                guard try ClassKeys.matches(dataKey, .team, storeID: storeID, db: db) else {
                    throw StoreError.corrupt("the account \"\(unlock.accountName)\" unlocks a key this store does not use")
                }
            case .keyPair(let key):
                privateKey = key
                let granted = try ClassKeys.granted(to: unlock.accountID, privateKey: key, storeID: storeID, db: db)
                keyring = granted.0
                notices += granted.1
            }
            // A check reports a broken trail instead of refusing; it writes nothing either way.
            if mode != .inspect {
                _ = try AuditLog(keys: SessionKeys(keyring: keyring, privateKey: privateKey)).verifiedTail(db)
            }
        }
        let worker = try accountWorker(keyring: keyring)
        var authority = try checkCertificate(storeID: storeID, privateKey: privateKey)

        if writes {
            var keys = SessionKeys(keyring: keyring, privateKey: privateKey, authority: authority)
            if case .legacy(_, let passphrase) = unlock.secret {
                privateKey = try ClassKeys.register(unlock, passphrase: passphrase, keyring: keyring, cost: options.kdfCost, db: db)
                keys = SessionKeys(keyring: keyring, privateKey: privateKey)
                try append(keys, .accountChange, "set up the account's key pair", target: unlock.accountID)
            }
            let pending = try Certificates.pendingClasses(db)
            for visibility in unlock.role.readableClasses where !keyring.holds(visibility) && pending.contains(visibility) {
                guard try !ClassKeys.exists(visibility, db: db) else { continue }
                let made = try ClassKeys.make(visibility, keyring: &keyring, db: db)
                keys = SessionKeys(keyring: keyring, privateKey: privateKey, authority: authority)
                if let authority { try Certificates.signKeyring(authority, storeID: storeID, db: db) }
                try append(keys, .create, "made the key to \(visibility.records) for \(made.holders) accounts"
                    + (made.rows.isEmpty ? "" : " and sealed \(made.rows.count) records under it"), rows: made.rows)
            }
            try LeadDrop.publish(keyring: keyring, db: db)
            // A store made before the caseload summaries gets them now; the restricted class's
            // at the first sign-in of someone who holds its key.
            try SQLiteCaseStore.buildMissingSummaries(db: db, keys: keys, actor: unlock.accountID, now: now)
            let granted = try ClassKeys.grantPending(keyring: keyring, db: db)
            for (visibility, count) in granted.sorted(by: { $0.key < $1.key }) {
                try append(keys, .accountChange, "gave the key to \(visibility.records) to \(count) accounts")
            }
            // A store made before certificates is certified by the first supervisor who holds
            // every class key (the keys' entitlements vouch for each account's key and role).
            if authority == nil, unlock.role == .supervisor, try Certificates.authorityKey(db) == nil,
               VisibilityClass.allCases.allSatisfy(keyring.holds) {
                let (made, words) = try Certificates.establish(keyring: keyring, supervisorID: unlock.accountID, db: db)
                authority = made
                keys = SessionKeys(keyring: keyring, privateKey: privateKey, authority: authority)
                try append(keys, .accountChange, words)
            } else if let authority, VisibilityClass.allCases.allSatisfy(keyring.holds) {
                let (certified, _) = try Certificates.certifyVouched(authority: authority, keyring: keyring, db: db)
                if certified > 0 { try append(keys, .accountChange, "certified \(certified) accounts that have their key pair since the store was certified") }
            }
        }
        let uncertified = try Certificates.uncertifiedActive(db)
        if uncertified.contains(unlock.accountName) {
            notices.append(Certificates.uncertifiedNotice(unlock.accountName))
        } else if unlock.role == .supervisor, !uncertified.isEmpty {
            notices.append(Certificates.uncertifiedForSupervisor(uncertified))
        }
        for visibility in unlock.role.readableClasses where !keyring.holds(visibility) && !uncertified.contains(unlock.accountName) {
            if try ClassKeys.exists(visibility, db: db) || Certificates.pendingClasses(db).contains(visibility) {
                notices.append("This account will receive the key to \(visibility.records) when someone who holds it next signs in; until then they stay hidden here.")
            } else if !notices.contains(ClassKeys.missingKeyNotice(visibility)) {
                notices.append(ClassKeys.missingKeyNotice(visibility))
            }
        }
        if try Certificates.authorityKey(db) == nil {
            notices.append(Self.notYetCertified)
        }
        let keys = SessionKeys(keyring: keyring, privateKey: privateKey, authority: authority)
        try compareWithAnchor(keys)
        if writes {
            try SQLiteCaseStore.foldFailedLogins(db, keys: keys)
            if mode == .session {
                try append(keys, .login, "signed in as \(unlock.accountName)")
            } else {
                try append(keys, .unlock, "unlocked the session")
            }
        }
        return Result(keys: keys, worker: worker, notices: notices)
    }

    /// What every session of a store made before certificates is told until it is certified.
    static let notYetCertified = "The accounts of this store are not yet certified: the first supervisor to sign in certifies them."

    /// In a certified store: the store's authority key must be the one this machine saw first,
    /// and this account's certificate must verify for the row as it stands (a role, state or key
    /// changed in the file is refused in words). An account never certified (still on the first
    /// format when the store was certified) signs in by its keys alone. Returns the authority
    /// when this is a supervisor it is sealed to.
    private mutating func checkCertificate(storeID: String, privateKey: AccountKeys.PrivateKey?) throws -> UnitAuthority? {
        guard let authorityKey = try Certificates.authorityKey(db) else { return nil }
        if let seen = options.anchors?.authority(storeID: storeID), seen != authorityKey {
            let words = "this store's unit authority key (\(UnitAuthority.fingerprint(authorityKey))) is not the one this machine saw first "
                + "(\(UnitAuthority.fingerprint(seen))): its accounts may have been re-certified outside care"
            guard mode == .inspect else { throw StoreError.corrupt(words) }
            notices.append("The " + words + ".")
        }
        guard let stored = try Certificates.account(id: unlock.accountID, db: db) else { return nil }
        if stored.certificate != nil, !stored.account.verifies(stored.certificate, authority: authorityKey, storeID: storeID) {
            throw StoreError.corrupt(
                "the account \"\(unlock.accountName)\" is not as the unit's authority certified it (its role, state or key was changed "
                    + "outside care); a supervisor can set its passphrase again with `care user passwd`")
        }
        guard unlock.role == .supervisor, let privateKey else { return nil }
        return try Certificates.openAuthority(accountID: unlock.accountID, privateKey: privateKey, storeID: storeID, db: db)
    }

    /// The account's worker record. Its role must be the one in the accounts list: the keys
    /// were granted for that one.
    private func accountWorker(keyring: Keyring) throws -> Worker {
        let keys = SessionKeys(keyring: keyring, privateKey: nil)
        guard let worker = try SQLiteCaseStore.fetchRecord(Worker.self, id: unlock.accountID, db: db, keys: keys) else {
            throw StoreError.corrupt("the account \"\(unlock.accountName)\" has no worker record")
        }
        guard worker.active else { throw StoreError.accountDisabled(unlock.accountName) }
        guard worker.role == unlock.role else {
            throw StoreError.corrupt(
                "the account \"\(unlock.accountName)\" is listed as \(unlock.role.title) but its worker record says \(worker.role.title); a supervisor can set the role again with `care user role`")
        }
        return worker
    }

    /// Names a store whose trail is behind, or differs from, the head this machine last saw
    /// (a restored older copy, or a cut trail under a replayed head), in words and in the trail.
    private mutating func compareWithAnchor(_ keys: SessionKeys) throws {
        guard let notice = try Self.anchorNotice(db: db, keys: keys, anchors: options.anchors, path: options.path) else { return }
        notices.append(notice)
        if writes { try append(keys, .notice, notice) }
    }

    /// The words for a store behind, or differing from, this machine's anchor; nil when it is at
    /// or ahead of it along the same trail (or this machine never saw it).
    static func anchorNotice(db: Database, keys: SessionKeys, anchors: AnchorBook?, path: String) throws -> String? {
        // A trail that does not reach its head is refused (or, by a check, reported) anyway.
        guard let anchors, let seen = anchors.anchor(storeID: keys.storeID, path: path),
              let head = try? AuditLog(keys: keys).verifiedTail(db)
        else { return nil }
        if head.sequence < seen.sequence {
            return "This store is behind what this machine has seen: its audit trail ends at event \(head.sequence), "
                + "but event \(seen.sequence) was seen here before. It may be an older copy put back, or its last events were removed. "
                + "If it was restored on purpose, a supervisor can accept it with `care anchor accept`."
        } else if try Data.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [seen.sequence]) != seen.hash {
            return "This store's audit trail differs from what this machine saw at event \(seen.sequence): "
                + "it was rewritten since, or this is another copy of the store. "
                + "If it was restored on purpose, a supervisor can accept it with `care anchor accept`."
        }
        return nil
    }

    private func append(_ keys: SessionKeys, _ action: AuditAction, _ summary: String, target: String? = nil, rows: [RecordRow] = []) throws {
        try AuditLog(keys: keys).append(db, AuditLog.NewEvent(
            action: action, actor: unlock.accountID, at: now, targetKind: target == nil ? nil : .worker, targetID: target,
            child: nil, summary: summary, rows: rows))
    }
}
