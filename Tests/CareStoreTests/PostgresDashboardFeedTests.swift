import CareDomain
import CarePostgres
import Foundation
import Testing
import TextUI
@testable import CareTUI

/// The dashboard over a PostgreSQL store reads the change feed when the store announces a
/// change (`NOTIFY`), not on its clock: the issue's "a note saved by one process appears in a
/// second without polling", through the real frame loop.
@MainActor
@Suite struct PostgresDashboardFeedTests {
    private var server: PostgresTestServer { .shared }
    nonisolated static let note = "Test note 7"

    @Test func aNoteSavedInAnotherSessionWakesTheDashboardWithItsPollAnHourAway() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let child = try unit.child()
        let writer = unit.protection
        // A second session of the same worker, as a second process would sign in.
        let watching = try unit.signIn(StoreFixture.protection)
        var settings = AppSettings(idleLimit: 86_400, pollInterval: 3_600, settleTime: 0)
        settings.announcedPollInterval = 3_600
        let terminal = WakingTerminal(size: Size(width: 120, height: 32))
        let app = try App(store: watching, terminal: terminal, theme: .default, settings: settings, silentLinkLimit: nil)
        #expect(app.state.changesAnnounced)

        // The child's record open on the second session's screen.
        terminal.feed([.enter])
        app.step(timeoutMilliseconds: 0)
        #expect(app.state.dashboard.detail?.child.id == child.id)
        #expect(!terminal.lines().joined().contains(Self.note))
        // The clock's poll is an hour away: only the announcement can bring the note in time.
        #expect(app.state.pollInterval == 3_600)

        // The first session saves while the second sleeps in its wait for input.
        let saved = SaveResult()
        terminal.atNextWait = {
            Thread {
                var contact = Samples.contact(child: child.id, author: writer.worker.id)
                contact.summary = Self.note
                saved.deliver(Result { _ = try writer.perform(.logContact(contact)) })
            }.start()
        }
        // Each turn waits for input until the deadline: only the announcement can end it
        // sooner, and the note must be on screen before the deadline passes.
        let deadline = Date().addingTimeInterval(10)
        var seenInTime = false
        while !seenInTime, Date() < deadline {
            app.step(timeoutMilliseconds: Int(deadline.timeIntervalSinceNow * 1_000) + 1)
            seenInTime = Date() < deadline && terminal.lines().joined().contains(Self.note)
        }
        #expect(seenInTime)
        #expect(saved.wasSaved)
        #expect(app.state.changeCursor == (try writer.changeCursor()))
    }

    @Test func whenTheListeningConnectionIsLostTheDashboardPollsOnItsClockAgain() throws {
        guard server.isRunning(for: #function) else { return }
        let unit = try ContractUnit(.postgres)
        let watching = try unit.signIn(StoreFixture.protection)
        var settings = AppSettings(idleLimit: 86_400, pollInterval: 1, settleTime: 0)
        settings.announcedPollInterval = 3_600
        let terminal = WakingTerminal(size: Size(width: 120, height: 32))
        let app = try App(store: watching, terminal: terminal, theme: .default, settings: settings, silentLinkLimit: nil)
        #expect(app.state.pollInterval == 3_600)

        // The server ends every listening connection of the unit's database, as a restart would.
        _ = try server.psql(unit.postgres!, """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'
            """)
        // The loss rings the loop awake: each turn would otherwise wait out the deadline.
        let deadline = Date().addingTimeInterval(10)
        var pollingInTime = false
        while !pollingInTime, Date() < deadline {
            app.step(timeoutMilliseconds: Int(deadline.timeIntervalSinceNow * 1_000) + 1)
            pollingInTime = Date() < deadline && app.state.pollInterval == 1
        }
        #expect(pollingInTime)
        #expect(!app.state.changesAnnounced)
    }
}

/// What the other session's save came to, handed across threads.
private final class SaveResult: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Void, any Error>?

    func deliver(_ result: Result<Void, any Error>) { lock.withLock { self.result = result } }
    var wasSaved: Bool { lock.withLock { if case .success = result { true } else { false } } }
}
