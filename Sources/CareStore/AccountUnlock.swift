import CareDomain
import Crypto
import Foundation
import GRDB

/// What a passphrase unlocked, before the session's keys are put together.
struct AccountUnlock {
    enum Secret {
        /// The account's private key (it has its key pair).
        case keyPair(AccountKeys.PrivateKey)
        /// The store's one data key as the first format wrapped it, with the passphrase that
        /// unwrapped it: the account gets its key pair at this sign-in.
        case legacy(dataKey: SymmetricKey, passphrase: String)
    }

    let accountID: String
    let accountName: String
    /// The role in the clear `accounts` table (what entitlements are bound to).
    let role: Role
    let secret: Secret
}

extension SQLiteCaseStore {
    /// Finds the account, checks it is active and not waiting out wrong passphrases, and
    /// unwraps its key. A wrong passphrase is noted (when the store can be written), which is
    /// what makes the next try wait.
    static func unlockAccount(
        _ queue: DatabaseQueue, options: StoreOptions, account: String, passphrase: String, mayRecord: Bool
    ) throws -> AccountUnlock {
        let now = options.clock.now()
        let (row, failures) = try StoreDatabase.mapErrors(at: options.location) {
            try queue.read { db in
                let row = try Row.fetchOne(db, sql: """
                    SELECT id, active, role, public_key, wrapped_private, wrapped_key, kdf_salt, kdf_n, kdf_r, kdf_p
                    FROM accounts WHERE account_name = ?
                    """, arguments: [account])
                let failures = try Row.fetchOne(
                    db, sql: "SELECT COUNT(*) AS n, MAX(at) AS last FROM failed_logins WHERE account = ? AND account <> ''",
                    arguments: [account])
                return (row, failures)
            }
        }
        guard let row else {
            if mayRecord { try? recordFailedLogin(queue, account: "", at: now) }
            throw StoreError.unknownAccount(account)
        }
        let accountID: String = try row.stored("id")
        guard (try row.stored("active", as: Int.self)) == 1 else { throw StoreError.accountDisabled(account) }
        if let count = (try failures?.stored("n", as: Int?.self)), count > 0, let last = (try failures?.stored("last", as: Double?.self)) {
            let wait = SignInDelay.after(failures: count) - now.timeIntervalSince(Date(timeIntervalSince1970: last))
            if wait > 0 { throw StoreError.signInThrottled(account: account, seconds: Int(wait.rounded(.up))) }
        }
        guard let role = Role(rawValue: try row.stored("role")) else { throw StoreError.corrupt("the account \"\(account)\" has an unknown role") }
        let cost: KDFCost
        do {
            cost = try KDFCost(rounds: try row.stored("kdf_n"), blockSize: try row.stored("kdf_r"), parallelism: try row.stored("kdf_p"))
        } catch {
            throw StoreError.corrupt("the account \"\(account)\" has invalid key-derivation settings")
        }
        let salt: Data = try row.stored("kdf_salt")
        var secret: AccountUnlock.Secret?
        if let publicKey = (try row.stored("public_key", as: Data?.self)), let sealed = (try row.stored("wrapped_private", as: Data?.self)), !sealed.isEmpty {
            let wrapped = WrappedKey(salt: salt, cost: cost, sealed: sealed)
            secret = try AccountKeys.unwrap(wrapped, passphrase: passphrase, accountID: accountID, publicKey: publicKey).map { .keyPair($0) }
        } else if let sealed = (try row.stored("wrapped_key", as: Data?.self)), !sealed.isEmpty {
            let wrapped = WrappedKey(salt: salt, cost: cost, sealed: sealed)
            secret = try KeyVault.unwrap(wrapped, passphrase: passphrase, binding: KeyVault.legacyBinding(accountID: accountID))
                .map { .legacy(dataKey: SymmetricKey(data: $0), passphrase: passphrase) }
        }
        guard let secret else {
            // Stamped after the key derivation, so the wait runs from the refusal.
            if mayRecord { try? recordFailedLogin(queue, account: account, at: options.clock.now()) }
            throw StoreError.wrongPassphrase(account: account)
        }
        return AccountUnlock(accountID: accountID, accountName: account, role: role, secret: secret)
    }

    private static func recordFailedLogin(_ queue: DatabaseQueue, account: String, at: Date) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO failed_logins(at, account) VALUES (?, ?)",
                arguments: [at.timeIntervalSince1970, account])
        }
    }
}
