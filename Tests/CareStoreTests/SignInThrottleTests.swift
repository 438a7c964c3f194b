import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Wrong passphrases slow the next try down, in every process: the wait is kept in the store.
@Suite struct SignInThrottleTests {
    @Test func eachWrongPassphraseDoublesTheWaitWhicheverProcessTries() throws {
        let fixture = try StoreFixture()
        try fixture.create()
        for (failures, wait) in [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 30)] {
            #expect(throws: StoreError.wrongPassphrase(account: "police.testcase")) {
                try SQLiteCaseStore.open(options: fixture.options, account: "police.testcase", passphrase: "a wrong guess \(failures)")
            }
            // Even the right passphrase waits, and trying does not count as another failure.
            #expect(throws: StoreError.signInThrottled(account: "police.testcase", seconds: wait)) { try fixture.open(StoreFixture.police) }
            fixture.advance(by: TimeInterval(wait) - 0.5)
            #expect(throws: StoreError.signInThrottled(account: "police.testcase", seconds: 1)) { try fixture.open(StoreFixture.police) }
            fixture.advance(by: 0.5)
        }
        // Other accounts are not slowed down.
        _ = try fixture.open(StoreFixture.protection)
        // The right passphrase after the wait signs in and starts the count again.
        let police = try fixture.open(StoreFixture.police)
        #expect(try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM failed_logins") } == 0)
        #expect(police.isUnlocked)
    }

    @Test func theDelaysAreTheLoginScreens() {
        #expect((1...7).map { SignInDelay.after(failures: $0) } == [1, 2, 4, 8, 16, 30, 30])
        #expect(SignInDelay.after(failures: 0) == 0)
    }
}
