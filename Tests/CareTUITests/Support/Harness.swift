import CareDomain
import CareTUI
import Foundation
import TextUI

/// A clock the test moves by hand (idle lock, alert thresholds, the change feed's poll).
final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    func now() -> Date { lock.withLock { instant } }

    func advance(by seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// The whole app over a `HeadlessTerminal` (or a terminal `around` it, such as a
/// `SimulatedWaitTerminal`), on a generated demo unit in an in-memory store.
/// Keys go in, `step` runs the same frame loop as the real program, and the screen's lines come
/// out. The SQLite store has its own tests, and the real binary is driven in tmux end to end.
@MainActor
final class Harness {
    /// 2026-11-23 21:30 UTC, a night shift in a unit kept in UTC.
    nonisolated static let demoNow = Date(timeIntervalSince1970: 1_795_469_400)
    nonisolated static let passphrase = "test-passphrase"

    let terminal: HeadlessTerminal
    let app: App
    let store: any CaseStore
    let database: MemoryDatabase
    let clock: TestClock

    /// A fresh demo unit unless `database` is given (a second worker on the same data).
    /// `settle` is 0 unless a test is about it: the test clock stands still between keys, so
    /// the settle window after a screen closes (`AppSettings.settleTime`) would never end.
    init(
        size: Size = Size(width: 120, height: 32), user: String = "demo-cp", database: MemoryDatabase? = nil, children: Int = 40,
        idleLimit: TimeInterval = 600, keymap: Keymap = DefaultKeymap.make(), zone: TimeZone = .gmt, wall: Bool = false, wallDwell: TimeInterval = 10,
        settle: TimeInterval = 0,
        handoverFolder: String = FileManager.default.temporaryDirectory.path, plain: Bool = false, showFocusCursor: Bool = false,
        silentLinkLimit: TimeInterval? = 300, theme: Theme = .default,
        wrap: (InMemoryCaseStore) -> any CaseStore = { $0 },
        around: (HeadlessTerminal, TestClock) -> any Terminal = { terminal, _ in terminal }
    ) throws {
        let database = database ?? Harness.makeDatabase(children: children, zone: zone)
        self.database = database
        clock = TestClock(Harness.demoNow)
        let session = try InMemoryCaseStore(database: database, account: user, passphrase: Harness.passphrase, clock: clock)
        store = wrap(session)
        terminal = HeadlessTerminal(size: size)
        app = try App(store: store, terminal: around(terminal, clock), keymap: keymap, theme: theme, clock: clock,
                      settings: AppSettings(idleLimit: idleLimit, handoverFolder: handoverFolder, plain: plain, showFocusCursor: showFocusCursor,
                                            wallDwell: wallDwell, settleTime: settle),
                      wall: wall,
                      silentLinkLimit: silentLinkLimit)
        app.step(timeoutMilliseconds: 0)
    }

    static func makeDatabase(children: Int = 40, zone: TimeZone = .gmt) -> MemoryDatabase {
        MemoryDatabase(demo: DemoGenerator.make(seed: 7, children: children, now: demoNow, zone: zone), passphrase: passphrase, timeZone: zone)
    }

    func press(_ keys: Key...) {
        terminal.feed(keys)
        app.step(timeoutMilliseconds: 0)
    }

    /// Answers the question in front "yes": its first button, chosen with ← and taken with Enter
    /// (no letter answers a question).
    func answerYes() { press(.left, .enter) }

    func type(_ text: String) {
        terminal.feed(text)
        app.step(timeoutMilliseconds: 0)
    }

    /// Runs one loop turn with no key (a tick).
    func tick() { app.step(timeoutMilliseconds: 0) }

    /// Lets the selection rest long enough for the selected child's preview, then ticks.
    func rest() {
        clock.advance(by: PreviewAudit.rest)
        tick()
    }

    var lines: [String] { terminal.screen.lines() }
    var screen: String { lines.joined(separator: "\n") }

    func line(containing text: String) -> String? { lines.first { $0.contains(text) } }

    /// The selected caseload row as drawn (the row with the ▶ marker, left pane only).
    var selectedCaseloadRow: String? {
        guard let area = MainScreen.paneAreas(size: terminal.size, focus: app.state.dashboard.focus)[.caseload] else { return nil }
        return (area.y..<area.bottom).map { y in
            String(terminal.screen.line(y).prefix(area.width))
        }.first { $0.contains("▶") }
    }

    // Small views of the state, so a failed expectation prints a value, not the whole state.
    var dashboard: Dashboard { app.state.dashboard }
    var focus: PaneID { dashboard.focus }
    var form: FormScreen? { app.state.front as? FormScreen }
    var formOpen: Bool { app.state.screens.contains { $0 is FormScreen } }
    var front: (any ScreenController)? { app.state.front }
    var locked: Bool { app.state.lock != nil }
    var message: String? { app.state.message }
    var detailOpen: Bool { dashboard.detail != nil }
    var rows: [CaseloadRow] { Array(dashboard.rows) }
    var allRowCount: Int { dashboard.allRows.count }
    func formValue(_ field: String) -> String? { form?.value(of: field) }

    /// Moves the caseload selection to the first row that satisfies `condition`; returns that
    /// child's whole record, read from the data (no view is audited).
    func select(where condition: (CaseloadRow) -> Bool) throws -> Child {
        guard let index = rows.firstIndex(where: condition) else { throw HarnessError.noSuchRow }
        press(.home)
        for _ in 0..<index { press(.down) }
        guard let child = dashboard.selectedChild.flatMap({ record(of: $0.id) }) else { throw HarnessError.noSuchRow }
        return child
    }

    /// A child's whole record as the data holds it now (the caseload holds its summary), read
    /// without auditing a view.
    func record(of child: ChildID) -> Child? {
        database.record(Child.self, id: child.rawValue)
    }

    enum HarnessError: Error { case noSuchRow }
}
