import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A store written by the previous version of care (`Fixtures/previous-version.care`: the demo
/// unit KEN, six children, passphrase `demo`, one data key for everyone, a first-format audit
/// trail) opens, is upgraded at its first sign-in, checks healthy and works.
@Suite struct MigrationTests {
    static let fixtureFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/previous-version.care")
    /// The fixture was made on 29 November 2026; the clock stays in that year so a new child
    /// numbers after the demo's.
    static let now = Date(timeIntervalSince1970: 1_795_960_000)

    /// A copy of the fixture in its own folder, so the checked-in file is never migrated.
    func copy() throws -> StoreFixture {
        let fixture = try StoreFixture(fileName: "KEN.care", clock: MovableClock(Self.now))
        try FileManager.default.copyItem(at: Self.fixtureFile, to: URL(fileURLWithPath: fixture.path))
        return fixture
    }

    func open(_ fixture: StoreFixture, as account: String = "demo-supervisor") throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: options(fixture), account: account, passphrase: "demo")
    }

    func options(_ fixture: StoreFixture) -> StoreOptions {
        StoreOptions(path: fixture.path, kdfCost: .testOnly, clock: fixture.clock)
    }

    /// The restricted notes as stored: how many, and under which seal.
    func restrictedRows(_ fixture: StoreFixture) throws -> [RecordRow] {
        try fixture.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT \(RecordRow.columns) FROM records WHERE class = 'restricted'").map(RecordRow.init(row:))
        }
    }

    @Test func theFixtureIsAStoreOfThePreviousVersion() throws {
        // Guards the tests below: the file really is unmigrated.
        var config = Configuration()
        config.readonly = true
        let raw = try DatabaseQueue(path: Self.fixtureFile.path, configuration: config)
        defer { try? raw.close() }
        #expect(try raw.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == ["v1"])
        #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit") } == 6)
    }

    @Test func itMigratesAndChecksHealthy() throws {
        let fixture = try copy()
        let store = try open(fixture)
        let migrations = try fixture.raw().read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(migrations == ["v1", "v2", "v3", "v4", "v5", "v6"])
        let columns = try fixture.raw().read { db in try db.columns(in: "records").map(\.name) }
        #expect(columns.contains("change_seq") && columns.contains("class") && columns.contains("seal"))
        #expect(try fixture.raw().read { try $0.tableExists("audit_v1") } == false)
        let report = try store.verify()
        #expect(report.isHealthy, "\(report)")
        // 177 records, and the summary of each of its 10 children the sign-in made.
        #expect(report.recordsChecked == 177 + 10)
        #expect(report.recordsNotReadable == 0)
        // Made before the unit's time zone was kept: the machine's is used.
        #expect(store.unitInfo == UnitInfo(code: "KEN", timeZone: .current))
        for account in ["demo-cp", "demo-police", "demo-liaison"] { _ = try open(fixture, as: account) }
        #expect(try store.verify().isHealthy)
    }

    @Test func theOldTrailIsVerifiedAndCarriedOverWithItsWords() throws {
        let old = try copy()
        let oldEvents = try old.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, action FROM audit ORDER BY seq").map { row in
                [String(row["seq"] as Int64), String(row["at"] as Double), row["action"] as String]
            }
        }
        let fixture = try copy()
        let store = try open(fixture)
        let events = try store.audit()
        #expect(events.prefix(oldEvents.count).map { [String($0.sequence), String($0.at.timeIntervalSince1970), $0.action.rawValue] } == oldEvents)
        let upgrade = try #require(events.first { $0.summary.hasPrefix("upgraded the store") })
        #expect(upgrade.sequence == Int64(oldEvents.count) + 1)
        #expect(upgrade.summary.contains("\(oldEvents.count) audit events verified and carried over"))
        #expect(events.last?.action == .login)
        // The actor is no longer in clear: only keyed tags are.
        let clear = try fixture.raw().read { db in try db.columns(in: "audit").map(\.name) }
        #expect(!clear.contains("actor") && clear.contains("actor_key"))
        #expect(try store.audit(actor: store.worker.id.rawValue).contains { $0.action == .login })
    }

    @Test func aSupervisorsFirstSignInSealsRestrictedNotesUnderTheirOwnKey() throws {
        let fixture = try copy()
        let supervisor = try open(fixture)
        let restricted = try restrictedRows(fixture)
        #expect(!restricted.isEmpty)
        #expect(restricted.allSatisfy { $0.seal == .bound })

        // Police, signing in afterwards, hold no key to them.
        let police = try open(fixture, as: "demo-police")
        let child = try #require(try fixture.raw().read { db in
            try String.fetchOne(db, sql: "SELECT child_id FROM records WHERE class = 'restricted' LIMIT 1")
        })
        let page = try police.loadDetail(of: ChildID(rawValue: child), contactLimit: 100).contacts
        #expect(page.hiddenRestricted > 0)
        #expect(page.contacts.allSatisfy { $0.visibility == .team })
        #expect(try supervisor.loadDetail(of: ChildID(rawValue: child), contactLimit: 100).contacts.hiddenRestricted == 0)
    }

    /// Police sign in first: restricted notes keep the first format (readable with the old data
    /// key, as they always were) until someone who may read them signs in; then they are sealed
    /// under the restricted key, which later sign-ins hand on to everyone entitled.
    @Test func thePoliceSigningInFirstLeavesRestrictedNotesWaitingThenTheKeyReachesEveryoneEntitled() throws {
        let fixture = try copy()
        let police = try open(fixture, as: "demo-police")
        #expect(try restrictedRows(fixture).allSatisfy { $0.seal == .legacy })
        #expect(try police.verify().isHealthy)

        let liaison = try open(fixture, as: "demo-liaison")
        #expect(try restrictedRows(fixture).allSatisfy { $0.seal == .bound })
        let child = try #require(try fixture.raw().read { db in
            try String.fetchOne(db, sql: "SELECT child_id FROM records WHERE class = 'restricted' LIMIT 1")
        })
        #expect(try liaison.loadDetail(of: ChildID(rawValue: child), contactLimit: 100).contacts.hiddenRestricted == 0)

        // The supervisor gets a key pair now, but the restricted key only from its next holder.
        let supervisor = try open(fixture)
        #expect(supervisor.notices.contains { $0.contains("will receive the key to restricted notes") })
        #expect(try supervisor.loadDetail(of: ChildID(rawValue: child), contactLimit: 100).contacts.hiddenRestricted > 0)
        _ = try open(fixture, as: "demo-liaison")
        let again = try open(fixture)
        #expect(!again.notices.contains { $0.contains("restricted notes") }, "\(again.notices)")
        // The investigation key was made by the police, its only other holder: it waits for them.
        #expect(again.notices.contains { $0.contains("will receive the key to investigation records") })
        _ = try open(fixture, as: "demo-police")
        #expect(!(try open(fixture).notices.contains { $0.contains("will receive") }))
        #expect(try again.loadDetail(of: ChildID(rawValue: child), contactLimit: 100).contacts.hiddenRestricted == 0)
        #expect(try again.verify().isHealthy)
        // The police never get it, whoever signs in.
        let policeAgain = try open(fixture, as: "demo-police")
        #expect(try policeAgain.loadDetail(of: ChildID(rawValue: child), contactLimit: 100).contacts.hiddenRestricted > 0)
    }

    @Test func aCheckOfTheOldStoreUpgradesItThenFindsItHealthy() throws {
        let fixture = try copy()
        let inspection = try StoreInspection.open(options: options(fixture), account: "demo-supervisor", passphrase: "demo")
        let report = try inspection.verify()
        #expect(report.isHealthy, "\(report)")
        try inspection.recordCheck(report)
        #expect(try open(fixture).audit().contains { $0.summary.contains("to check the store (healthy)") })
    }

    @Test func anOldTrailThatDoesNotVerifyIsNotCarriedOverAndNothingChanges() throws {
        let fixture = try copy()
        try fixture.raw().write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 3") }
        #expect {
            try open(fixture)
        } throws: { error in
            guard case StoreError.upgradeRefused(let words) = error else { return false }
            return words.contains("event 3: deleted")
        }
        // The schema moved on; the data did not: still the first format, the old trail kept.
        #expect(try fixture.raw().read { try $0.tableExists("audit_v1") })
        #expect(try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM records WHERE seal = 2") } == 0)
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
