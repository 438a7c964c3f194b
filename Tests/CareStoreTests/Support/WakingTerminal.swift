import Foundation
import TextUI

/// A headless terminal whose waits take real time and end early when its `TerminalWake` is
/// rung, as the real terminal's do: the frame loop over it sleeps until a key, its timeout, or
/// another thread's ring.
@MainActor
final class WakingTerminal: Terminal {
    let screen: HeadlessTerminal
    let wake: TerminalWake? = TerminalWake()
    /// Run once, as the next wait begins (a test starts another session's save there, so the
    /// save lands while the loop sleeps).
    var atNextWait: (() -> Void)?

    init(size: Size) {
        screen = HeadlessTerminal(size: size)
    }

    var size: Size { screen.size }
    var colorCapability: ColorCapability { screen.colorCapability }

    func feed(_ keys: [Key]) { screen.feed(keys) }
    func lines() -> [String] { screen.lines() }

    func readEvents(timeoutMilliseconds: Int) -> [InputEvent] {
        if screen.hasPendingEvents { return screen.readEvents(timeoutMilliseconds: 0) }
        if let start = atNextWait {
            atNextWait = nil
            start()
        }
        _ = wake?.wait(milliseconds: timeoutMilliseconds)
        return []
    }

    func ask(_ query: TerminalQuery) { screen.ask(query) }
    func draw(_ changes: [CellChange], cursor: TerminalCursor?) { screen.draw(changes, cursor: cursor) }
    func invalidate() { screen.invalidate() }
}
