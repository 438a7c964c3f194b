import TextUI

/// A headless terminal that also counts what the frames cost: how many were drawn and the UTF-8
/// bytes of the cells that changed — the floor for what any terminal protocol must send.
@MainActor
final class CountingTerminal: Terminal {
    let screen: HeadlessTerminal
    private(set) var frames = 0
    private(set) var changedCellBytes = 0

    init(size: Size) {
        screen = HeadlessTerminal(size: size)
    }

    var size: Size { screen.size }
    var colorCapability: ColorCapability { screen.colorCapability }

    func feed(_ keys: [Key]) {
        screen.feed(keys)
    }

    func readEvents(timeoutMilliseconds: Int) -> [InputEvent] {
        screen.readEvents(timeoutMilliseconds: timeoutMilliseconds)
    }

    func draw(_ changes: [CellChange], cursor: TerminalCursor?) {
        frames += 1
        for change in changes { changedCellBytes += change.cell.symbol.utf8.count }
        screen.draw(changes, cursor: cursor)
    }

    func invalidate() {
        screen.invalidate()
    }

    func ask(_ query: TerminalQuery) {
        screen.ask(query)
    }
}
