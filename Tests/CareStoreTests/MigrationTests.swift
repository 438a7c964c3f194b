import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A store written by the previous version of care (`Fixtures/previous-version.care`: the demo
/// unit KEN, six children, passphrase `demo`) opens, migrates, checks healthy and works.
@Suite struct MigrationTests {
    static let fixtureFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/previous-version.care")
    /// The fixture was made on 29 November 2026; the clock stays in that year so a new child
    /// numbers after the demo's.
    static let now = Date(timeIntervalSince1970: 1_795_960_000)

    /// A copy of the fixture in its own folder, so the checked-in file is never migrated.
    func copy() throws -> StoreFixture {
        let fixture = try StoreFixture(fileName: "KEN.care", clock: FixedClock(Self.now))
        try FileManager.default.copyItem(at: Self.fixtureFile, to: URL(fileURLWithPath: fixture.path))
        return fixture
    }

    func open(_ fixture: StoreFixture, as account: String = "demo-supervisor") throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: StoreOptions(path: fixture.path, clock: fixture.clock), account: account, passphrase: "demo")
    }

    @Test func theFixtureIsAStoreOfThePreviousVersion() throws {
        // Guards the tests below: the file really is unmigrated.
        var config = Configuration()
        config.readonly = true
        let raw = try DatabaseQueue(path: Self.fixtureFile.path, configuration: config)
        defer { try? raw.close() }
        #expect(try raw.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == ["v1"])
    }

    @Test func itMigratesAndChecksHealthy() throws {
        let fixture = try copy()
        let store = try open(fixture)
        let migrations = try fixture.raw().read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(migrations == ["v1", "v2"])
        let columns = try fixture.raw().read { db in try db.columns(in: "records").map(\.name) }
        #expect(columns.contains("change_seq"))
        let report = try store.verify()
        #expect(report.isHealthy, "\(report)")
        #expect(report.recordsChecked == 177)
        // Made before the unit's time zone was kept: the machine's is used.
        #expect(store.unitInfo == UnitInfo(code: "KEN", timeZone: .current))
        for account in ["demo-cp", "demo-police", "demo-liaison"] { _ = try open(fixture, as: account) }
    }

    @Test func theCaseloadLoadsAndANewChildNumbersAfterTheOthers() throws {
        let fixture = try copy()
        let store = try open(fixture)
        let caseload = try store.loadCaseload()
        #expect(caseload.children.count == 6)
        let year = DayDate(Self.now, in: store.unitInfo.timeZone).year
        let highest = try #require(caseload.children.filter { $0.caseNumber.year == year }.map(\.caseNumber.sequence).max())

        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        #expect(child.caseNumber == CaseNumber(unit: "KEN", year: year, sequence: highest + 1))
        #expect(try store.loadCaseload().children.count == 7)
        #expect(try store.verify().isHealthy)
    }

    @Test func theChangeFeedWorksOnAMigratedStore() throws {
        let fixture = try copy()
        let store = try open(fixture)
        let other = try open(fixture, as: "demo-cp")
        // The old change counter carries on; rows written before the migration are older than
        // any cursor, so they are not in the feed.
        let cursor = try other.changeCursor()
        #expect(cursor >= 4)
        #expect(try other.changes(since: cursor).changes.isEmpty)

        let outcome = try store.perform(.createChild(Samples.newChild(author: store.worker.id)))
        let batch = try other.changes(since: cursor)
        #expect(batch.changes == outcome.changes)
        #expect(batch.changes.map(\.sequence) == [cursor + 1])
        var stale = try other.loadCaseload()
        stale.children.removeAll { $0.id.rawValue == outcome.record?.recordID }
        stale.apply(try other.loadPatch(children: batch.children, catalogue: batch.touchesCatalogue))
        #expect(stale == (try other.loadCaseload()))
    }
}
