import CareDomain
import CarePostgres
import Foundation
import Testing
@testable import CareStore

/// `care migrate`: a SQLite store's sealed rows and audit chain carried to PostgreSQL unchanged,
/// opened there by the same passphrases, its chain whole, and nothing in clear on the server.
@Suite struct PostgresMigrationTests {
    private var server: PostgresTestServer { .shared }

    @Test func aMigratedStoreOpensWithTheSameRecordsAndAWholeTrail() throws {
        guard server.isRunning(for: #function) else { return }
        let fixture = try StoreFixture()
        let sqlite = try fixture.create()
        let protection = try fixture.open(StoreFixture.protection)
        let child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id)), as: Child.self)
        _ = try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, visibility: .restricted)))
        _ = try protection.loadDetail(of: child.id, contactLimit: 5)
        let expected = try sqlite.loadCaseload()
        let events = try sqlite.auditEvents(child: nil, actor: nil, since: nil)

        let address = try server.newAddress()
        defer { server.drop(address) }
        let report = try PostgresMigration.migrate(try StoreAdmin.tables(options: fixture.options), to: address)
        #expect(report.isSound, "\(report)")
        #expect(report.copied.first { $0.table == "audit" }?.rows == events.count)

        let options = PostgresCaseStore.Options(address: address, kdfCost: .testOnly, clock: FixedClock(Samples.now))
        let supervisor = try PostgresCaseStore.open(options: options, account: StoreFixture.supervisor.accountName,
                                                    passphrase: StoreFixture.supervisor.passphrase)
        #expect(try supervisor.verifyAuditChain().isIntact)
        let migrated = try supervisor.auditEvents(child: nil, actor: nil, since: nil)
        // The same events, then this sign-in.
        #expect(Array(migrated.prefix(events.count)) == events)
        #expect(migrated.last?.action == .login)
        let caseload = try supervisor.loadCaseload()
        #expect(caseload.children == expected.children)
        #expect(caseload.lastContact == expected.lastContact)
        let detail = try supervisor.loadDetail(of: child.id, contactLimit: 5)
        #expect(detail.contacts.contacts.map(\.summary) == [Samples.contact(child: child.id, author: protection.worker.id).summary])

        // The next command takes the next case number and chains on.
        let again = try PostgresCaseStore.open(options: options, account: StoreFixture.protection.accountName,
                                                passphrase: StoreFixture.protection.passphrase)
        let second = try again.performed(.createChild(Samples.newChild(author: again.worker.id, sequence: 0)), as: Child.self)
        #expect(second.caseNumber.sequence == child.caseNumber.sequence + 1)
        #expect(try supervisor.verifyAuditChain().isIntact)

        let dump = try PostgresTestServer.run(["pg_dump", "-h", server.folder, "-p", String(server.port), "-U", "care", "-d", address.database])
        for canary in [Samples.canary, Samples.syllabics, Samples.community, "Sam Supervisortest"] {
            let hex = Data(canary.utf8).map { String(format: "%02x", $0) }.joined()
            #expect(!dump.contains(canary) && !dump.lowercased().contains(hex), "\(canary) is in clear on the server")
        }
    }

    @Test func aSecondMigrationIntoTheSameUnitIsRefusedAndChangesNothing() throws {
        guard server.isRunning(for: #function) else { return }
        let fixture = try StoreFixture()
        _ = try fixture.create(withTeam: false)
        let tables = try StoreAdmin.tables(options: fixture.options)
        let address = try server.newAddress()
        defer { server.drop(address) }
        _ = try PostgresMigration.migrate(tables, to: address)
        let before = try server.psql(address, "SELECT COUNT(*) FROM care_tst.audit")
        #expect(throws: PostgresStoreError.storeExists(address.description)) { try PostgresMigration.migrate(tables, to: address) }
        #expect(try server.psql(address, "SELECT COUNT(*) FROM care_tst.audit") == before)
    }

    @Test func aStoreOfAnotherUnitIsRefused() throws {
        guard server.isRunning(for: #function) else { return }
        let fixture = try StoreFixture()
        _ = try fixture.create(withTeam: false)
        let address = try server.newAddress(unit: "KEN")
        defer { server.drop(address) }
        #expect(throws: (any Error).self) { try PostgresMigration.migrate(try StoreAdmin.tables(options: fixture.options), to: address) }
        #expect(try server.psql(address, "SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'care_ken'") == "0\n")
    }
}
