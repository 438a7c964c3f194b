import Foundation
import TextUI

/// A headless terminal whose waits pass on the test's clock instead of in real time, so the real
/// frame loop (`App.run`, `LoginFlow.run`) can be run through minutes of a session in an instant
/// and its turns counted.
///
/// A wait with nothing fed moves the clock on by the wait's timeout. When the clock reaches
/// `end` the terminal reports `.interrupt` (as a hang-up would), which ends the loop. A loop that
/// does not wait would never move the clock: after `turnLimit` turns the terminal ends it too, so
/// such a loop fails a test instead of hanging it. Queries are answered while `answering` says so,
/// as a terminal at the other end of a working link would.
@MainActor
final class SimulatedWaitTerminal: Terminal {
    let screen: HeadlessTerminal
    let clock: TestClock
    /// When the loop is ended; nil: not yet (the test drives the loop by hand until it sets one).
    var end: Date?
    /// Whether the terminal answers a cursor-position query, given the time it is asked.
    var answering: (Date) -> Bool = { _ in true }
    /// The timeout of every wait since counting began.
    private(set) var waits: [Int] = []
    /// When each query was sent.
    private(set) var asked: [Date] = []
    static let turnLimit = 100_000

    init(around screen: HeadlessTerminal, clock: TestClock) {
        self.screen = screen
        self.clock = clock
    }

    /// Counts the turns of the next `seconds` of the loop, which then ends.
    func runFor(seconds: TimeInterval) {
        waits = []
        end = clock.now().addingTimeInterval(seconds)
    }

    var turns: Int { waits.count }

    var size: Size { screen.size }
    var colorCapability: ColorCapability { screen.colorCapability }

    func readEvents(timeoutMilliseconds: Int) -> [InputEvent] {
        guard let end else { return screen.readEvents(timeoutMilliseconds: 0) }
        waits.append(timeoutMilliseconds)
        if screen.hasPendingEvents { return screen.readEvents(timeoutMilliseconds: 0) }
        let left = end.timeIntervalSince(clock.now())
        if left <= 0 || waits.count >= Self.turnLimit { return [.interrupt] }
        let wait = timeoutMilliseconds < 0 ? left : min(left, Double(timeoutMilliseconds) / 1_000)
        clock.advance(by: wait)
        return []
    }

    func draw(_ changes: [CellChange], cursor: TerminalCursor?) {
        screen.draw(changes, cursor: cursor)
    }

    func invalidate() {
        screen.invalidate()
    }

    func ask(_ query: TerminalQuery) {
        screen.ask(query)
        asked.append(clock.now())
        if query == .cursorPosition, answering(clock.now()) {
            screen.feed(terminalText: "\u{1B}[12;40R")
        }
    }
}
