import CareDomain
import Crypto
import Foundation
import GRDB
import Testing
@testable import CareStore

/// What a role may read is held by keys: a copy of the file and one account's passphrase open
/// only the classes that account's role may read.
@Suite struct ClassKeyTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let child: Child
    let restricted: Contact

    init() throws {
        let start = try StoreWithARestrictedNote()
        (fixture, supervisor, child, restricted) = (start.fixture, start.supervisor, start.child, start.restricted)
    }

    func restrictedRow() throws -> RecordRow {
        try #require(try fixture.raw().read { db in try SQLiteCaseStore.fetchRow(.contact, id: restricted.recordID, db: db) })
    }

    @Test func thePolicePassphraseCannotDecryptARestrictedNote() throws {
        let police = try fixture.keyring(of: StoreFixture.police)
        #expect(police.classes == [.team, .investigation])
        let row = try restrictedRow()
        #expect(row.visibility == .restricted && row.seal == .bound)
        #expect(throws: StoreError.classNotHeld(.restricted)) { try RecordSealer(keyring: police).open(row) }
        // Not under any key the police hold, whatever it is called.
        for held in police.classes {
            var relabelled = Keyring(storeID: police.storeID, team: police.team)
            relabelled.add(police.key(for: held)!, for: .restricted)
            #expect(throws: StoreError.sealBroken(kind: "contact", id: restricted.recordID)) { try RecordSealer(keyring: relabelled).open(row) }
            #expect(throws: StoreError.sealBroken(kind: "contact", id: restricted.recordID)) {
                try LegacySeal.open(row.payload, kind: "contact", id: restricted.recordID, key: police.key(for: held)!)
            }
        }
        // A liaison's passphrase opens it.
        let liaison = try fixture.keyring(of: StoreFixture.liaison)
        #expect(liaison.classes == [.team, .restricted])
        let plain = try RecordSealer(keyring: liaison).open(row)
        #expect(try RecordCoding.decoder().decode(Contact.self, from: plain) == restricted)
    }

    @Test func eachRoleHoldsExactlyTheClassesItMayRead() throws {
        #expect(try fixture.keyring(of: StoreFixture.supervisor).classes == [.team, .restricted, .investigation])
        #expect(try fixture.keyring(of: StoreFixture.protection).classes == [.team, .restricted])
        #expect(try fixture.keyring(of: StoreFixture.liaison).classes == [.team, .restricted])
        #expect(try fixture.keyring(of: StoreFixture.police).classes == [.team, .investigation])
    }

    @Test func aPoliceSessionCannotWriteARestrictedNoteEither() throws {
        let police = try fixture.open(StoreFixture.police)
        #expect(throws: CommandError.denied(PermissionDenied(permission: .viewRestrictedNotes, role: .police))) {
            try police.perform(.logContact(Samples.contact(child: child.id, author: police.worker.id, visibility: .restricted)))
        }
    }

    @Test func changingTheRoleColumnInTheFileEarnsNoKey() throws {
        // The police account listed as a supervisor, with a waiting grant of the restricted key
        // whose entitlement is copied from the liaison's.
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE accounts SET role = 'supervisor' WHERE account_name = 'police.testcase'")
            try db.execute(sql: """
                INSERT INTO key_grants(account_id, class, entitlement, sealed_key)
                SELECT (SELECT id FROM accounts WHERE account_name = 'police.testcase'), class, entitlement, NULL
                FROM key_grants WHERE class = 'restricted' AND account_id = (SELECT id FROM accounts WHERE account_name = 'liaison.testcase')
                """)
        }
        // The police sign-in notices the role does not match its sealed worker record.
        #expect(throws: StoreError.self) { try fixture.open(StoreFixture.police) }
        // A real supervisor signing in grants nothing: the entitlement is not one made under the key.
        _ = try fixture.open(StoreFixture.supervisor)
        let sealed = try fixture.raw().read { db in
            try String.fetchAll(db, sql: """
                SELECT class FROM key_grants WHERE sealed_key IS NOT NULL
                AND account_id = (SELECT id FROM accounts WHERE account_name = 'police.testcase') ORDER BY class
                """)
        }
        #expect(sealed == ["investigation", "team"])
    }

    @Test func aGrantCopiedToAnotherAccountDoesNotOpen() throws {
        // The liaison's restricted grant put on the police account's row.
        try fixture.raw().write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO key_grants(account_id, class, entitlement, sealed_key)
                SELECT (SELECT id FROM accounts WHERE account_name = 'police.testcase'), class, entitlement, sealed_key
                FROM key_grants WHERE class = 'restricted' AND account_id = (SELECT id FROM accounts WHERE account_name = 'liaison.testcase')
                """)
        }
        #expect(try fixture.keyring(of: StoreFixture.police).classes == [.team, .investigation])
    }

    @Test func aRoleChangeMovesTheKeysWithIt() throws {
        try supervisor.changeRole(account: "police.testcase", to: .liaison)
        #expect(try fixture.keyring(of: StoreFixture.police).classes == [.team, .restricted])
        let moved = try fixture.open(StoreFixture.police)
        #expect(moved.worker.role == .liaison)
        #expect(try moved.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains(restricted))

        try supervisor.changeRole(account: "liaison.testcase", to: .police)
        #expect(try fixture.keyring(of: StoreFixture.liaison).classes == [.team, .investigation])
        let demoted = try fixture.open(StoreFixture.liaison)
        #expect(try demoted.loadDetail(of: child.id, contactLimit: 10).contacts.hiddenRestricted == 1)
    }

    @Test func disablingErasesTheAccountsKeysAndANewPassphraseGrantsThemAgain() throws {
        try supervisor.disableAccount("cp.testcase")
        let left = try fixture.raw().read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM key_grants WHERE account_id = (SELECT id FROM accounts WHERE account_name = 'cp.testcase')")
        }
        #expect(left == 0)
        try supervisor.changePassphrase(account: "cp.testcase", newPassphrase: "a fresh protection passphrase")
        let back = try SQLiteCaseStore.open(options: fixture.options, account: "cp.testcase", passphrase: "a fresh protection passphrase")
        #expect(try back.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains(restricted))
    }

    @Test func aWorkerChangingTheirOwnPassphraseKeepsTheirKeys() throws {
        let protection = try fixture.open(StoreFixture.protection)
        try protection.changePassphrase(account: "cp.testcase", newPassphrase: "my own new test passphrase")
        let again = try SQLiteCaseStore.open(options: fixture.options, account: "cp.testcase", passphrase: "my own new test passphrase")
        #expect(try again.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains(restricted))
    }
}
