/// A place to draw frames and read keys. `CursesTerminal` is the real one; `HeadlessTerminal`
/// is for tests. The frame loop only ever hands a terminal the cells that changed.
@MainActor
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// How many colours it can show (`.none` under `NO_COLOR` or on a monochrome terminal).
    var colorCapability: ColorCapability { get }
    /// Every event already waiting; if none, waits up to `timeoutMilliseconds` for the first
    /// (a negative timeout waits for input however long it takes). An empty result means the
    /// timeout passed (a tick). The end of input (the terminal is gone) is `.interrupt`, as a
    /// hang-up is.
    func readEvents(timeoutMilliseconds: Int) -> [InputEvent]
    /// Sends a query between frames; the answer, if the terminal gives one, comes back through
    /// `readEvents` as an `InputEvent.reply`, whenever it arrives.
    func ask(_ query: TerminalQuery)
    /// Writes these cells and shows the frame (one flush), the cursor left at `cursor` (shown
    /// or hidden as it says); nil hides it wherever it is.
    func draw(_ changes: [CellChange], cursor: TerminalCursor?)
    /// Forgets what is on screen so the next `draw` is taken as the whole screen (Ctrl-L, resize).
    func invalidate()
    /// What ends a wait in `readEvents` early from another thread (`TerminalWake`): the wait then
    /// returns with no events, as a tick. Nil (the default) for a terminal that only waits on its
    /// clock; the loop then turns at its ticks alone.
    var wake: TerminalWake? { get }
}

extension Terminal {
    public var wake: TerminalWake? { nil }
}

/// Where a frame leaves the terminal's cursor, and whether it shows. A hidden cursor is still
/// moved there: screen readers and braille displays follow its position, not a highlighted bar.
public struct TerminalCursor: Hashable, Sendable {
    public var position: Point
    public var visible: Bool

    public init(_ position: Point, visible: Bool) {
        self.position = position
        self.visible = visible
    }
}
