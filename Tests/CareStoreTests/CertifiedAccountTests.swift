import CareDomain
import Crypto
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Accounts are certified by the unit's authority: an insider with write access to the file
/// (sqlite3 and the project's own key code) who deletes a key, flips a role, forges an account
/// or plants a public key gets no class key through any sign-in or supervisor command, and
/// `care check` names what was done.
@Suite struct CertifiedAccountTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let child: Child
    let restricted: Contact

    init() throws {
        let start = try StoreWithARestrictedNote()
        (fixture, supervisor, child, restricted) = (start.fixture, start.supervisor, start.child, start.restricted)
    }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try fixture.raw().write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    func accountID(_ name: String) throws -> String {
        try #require(try fixture.raw().read { db in
            try String.fetchOne(db, sql: "SELECT id FROM accounts WHERE account_name = ?", arguments: [name])
        })
    }

    /// The sealed grants of `class` the file holds for the account.
    func sealedGrants(_ visibility: VisibilityClass, of accountID: String) throws -> [Data] {
        try fixture.raw().read { db in
            try Data.fetchAll(
                db, sql: "SELECT sealed_key FROM key_grants WHERE account_id = ? AND class = ? AND sealed_key IS NOT NULL",
                arguments: [accountID, visibility.rawValue])
        }
    }

    func keyringClasses() throws -> [String] {
        try fixture.raw().read { db in try String.fetchAll(db, sql: "SELECT class FROM keyring ORDER BY class") }
    }

    func check(as account: NewAccount = StoreFixture.supervisor) throws -> StoreCheckReport {
        let inspection = try StoreInspection.open(options: fixture.options, account: account.accountName, passphrase: account.passphrase)
        defer { try? inspection.close() }
        return try inspection.verify()
    }

    /// Attack 1: the restricted keyring row deleted and the police account's clear role set to
    /// child protection. Before certificates, the next child protection sign-in made a new
    /// restricted key and granted it by the clear role column.
    @Test func deletingTheRestrictedKeyAndFlippingARoleMakesNoNewKeyAndIsNamed() throws {
        let police = try accountID("police.testcase")
        try execute("DELETE FROM keyring WHERE class = 'restricted'")
        try execute("UPDATE accounts SET role = 'childProtection' WHERE id = ?", [police])

        let protection = try fixture.open(StoreFixture.protection)
        #expect(try keyringClasses() == ["investigation", "team"])
        #expect(try sealedGrants(.restricted, of: police).isEmpty)
        #expect(protection.notices.contains("The key to restricted notes is missing from this store; restore it from a backup. Until then they stay hidden here."),
                "\(protection.notices)")
        #expect(!protection.notices.contains { $0.contains("set this account's passphrase again") })
        // The flipped account's own sign-in is refused: its certificate names another role.
        #expect(throws: StoreError.self) { try fixture.open(StoreFixture.police) }

        let report = try check()
        #expect(!report.isHealthy)
        #expect(report.accountProblems.contains { $0.hasPrefix("account police.testcase: its certificate does not verify") }, "\(report)")
        #expect(report.accountProblems.contains("the key to restricted notes is missing from this store; restore it from a backup"))
        #expect(report.accountProblems.contains { $0.hasPrefix("the keyring is not as the unit's authority signed it") })
    }

    /// Attack 1, the other way: a forged `accounts` row with the attacker's own key pair, listed
    /// as child protection, with the restricted key deleted as well. Nobody's sign-in grants it
    /// anything.
    @Test func aForgedAccountRowIsGrantedNothingAndIsNamed() throws {
        let attacker = AccountKeys.makeKeyPair()
        let wrapped = try AccountKeys.wrap(attacker, passphrase: "attacker test passphrase", cost: .testOnly, accountID: "forged-id")
        try execute("""
            INSERT INTO accounts(id, account_name, role, active, wrapped_key, public_key, wrapped_private, kdf_salt, kdf_n, kdf_r, kdf_p, version)
            VALUES ('forged-id', 'forged.testcase', 'childProtection', 1, X'', ?, ?, ?, ?, ?, ?, 1)
            """, [attacker.publicKey.rawRepresentation, wrapped.sealed, wrapped.salt, wrapped.cost.rounds, wrapped.cost.blockSize, wrapped.cost.parallelism])
        // A waiting grant beside it, with the liaison's entitlement copied.
        try execute("""
            INSERT INTO key_grants(account_id, class, entitlement, sealed_key)
            SELECT 'forged-id', class, entitlement, NULL FROM key_grants
            WHERE class = 'restricted' AND account_id = (SELECT id FROM accounts WHERE account_name = 'liaison.testcase')
            """)
        _ = try fixture.open(StoreFixture.protection)
        _ = try fixture.open(StoreFixture.liaison)
        _ = try fixture.open(StoreFixture.supervisor)
        try execute("DELETE FROM keyring WHERE class = 'restricted'")
        _ = try fixture.open(StoreFixture.protection)
        #expect(try sealedGrants(.restricted, of: "forged-id").isEmpty)
        #expect(try sealedGrants(.team, of: "forged-id").isEmpty)
        #expect(try keyringClasses() == ["investigation", "team"])

        let report = try check()
        #expect(report.accountProblems.contains { $0.hasPrefix("account forged.testcase: not certified") }, "\(report)")
        #expect(report.accountProblems.contains { $0.hasPrefix("key grant of restricted notes to account forged.testcase, which has no valid certificate") })
    }

    /// Attack 2: the attacker's public key planted on a police colleague's account, then a
    /// supervisor's ordinary role change to liaison. Before certificates the restricted key was
    /// sealed to the planted key.
    @Test func aPlantedPublicKeyIsRefusedByARoleChangeAndGetsNoKey() throws {
        let police = try accountID("police.testcase")
        let attacker = AccountKeys.makeKeyPair()
        try execute("UPDATE accounts SET public_key = ? WHERE id = ?", [attacker.publicKey.rawRepresentation, police])

        #expect {
            try supervisor.changeRole(account: "police.testcase", to: .liaison)
        } throws: { error in
            "\(error)".contains("not as the unit's authority certified it") && "\(error)".contains("care user passwd police.testcase")
        }
        let storeID = try fixture.raw().read(StoreDatabase.storeID)
        for visibility in VisibilityClass.allCases {
            for grant in try sealedGrants(visibility, of: police) {
                #expect(KeyGrant.open(grant, with: attacker, storeID: storeID, accountID: police, visibility: visibility) == nil)
            }
        }
        #expect(try sealedGrants(.restricted, of: police).isEmpty)
        #expect(try check().accountProblems.contains { $0.hasPrefix("account police.testcase: its certificate does not verify") })

        // Setting its passphrase again gives it a key made and certified by the supervisor; the
        // role change then goes through, and the attacker's key opens nothing.
        try supervisor.changePassphrase(account: "police.testcase", newPassphrase: "a fresh police test passphrase")
        try supervisor.changeRole(account: "police.testcase", to: .liaison)
        let grants = try sealedGrants(.restricted, of: police)
        #expect(grants.count == 1)
        #expect(grants.allSatisfy { KeyGrant.open($0, with: attacker, storeID: storeID, accountID: police, visibility: .restricted) == nil })
        #expect(try check().isHealthy)
    }

    @Test func aGrantToARoleItsCertificateDoesNotAllowIsNamed() throws {
        try execute("""
            INSERT INTO key_grants(account_id, class, entitlement, sealed_key)
            SELECT (SELECT id FROM accounts WHERE account_name = 'police.testcase'), class, entitlement, sealed_key
            FROM key_grants WHERE class = 'restricted' AND account_id = (SELECT id FROM accounts WHERE account_name = 'liaison.testcase')
            """)
        let report = try check()
        #expect(report.accountProblems == [
            "key grant of restricted notes to account police.testcase, whose certified role (police) may not read them",
        ], "\(report)")
        #expect(!report.isHealthy)
    }

    @Test func aHealthyStoreChecksItsAccountsAndEveryRoleCanVerifyThem() throws {
        for account in [StoreFixture.supervisor, StoreFixture.protection, StoreFixture.police, StoreFixture.liaison] {
            let report = try check(as: account)
            #expect(report.isHealthy && report.accountsCertified, "\(report)")
            #expect(report.description.contains("accounts and keys: every certificate and grant verifies"))
        }
        // Disabling and changing roles keep every certificate true.
        try supervisor.disableAccount("cp.testcase")
        try supervisor.changeRole(account: "liaison.testcase", to: .supervisor)
        #expect(try check().isHealthy)
        let promoted = try fixture.open(StoreFixture.liaison)
        try promoted.addAccount(NewAccount(
            accountName: "new.testcase", displayName: "Nia Newtest", role: .childProtection, passphrase: "new account test passphrase"))
        let report = try check()
        #expect(report.isHealthy, "\(report)")
    }

    /// A store made before certificates: "not yet certified" until the first supervisor signs
    /// in, who certifies every account its keys' entitlements vouch for; it then checks healthy.
    @Test func aStoreMadeBeforeCertificatesIsCertifiedAtTheFirstSupervisorSignIn() throws {
        try execute("UPDATE accounts SET certificate = NULL")
        try execute("DELETE FROM authority_grants")
        try execute("DELETE FROM meta WHERE key IN ('authority_key', 'keyring_signature')")

        let police = try fixture.open(StoreFixture.police)
        #expect(police.notices.contains(SignIn.notYetCertified))
        let before = try check(as: StoreFixture.police)
        #expect(before.isHealthy && !before.accountsCertified, "\(before)")
        #expect(before.description.contains("accounts: not yet certified"))

        let signedIn = try fixture.open(StoreFixture.supervisor)
        #expect(!signedIn.notices.contains(SignIn.notYetCertified))
        #expect(try signedIn.audit().contains { $0.summary == "made the unit's authority key and certified 4 accounts" })
        let protection = try fixture.open(StoreFixture.protection)
        #expect(!protection.notices.contains(SignIn.notYetCertified), "\(protection.notices)")
        let after = try check()
        #expect(after.isHealthy && after.accountsCertified, "\(after)")
        // The new certificates are enforced from now on.
        try execute("UPDATE accounts SET role = 'liaison' WHERE account_name = 'police.testcase'")
        #expect(try !check().isHealthy)
    }

    /// The machine keeps the authority key it saw first: a store whose accounts were all
    /// re-certified under another authority is refused at sign-in and named by the check.
    @Test func anotherAuthorityKeyIsRefusedOnAMachineThatSawTheFirst() throws {
        let fixture = try StoreFixture(anchors: true)
        try fixture.create()
        let book = try #require(fixture.anchorBook)
        let storeID = try fixture.raw().read(StoreDatabase.storeID)
        let first = try #require(book.authority(storeID: storeID))
        // The attacker's own authority, certifying every account as it stands.
        let forged = UnitAuthority.make()
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'authority_key'", arguments: [forged.publicKey])
            for stored in try Certificates.accounts(db) { try Certificates.certify(stored.account, authority: forged, storeID: storeID, db: db) }
            try Certificates.signKeyring(forged, storeID: storeID, db: db)
        }
        #expect {
            try fixture.open(StoreFixture.protection)
        } throws: { error in "\(error)".contains("is not the one this machine saw first") }
        let inspection = try StoreInspection.open(
            options: fixture.options, account: StoreFixture.protection.accountName, passphrase: StoreFixture.protection.passphrase)
        defer { try? inspection.close() }
        let report = try inspection.verify()
        #expect(report.accountProblems.contains { $0.contains("is not the one this machine saw first (\(UnitAuthority.fingerprint(first)))") })
        #expect(book.authority(storeID: storeID) == first)
    }
}
