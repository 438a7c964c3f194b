import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// docs/security.md, "Accounts still on the first format": the window once left by an account
/// still on the first format when its store was certified, now closed. Such an account has no key
/// pair and no certificate, only a waiting grant of the restricted key. An insider who puts their
/// own key pair on it used to receive that key at the next sign-in of someone who held it (and
/// the account was then certified with the planted key). Now an account without a certificate is
/// given no key but the team's (which its own passphrase already opened) until a supervisor sets
/// its passphrase — the key pair made and certified in the supervisor's hands — and every
/// sign-in says so in words.
@Suite struct FirstFormatAccountWindowTests {
    let migration = MigrationTests()

    func restrictedGrant(_ fixture: StoreFixture, to account: String) throws -> Data? {
        try fixture.raw().read { db in
            try Data.fetchOne(db, sql: """
                SELECT g.sealed_key FROM key_grants g JOIN accounts a ON a.id = g.account_id
                WHERE a.account_name = ? AND g.class = 'restricted'
                """, arguments: [account])
        }
    }

    @Test func aKeyPlantedOnAnAccountStillOnTheFirstFormatReceivesNothingAndASupervisorIsToldWhatToDo() throws {
        let fixture = try migration.copy()
        // The supervisor's first sign-in upgrades the store, makes the restricted key and
        // certifies every account that has a key pair; the liaison has none yet.
        _ = try migration.open(fixture)
        let (liaison, storeID) = try fixture.raw().read { db in
            (try #require(try String.fetchOne(db, sql: "SELECT id FROM accounts WHERE account_name = 'demo-liaison'")),
             try StoreDatabase.storeID(db))
        }
        let waiting = try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT certificate, public_key FROM accounts WHERE id = ?", arguments: [liaison])
        }
        #expect(waiting?["certificate"] as Data? == nil && waiting?["public_key"] as Data? == nil, "the liaison is still on the first format")

        let attacker = AccountKeys.makeKeyPair()
        let wrapped = try AccountKeys.wrap(attacker, passphrase: "attacker test passphrase", cost: .testOnly, accountID: liaison)
        try fixture.raw().write { db in
            try db.execute(sql: """
                UPDATE accounts SET public_key = ?, wrapped_private = ?, kdf_salt = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?, wrapped_key = X''
                WHERE id = ?
                """, arguments: [attacker.publicKey.rawRepresentation, wrapped.sealed, wrapped.salt, wrapped.cost.rounds,
                                 wrapped.cost.blockSize, wrapped.cost.parallelism, liaison])
        }
        // Holders of the restricted key sign in: the supervisor, and a child protection worker
        // (who gets their own key pair now, and is not certified either).
        let supervisor = try migration.open(fixture)
        let protection = try migration.open(fixture, as: "demo-cp")
        _ = try migration.open(fixture)

        #expect(try restrictedGrant(fixture, to: "demo-liaison") == nil, "the planted key receives no restricted key")
        let certificate = try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT certificate FROM accounts WHERE id = ?", arguments: [liaison])
        }
        #expect(certificate?["certificate"] as Data? == nil, "nor is it certified")

        // The honest worker still on the first format is told the same, in words.
        #expect(protection.notices.contains { $0.contains("not yet certified") && $0.contains("care user passwd demo-cp") }, "\(protection.notices)")
        #expect(try restrictedGrant(fixture, to: "demo-cp") == nil)
        // The supervisor is told which accounts wait and what gives them their keys.
        let again = try migration.open(fixture)
        #expect(again.notices.contains { $0.contains("demo-cp") && $0.contains("demo-liaison") && $0.contains("care user passwd") }, "\(again.notices)")

        // A supervisor setting the passphrases makes and certifies the key pairs, and the keys follow.
        try supervisor.changePassphrase(account: "demo-liaison", newPassphrase: "liaison new test passphrase")
        try supervisor.changePassphrase(account: "demo-cp", newPassphrase: "protection new test passphrase")
        let real = try SQLiteCaseStore.open(options: migration.options(fixture), account: "demo-liaison", passphrase: "liaison new test passphrase")
        #expect(try real.session.keys().keyring.classes == [.team, .restricted])
        #expect(!real.notices.contains { $0.contains("not yet certified") })
        #expect(KeyGrant.open(try #require(try restrictedGrant(fixture, to: "demo-liaison")), with: attacker, storeID: storeID, accountID: liaison, visibility: .restricted) == nil)
        _ = try migration.open(fixture, as: "demo-police")
        let report = try again.verify()
        #expect(report.isHealthy, "\(report)")
    }
}
