import CareDomain
import Crypto
import Foundation

/// The accounts' part of `care check`, the same on every backend: every account's certificate,
/// every key grant against its account's certified role, the unit authority's grants, the
/// keyring against its signature and the classes the store must have. Each backend reads its
/// `accounts`, `key_grants`, `authority_grants`, `keyring` and `meta` rows with its own SQL into
/// this value; the rules are here once. Problems name accounts and classes, nothing sealed.
package struct AccountCheck {
    /// One account as the store holds it.
    package struct Account {
        package var account: CertifiedAccount
        package var certificate: Data?
        /// How many class keys are sealed to it (`key_grants.sealed_key`).
        package var sealedGrants: Int
        /// The entitlement of each class key grant it has (`key_grants.entitlement`).
        package var entitlements: [VisibilityClass: Data]

        package init(account: CertifiedAccount, certificate: Data?, sealedGrants: Int, entitlements: [VisibilityClass: Data]) {
            self.account = account
            self.certificate = certificate
            self.sealedGrants = sealedGrants
            self.entitlements = entitlements
        }
    }

    /// The unit authority's public key (`meta.authority_key`); a store without one is not yet
    /// certified and has nothing to check here.
    package var authorityKey: Data?
    /// This machine's memory of the authority key, when it keeps one.
    package var seenAuthority: Data?
    /// Every account, by account name.
    package var accounts: [Account]
    /// Every key grant (account id, class), by account id and class.
    package var grants: [(accountID: String, visibility: VisibilityClass)]
    /// The accounts the authority's private key is sealed to, by id.
    package var authorityGrants: [String]
    /// Each class key's check (`keyring`).
    package var keyChecks: [VisibilityClass: Data]
    /// The classes whose key is still to be made at a sign-in.
    package var pending: Set<VisibilityClass>
    package var keyringSignature: Data?

    package init(
        authorityKey: Data?, seenAuthority: Data?, accounts: [Account], grants: [(accountID: String, visibility: VisibilityClass)],
        authorityGrants: [String], keyChecks: [VisibilityClass: Data], pending: Set<VisibilityClass>, keyringSignature: Data?
    ) {
        self.authorityKey = authorityKey
        self.seenAuthority = seenAuthority
        self.accounts = accounts
        self.grants = grants
        self.authorityGrants = authorityGrants
        self.keyChecks = keyChecks
        self.pending = pending
        self.keyringSignature = keyringSignature
    }

    /// Whether every class key the account's role reads holds an entitlement bound to its
    /// present role and public key (`waiting` also takes one made before it had a key pair).
    /// Only the classes `keyring` holds are looked at; the team's always is.
    package static func vouched(
        _ account: CertifiedAccount, entitlements: [VisibilityClass: Data], keyring: Keyring, waiting: Bool = false
    ) -> Bool {
        account.role.readableClasses.allSatisfy { visibility in
            guard let key = keyring.key(for: visibility) else { return waiting }
            let stored = entitlements[visibility]
            func entitlement(_ publicKey: Data?) -> Data {
                KeyGrant.entitlement(key, storeID: keyring.storeID, visibility: visibility, accountID: account.id, role: account.role, publicKey: publicKey)
            }
            return stored == entitlement(account.publicKey) || waiting && stored == entitlement(nil)
        }
    }

    /// What is wrong, in words; empty when all is well.
    package func problems(keyring: Keyring) -> [String] {
        let storeID = keyring.storeID
        guard let authority = authorityKey else { return [] }
        var problems: [String] = []
        if let seenAuthority, seenAuthority != authority {
            problems.append("the unit's authority key is not the one this machine saw first (\(UnitAuthority.fingerprint(seenAuthority))): "
                + "the certificates may have been replaced")
        }
        var valid: [String: CertifiedAccount] = [:]
        // Accounts still on the first format when the store was certified: certified at a
        // supervisor's sign-in once their keys' entitlements vouch for them; until then given
        // keys by entitlement, for the role the clear column says.
        var waiting: [String: CertifiedAccount] = [:]
        for entry in accounts {
            let account = entry.account
            if entry.certificate == nil {
                let legacy = account.publicKey == nil && entry.sealedGrants == 0
                if legacy || account.publicKey != nil && Self.vouched(account, entitlements: entry.entitlements, keyring: keyring, waiting: true) {
                    waiting[account.id] = account
                } else {
                    problems.append("account \(account.name): not certified by the unit's authority, and no key vouches for it "
                        + "(added outside care, or its key was changed outside care; set its passphrase again to certify it)")
                }
            } else if !account.verifies(entry.certificate, authority: authority, storeID: storeID) {
                problems.append("account \(account.name): its certificate does not verify: its role, state or key was changed outside care, "
                    + "or the account was added outside care")
            } else {
                valid[account.id] = account
            }
        }
        let names = Dictionary(accounts.map { ($0.account.id, $0.account.name) }, uniquingKeysWith: { first, _ in first })
        var granted: [String: Set<VisibilityClass>] = [:]
        for (id, visibility) in grants {
            granted[id, default: []].insert(visibility)
            let name = names[id] ?? "with id \(id)"
            if let account = waiting[id] {
                if !account.active || !account.role.mayRead(visibility) {
                    problems.append("key grant of \(visibility.records) to account \(name), whose role (\(account.role.title)) may not read them")
                }
                continue
            }
            guard let account = valid[id] else {
                problems.append("key grant of \(visibility.records) to account \(name), which has no valid certificate")
                continue
            }
            if !account.active {
                problems.append("key grant of \(visibility.records) to account \(name), which is disabled")
            } else if !account.role.mayRead(visibility) {
                problems.append("key grant of \(visibility.records) to account \(name), whose certified role (\(account.role.title)) may not read them")
            }
        }
        for id in authorityGrants where !(valid[id].map { $0.active && $0.role == .supervisor } ?? false) {
            problems.append("the unit's authority key is given to account \(names[id] ?? "with id \(id)"), which is not a certified active supervisor")
        }
        for visibility in VisibilityClass.allCases where keyChecks[visibility] == nil && !pending.contains(visibility) {
            problems.append("the key to \(visibility.records) is missing from this store; restore it from a backup")
        }
        if let key = try? UnitAuthority.VerifyingKey(rawRepresentation: authority),
           keyringSignature.map({ key.isValidSignature($0, for: UnitAuthority.keyringBytes(keyChecks, storeID: storeID)) }) != true {
            problems.append("the keyring is not as the unit's authority signed it: a class key was added, removed or replaced outside care")
        }
        for account in valid.values.sorted(by: { $0.name < $1.name }) where account.active && account.publicKey != nil {
            for visibility in account.role.readableClasses where keyChecks[visibility] != nil && !(granted[account.id]?.contains(visibility) ?? false) {
                problems.append("account \(account.name) holds no key to \(visibility.records), which its role reads")
            }
        }
        return problems
    }
}
