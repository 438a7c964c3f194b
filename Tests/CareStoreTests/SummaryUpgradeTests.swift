import CareDomain
import Foundation
import GRDB
import Testing
import TextUI
import CareTUI
@testable import CareStore

/// A store of the version before the caseload summaries (`Fixtures/summaries-previous-version.care`:
/// made by `care demo --children 8 --seed 5 --no-open` at commit a81f715, unit KEN, passphrase
/// `demo`, never signed in to) can be read read-only as it is, gets its summaries at its first
/// sign-in with write access, in one audited event, and then loads the same caseload from them.
@Suite struct SummaryUpgradeTests {
    static let fixtureFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/summaries-previous-version.care")
    /// Just after the fixture was made.
    static let now = Date(timeIntervalSince1970: 1_795_965_000)

    func copy() throws -> StoreFixture {
        let fixture = try StoreFixture(fileName: "KEN.care", clock: MovableClock(Self.now))
        try FileManager.default.copyItem(at: Self.fixtureFile, to: URL(fileURLWithPath: fixture.path))
        return fixture
    }

    func open(_ fixture: StoreFixture, as account: String) throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: fixture.options, account: account, passphrase: "demo")
    }

    func summaryCount(_ fixture: StoreFixture, _ visibility: VisibilityClass) throws -> Int {
        try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM summaries WHERE class = ?", arguments: [visibility.rawValue]) ?? 0 }
    }

    func kept(_ fixture: StoreFixture) throws -> String? {
        try fixture.raw().read { try String.fetchOne($0, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'summaries'") }
    }

    @Test func theFixtureHasNoSummaries() throws {
        // Guards the tests below: the file really is of the previous version.
        var config = Configuration()
        config.readonly = true
        let raw = try DatabaseQueue(path: Self.fixtureFile.path, configuration: config)
        defer { try? raw.close() }
        #expect(try raw.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") } == ["v1", "v2", "v3"])
        #expect(try raw.read { try $0.tableExists("summaries") } == false)
    }

    @Test func readOnlyItOpensFromItsRecordsAndIsLeftAsItWas() throws {
        let upgraded = try copy()
        let expected = try open(upgraded, as: "demo-cp").loadCaseload()
        let fixture = try copy()
        _ = chmod(fixture.path, 0o400)
        let store = try open(fixture, as: "demo-cp")
        #expect(store.isReadOnly)
        let loaded = try store.loadCaseload()
        #expect(loaded.children.count == 8)
        #expect(loaded == expected, "the records give the caseload the summaries give")
        try store.close()
        _ = chmod(fixture.path, 0o600)
        #expect(try fixture.raw().read { try $0.tableExists("summaries") } == false)
    }

    @Test func theFirstSignInWithWriteAccessMakesEverySummaryInOneAuditedEvent() throws {
        let fixture = try copy()
        let store = try open(fixture, as: "demo-cp")
        #expect(try kept(fixture) == "team,restricted")
        #expect(try summaryCount(fixture, .team) == 8)
        #expect(try summaryCount(fixture, .restricted) == 7, "one for each child with a restricted note")
        let event = try fixture.raw().read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_rows WHERE kind = 'summary' GROUP BY seq")
        }
        #expect(event == 15, "one event lists every summary it made")
        let report = try store.verify()
        #expect(report.isHealthy, "\(report)")
        // A second sign-in makes nothing again.
        try store.close()
        let events = try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(DISTINCT seq) FROM audit_rows WHERE kind = 'summary'") }
        _ = try open(fixture, as: "demo-supervisor")
        #expect(try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(DISTINCT seq) FROM audit_rows WHERE kind = 'summary'") } == events)
    }

    /// The team's summaries are made a batch of children at a time, so a large store's first
    /// sign-in holds one batch's records, not all (docs/benchmarks.md): the batches cover every
    /// child record once, and summaries made three children at a time load the caseload the
    /// summaries made at once did, and check clean.
    @Test func summariesMadeInBatchesAreTheSummariesMadeAtOnce() throws {
        let fixture = try copy()
        let store = try open(fixture, as: "demo-cp")
        let atOnce = try store.loadCaseload()
        let batches = try store.write { db, _ in try SQLiteCaseStore.summaryBatches(.team, size: 3, db: db) }
        #expect(batches.map { $0?.count } == [3, 3, 2])
        #expect(Set(batches.compactMap { $0 }.flatMap { $0 }).count == 8)
        try store.write { db, keys in
            try db.execute(sql: "DELETE FROM summaries WHERE class = 'team'")
            try SQLiteCaseStore.markSummarized([.restricted], db: db)
            try SQLiteCaseStore.buildMissingSummaries(db: db, keys: keys, actor: store.worker.id.rawValue, now: Self.now, batchSize: 3)
        }
        #expect(try summaryCount(fixture, .team) == 8)
        #expect(try store.loadCaseload() == atOnce)
        let report = try store.verify()
        #expect(report.isHealthy, "\(report)")
    }

    /// What a sign-in reports while it makes the summaries, heard as the sign-in screen hears it.
    final class HeardProgress: @unchecked Sendable {
        private let lock = NSLock()
        private var heard: [SignInProgress] = []
        var reports: [SignInProgress] { lock.withLock { heard } }
        var listener: @Sendable (SignInProgress) -> Void { { progress in self.lock.withLock { self.heard.append(progress) } } }
    }

    /// The team's summaries, made three children at a time, are reported after each batch:
    /// counts that grow to the number of children, from zero so the line shows at once.
    @Test func makingTheSummariesReportsIncreasingCountsEndingAtTheTotal() throws {
        let fixture = try copy()
        let store = try open(fixture, as: "demo-cp")
        let heard = HeardProgress()
        try store.write { db, keys in
            try db.execute(sql: "DELETE FROM summaries WHERE class = 'team'")
            try SQLiteCaseStore.markSummarized([.restricted], db: db)
            try SignInProgress.listening(heard.listener) {
                try SQLiteCaseStore.buildMissingSummaries(db: db, keys: keys, actor: store.worker.id.rawValue, now: Self.now, batchSize: 3)
            }
        }
        #expect(heard.reports.map(\.done) == [0, 3, 6, 8])
        #expect(heard.reports.allSatisfy { $0.total == 8 })
        #expect(try summaryCount(fixture, .team) == 8)
    }

    /// The whole first sign-in reports (in one batch at this size); a later one has nothing to
    /// make and reports nothing.
    @Test func theFirstSignInReportsAndALaterOneDoesNot() throws {
        let fixture = try copy()
        let first = HeardProgress()
        _ = try SignInProgress.listening(first.listener) { try open(fixture, as: "demo-cp") }
        #expect(first.reports == [SignInProgress(done: 0, total: 8), SignInProgress(done: 8, total: 8)])
        let later = HeardProgress()
        _ = try SignInProgress.listening(later.listener) { try open(fixture, as: "demo-cp") }
        #expect(later.reports.isEmpty)
    }

    /// Signed in from the login screen, the store's first sign-in draws its progress line there.
    @MainActor
    @Test func theLoginScreenDrawsTheProgressOfTheFirstSignIn() throws {
        let fixture = try copy()
        let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
        var frames: [String] = []
        let login = LoginFlow(
            accounts: [AccountChoice(accountName: "demo-cp", role: .childProtection)], unit: "KEN", terminal: terminal,
            theme: .default) { account, passphrase in
                let store = try SQLiteCaseStore.open(options: fixture.options, account: account, passphrase: passphrase)
                frames.append(terminal.screen.string())
                return store
            }
        terminal.feed("demo")
        terminal.feed([.enter])
        login.step(timeoutMilliseconds: 0)
        #expect(login.opened != nil)
        #expect(frames.count == 1)
        #expect(frames[0].contains("Preparing the caseload for this version: 8 of 8 children…"))
    }

    @Test func policeMakeTheTeamsSummariesAndTheFirstWorkerWithTheKeyTheRestricted() throws {
        let fixture = try copy()
        let police = try open(fixture, as: "demo-police")
        #expect(try kept(fixture) == "team")
        #expect(try summaryCount(fixture, .restricted) == 0)
        let beforeRestricted = try open(fixture, as: "demo-cp")
        #expect(try kept(fixture) == "team,restricted")
        #expect(try summaryCount(fixture, .restricted) == 7)
        #expect(try beforeRestricted.verify().isHealthy)
        #expect(try police.loadCaseload().children.count == 8)
    }
}
