import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// How a passphrase protects the data key: scrypt at a cost that cannot be lowered behind the
/// store's back.
@Suite struct KeyWrappingTests {
    @Test func theDefaultCostIsNeverWeakerThanTheBrief() {
        let options = StoreOptions(path: "/unused")
        #expect(options.kdfCost == .default)
        #expect(KDFCost.default.rounds >= 1 << 15)
        #expect(KDFCost.default.blockSize >= 8)
        #expect(KDFCost.default.parallelism >= 1)
    }

    @Test func accountsRecordTheCostTheyWereWrappedWith() throws {
        let fixture = try StoreFixture()
        try fixture.create(withTeam: false)
        let cost = try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT kdf_n, kdf_r, kdf_p, length(kdf_salt) AS salt FROM accounts")
        }
        #expect(cost?["kdf_n"] == KDFCost.testOnly.rounds)
        #expect(cost?["kdf_r"] == 8)
        #expect(cost?["kdf_p"] == 1)
        #expect(cost?["salt"] == 16)
    }

    @Test func loweringTheStoredCostMakesTheKeyFailToUnwrap() throws {
        let fixture = try StoreFixture()
        try fixture.create(withTeam: false)
        try fixture.raw().write { try $0.execute(sql: "UPDATE accounts SET kdf_n = 2") }
        #expect(throws: StoreError.wrongPassphrase(account: "sup.testcase")) { try fixture.open(StoreFixture.supervisor) }
    }

    @Test func aShortPassphraseIsRefused() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create(withTeam: false)
        #expect(throws: StoreError.passphraseTooShort(minimum: KeyVault.minimumPassphraseLength)) {
            try store.addAccount(NewAccount(accountName: "short.testcase", displayName: "Short Testcase", role: .police, passphrase: "nine char"))
        }
    }
}
