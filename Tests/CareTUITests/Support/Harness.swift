import CareDomain
import CareStore
import CareTUI
import Foundation
import TextUI

/// A clock the test moves by hand (idle lock, alert thresholds).
final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    func now() -> Date { lock.withLock { instant } }

    func advance(by seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// The whole app over a `HeadlessTerminal`, on a real demo store in a temporary folder.
/// Keys go in, `step` runs the same frame loop as the real program, and the screen's lines come out.
@MainActor
final class Harness {
    /// 2026-11-23 21:30 UTC, a night shift.
    static let demoNow = Date(timeIntervalSince1970: 1_795_469_400)
    static let passphrase = "test-passphrase"

    let terminal: HeadlessTerminal
    let app: App
    let store: SQLiteCaseStore
    let clock: TestClock
    let path: String

    /// A demo store shared by tests that only read; tests that write get their own.
    init(
        size: Size = Size(width: 120, height: 32), user: String = "demo-cp", path: String? = nil, children: Int = 40,
        idleLimit: TimeInterval = 600
    ) throws {
        let path = try path ?? Harness.makeDemoStore(children: children)
        self.path = path
        clock = TestClock(Harness.demoNow)
        store = try SQLiteCaseStore.open(options: StoreOptions(path: path, clock: clock), account: user, passphrase: Harness.passphrase)
        terminal = HeadlessTerminal(size: size)
        app = try App(store: store, terminal: terminal, theme: .default, clock: clock, unit: store.unit, idleLimit: idleLimit)
        app.step(timeoutMilliseconds: 0)
    }

    static func makeDemoStore(children: Int = 40) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("care-tui-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("demo.care").path
        let unit = DemoGenerator.make(seed: 7, children: children, now: demoNow)
        try DemoStore.create(unit, at: path, passphrase: passphrase, kdfCost: .testOnly)
        return path
    }

    func press(_ keys: Key...) {
        terminal.feed(keys)
        app.step(timeoutMilliseconds: 0)
    }

    func type(_ text: String) {
        terminal.feed(text)
        app.step(timeoutMilliseconds: 0)
    }

    /// Runs one loop turn with no key (a tick).
    func tick() { app.step(timeoutMilliseconds: 0) }

    var lines: [String] { terminal.screen.lines() }
    var screen: String { lines.joined(separator: "\n") }

    func line(containing text: String) -> String? { lines.first { $0.contains(text) } }

    /// The selected caseload row as drawn (the row with the ▶ marker, left pane only).
    var selectedCaseloadRow: String? {
        guard let area = MainScreen.paneAreas(size: terminal.size, focus: app.state.focus)[.caseload] else { return nil }
        return (area.y..<area.bottom).map { y in
            String(terminal.screen.line(y).prefix(area.width))
        }.first { $0.contains("▶") }
    }

    // Small views of the state, so a failed expectation prints a value, not the whole state.
    var focus: PaneID { app.state.focus }
    var formOpen: Bool { app.state.form != nil }
    var locked: Bool { app.lock != nil }
    var detailOpen: Bool { app.state.detail != nil }
    var rows: [CaseloadRow] { app.state.rows }
    var allRowCount: Int { app.state.allRows.count }
    func formValue(_ key: String) -> String? { app.state.form?[key] }
}
