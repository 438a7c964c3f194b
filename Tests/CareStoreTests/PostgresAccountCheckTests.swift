import CareDomain
import CarePostgres
import Foundation
import Testing

/// `care check` on the server walks the accounts as on a file (`AccountCheck`, shared): every
/// certificate, every key grant against its account's certified role, and the keyring against
/// its signature.
@Suite struct PostgresAccountCheckTests {
    private var server: PostgresTestServer { .shared }

    @Test func theCheckVerifiesEveryAccountsCertificateAndNamesOneChangedOnTheServer() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        let healthy = try supervisor.verify()
        #expect(healthy.accountsChecked && healthy.accountsCertified)
        #expect(healthy.accountProblems == [])
        #expect(healthy.isHealthy, "\(healthy)")

        // An operator makes the police account a supervisor in its clear column.
        let police = StoreFixture.police.accountName
        _ = try server.psql(unit.postgres!, "UPDATE care_tst.accounts SET role = 'supervisor' WHERE account_name = '\(police)'")
        let report = try supervisor.verify()
        #expect(report.accountProblems.first == "account \(police): its certificate does not verify: its role, state or key was "
            + "changed outside care, or the account was added outside care")
        #expect(report.accountProblems.contains { $0.hasPrefix("key grant of ") && $0.contains("account \(police), which has no valid certificate") })
        #expect(!report.isHealthy)
        #expect(report.description.contains("account \(police): its certificate does not verify"))
    }

    @Test func theCheckNamesAClassKeyReplacedOnTheServer() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let supervisor = try #require(unit.supervisor as? PostgresCaseStore)
        _ = try server.psql(unit.postgres!, "UPDATE care_tst.keyring SET key_check = sha256(key_check) WHERE class = 'restricted'")
        let report = try supervisor.verify()
        #expect(report.accountProblems == [
            "the keyring is not as the unit's authority signed it: a class key was added, removed or replaced outside care",
        ])
    }
}
