import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Signing in: each person's passphrase unwraps the same data key; wrong passphrases, damaged
/// files and disabled accounts are told apart.
@Suite struct LoginTests {
    @Test func aWrongPassphraseIsNotMistakenForACorruptFile() throws {
        let fixture = try StoreFixture()
        try fixture.create(withTeam: false)
        #expect(throws: StoreError.wrongPassphrase(account: "sup.testcase")) {
            try SQLiteCaseStore.open(options: fixture.options, account: "sup.testcase", passphrase: "not the passphrase")
        }

        let garbage = try StoreFixture()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: garbage.path))
        #expect {
            try SQLiteCaseStore.open(options: garbage.options, account: "sup.testcase", passphrase: "whatever it is")
        } throws: { error in
            if case StoreError.corrupt = error { return true }
            return false
        }
    }

    @Test func anSQLiteFileThatIsNotAStoreIsCorruptAndLeftUntouched() throws {
        let fixture = try StoreFixture()
        let other = try fixture.raw()
        try other.write { try $0.execute(sql: "CREATE TABLE notes(text TEXT)") }
        try other.close()
        #expect {
            try StoreAdmin.accounts(options: fixture.options)
        } throws: { error in
            if case StoreError.corrupt = error { return true }
            return false
        }
        let tables = try fixture.raw().read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["notes"])
    }

    @Test func aSecondUsersPassphraseOpensTheSameData() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        let protection = try fixture.open(StoreFixture.protection)
        #expect(protection.worker.role == .childProtection)
        #expect(protection.worker.displayName == "Casey Protectiontest")
        #expect(try protection.loadCaseload().children == [ChildSummary(child)])
    }

    @Test func theLoginListNeedsNoPassphrase() throws {
        let fixture = try StoreFixture()
        try fixture.create()
        let accounts = try StoreAdmin.accounts(options: fixture.options)
        #expect(accounts.map(\.accountName) == ["cp.testcase", "liaison.testcase", "police.testcase", "sup.testcase"])
        #expect(accounts.allSatisfy { $0.active })
        #expect(StoreAdmin.exists(path: fixture.path))
    }

    @Test func createRefusesAnExistingFile() throws {
        let fixture = try StoreFixture()
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: fixture.path))
        #expect(throws: StoreError.alreadyExists(path: fixture.path)) {
            try StoreAdmin.create(options: fixture.options, unit: "TST", admin: StoreFixture.supervisor)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == Data("keep me".utf8))
    }

    @Test func anUnknownAccountIsNamedAsSuch() throws {
        let fixture = try StoreFixture()
        try fixture.create(withTeam: false)
        #expect(throws: StoreError.unknownAccount("nobody.testcase")) {
            try SQLiteCaseStore.open(options: fixture.options, account: "nobody.testcase", passphrase: "any passphrase")
        }
    }

    /// Issue 22, item 8: a dashboard open when a supervisor disabled its account kept reading
    /// with the keys in its memory. Every read and write now checks the account first.
    @Test func aSessionOpenWhenItsAccountIsDisabledIsRefusedEverything() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        let other: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        let open = try fixture.open(StoreFixture.protection)
        _ = try open.loadDetail(of: child.id, contactLimit: 5)
        try supervisor.disableAccount("cp.testcase")
        let refused = AccountDisabledWhileOpen(accountName: "cp.testcase")
        #expect(throws: refused) { try open.changes(since: 0) }
        #expect(throws: refused) { try open.loadDetail(of: child.id, contactLimit: 5) }
        #expect(throws: refused) { try open.loadCaseload() }
        #expect(throws: refused) { try open.preview(of: other.id) }
        #expect(throws: refused) { try open.perform(.createChild(Samples.newChild(author: open.worker.id))) }
        // The others go on.
        _ = try supervisor.changes(since: 0)
    }

    @Test func aDisabledUserCannotSignInWhileOthersStillCan() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        try supervisor.disableAccount("police.testcase")
        #expect(throws: StoreError.accountDisabled("police.testcase")) { try fixture.open(StoreFixture.police) }
        _ = try fixture.open(StoreFixture.protection)
        let police = try #require(try supervisor.listAccounts().first { $0.accountName == "police.testcase" })
        #expect(!police.active)
        // Flipping the clear flag back does not help: the account's wrapped key is gone.
        try fixture.raw().write { try $0.execute(sql: "UPDATE accounts SET active = 1 WHERE account_name = 'police.testcase'") }
        #expect(throws: StoreError.wrongPassphrase(account: "police.testcase")) { try fixture.open(StoreFixture.police) }
    }

    @Test func changingAPassphraseRewrapsOnlyThatAccount() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let wrappedKeys = { try fixture.raw().read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT account_name, wrapped_private FROM accounts").map {
                ($0["account_name"] as String, $0["wrapped_private"] as Data)
            })
        } }
        let before = try wrappedKeys()
        try supervisor.changePassphrase(account: "cp.testcase", newPassphrase: "a new protection passphrase")
        let after = try wrappedKeys()
        #expect(after["cp.testcase"] != before["cp.testcase"])
        for name in ["sup.testcase", "police.testcase", "liaison.testcase"] { #expect(after[name] == before[name]) }
        #expect(throws: StoreError.wrongPassphrase(account: "cp.testcase")) { try fixture.open(StoreFixture.protection) }
        fixture.advance(by: 60)
        _ = try SQLiteCaseStore.open(options: fixture.options, account: "cp.testcase", passphrase: "a new protection passphrase")
        _ = try fixture.open(StoreFixture.police)
    }

    @Test func aFailedLoginJoinsTheChainAtTheNextLogin() throws {
        let fixture = try StoreFixture()
        try fixture.create()
        _ = try? SQLiteCaseStore.open(options: fixture.options, account: "police.testcase", passphrase: "guessing wrong")
        let supervisor = try fixture.open(StoreFixture.supervisor)
        let failed = try supervisor.audit().filter { $0.action == .loginFailed }
        #expect(failed.count == 1)
        #expect(failed.first?.summary.contains("police.testcase") == true)
        #expect(try supervisor.verifyAuditChain().isIntact)
        let pending = try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM failed_logins") }
        #expect(pending == 0)
    }

    @Test func aLockedSessionRefusesUntilUnlocked() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        store.lock()
        #expect(throws: StoreError.locked) { try store.loadCaseload() }
        #expect(throws: StoreError.wrongPassphrase(account: "sup.testcase")) { try store.unlock(passphrase: "wrong passphrase here") }
        fixture.advance(by: 60)
        try store.unlock(passphrase: StoreFixture.supervisor.passphrase)
        _ = try store.loadCaseload()
        let actions = try store.audit().map(\.action)
        #expect(actions.suffix(3) == [.lock, .loginFailed, .unlock])
    }
}
