import CareDomain
import CarePostgres
import Foundation
import Testing
@testable import CareStore

/// The implementations of the store port that contract tests run against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case memory
    /// A throwaway PostgreSQL server (`PostgresTestServer`). Left out, with the reason printed,
    /// when it cannot start — unless `CARE_REQUIRE_POSTGRES=1`, when its cases run and fail.
    case postgres

    static var allCases: [StoreKind] {
        if PostgresTestServer.shared.unavailable == nil || PostgresTestServer.required { return [.sqlite, .memory, .postgres] }
        PostgresTestServer.noteSkipped()
        return [.sqlite, .memory]
    }

    var testDescription: String { rawValue }
}

/// One unit with the four test accounts signed in, in either store: the same behaviour is
/// asserted against both. The clock is fixed at `Samples.now`; the unit's zone is Toronto.
final class ContractUnit: @unchecked Sendable {
    typealias Session = any CaseStore & CaseArchive

    static let timeZone = TimeZone(identifier: "America/Toronto")!

    let kind: StoreKind
    let supervisor: Session
    let protection: Session
    let police: Session
    let liaison: Session
    /// Signs the account in again: another session (for SQLite, another connection, as another
    /// process would have).
    let signIn: (NewAccount) throws -> Session
    /// Keeps the SQLite store's folder until the unit goes away.
    private let fixture: StoreFixture?
    /// The PostgreSQL store's database, dropped when the unit goes away.
    let postgres: PostgresAddress?
    /// Where another process finds the store (`--store`): the file's path, or the server's
    /// address with its socket folder.
    let location: String

    init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let fixture = try StoreFixture()
            let created = try fixture.create(timeZone: Self.timeZone)
            self.fixture = fixture
            postgres = nil
            location = fixture.path
            signIn = { account in try fixture.open(account) }
            supervisor = created
        case .memory:
            let accounts = [StoreFixture.supervisor, StoreFixture.protection, StoreFixture.police, StoreFixture.liaison]
            let workers = accounts.map { Worker(accountName: $0.accountName, displayName: $0.displayName, role: $0.role, unit: "TST") }
            let database = MemoryDatabase(
                unit: UnitInfo(code: "TST", timeZone: Self.timeZone), records: workers,
                passphrases: Dictionary(uniqueKeysWithValues: accounts.map { ($0.accountName, $0.passphrase) }))
            fixture = nil
            postgres = nil
            location = ""
            signIn = { account in
                try InMemoryCaseStore(database: database, account: account.accountName, passphrase: account.passphrase,
                                      clock: FixedClock(Samples.now))
            }
            supervisor = try signIn(StoreFixture.supervisor)
        case .postgres:
            let address = try PostgresTestServer.shared.newAddress()
            let options = PostgresCaseStore.Options(address: address, kdfCost: .testOnly, clock: FixedClock(Samples.now))
            let created = try PostgresCaseStore.create(options: options, unit: "TST", admin: StoreFixture.supervisor, timeZone: Self.timeZone)
            for account in [StoreFixture.protection, StoreFixture.police, StoreFixture.liaison] { try created.addAccount(account) }
            fixture = nil
            postgres = address
            location = "\(address)&host=\(PostgresTestServer.shared.folder)"
            signIn = { account in try PostgresCaseStore.open(options: options, account: account.accountName, passphrase: account.passphrase) }
            supervisor = created
        }
        protection = try signIn(StoreFixture.protection)
        police = try signIn(StoreFixture.police)
        liaison = try signIn(StoreFixture.liaison)
    }

    deinit {
        if let postgres { PostgresTestServer.shared.drop(postgres) }
    }

    /// Every audit event, as the supervisor reads them (reading writes no event).
    func auditCount() throws -> Int {
        try supervisor.auditEvents(child: nil, actor: nil, since: nil).count
    }

    func lastEvent() throws -> AuditEvent? {
        try supervisor.auditEvents(child: nil, actor: nil, since: nil).last
    }

    /// A child created by the child protection worker.
    func child(sequence: Int = 42) throws -> Child {
        try protection.performed(.createChild(Samples.newChild(author: protection.worker.id, sequence: sequence)))
    }

    /// What a refused command must leave as it was: the audit trail and the change feed.
    func footprint() throws -> (events: Int, cursor: Int64) {
        (try auditCount(), try supervisor.changeCursor())
    }
}
