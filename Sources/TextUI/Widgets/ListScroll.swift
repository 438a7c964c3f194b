/// Which row of a list is selected and which row is at the top of the view.
///
/// A plain value the application keeps in its state: moving the selection moves the view just
/// enough to keep the selected row visible, so rendering never has to scroll.
public struct ListScroll: Hashable, Sendable {
    /// The selected row (0 when the list is empty).
    public var selection: Int
    /// The first visible row.
    public var offset: Int

    public init(selection: Int = 0, offset: Int = 0) {
        self.selection = selection
        self.offset = offset
    }

    /// A move a key can ask for; the application maps keys to moves through its key map.
    public enum Move: Hashable, Sendable {
        case up, down, pageUp, pageDown, home, end
    }

    /// Selects `selection` (clamped to the list) and scrolls as little as possible to show it.
    public mutating func follow(selection: Int, visibleRows: Int, count: Int) {
        guard count > 0 else {
            self = ListScroll()
            return
        }
        self.selection = min(max(selection, 0), count - 1)
        let rows = max(visibleRows, 1)
        if self.selection < offset { offset = self.selection }
        if self.selection >= offset + rows { offset = self.selection - rows + 1 }
        // Never leave empty rows at the bottom while there are rows above to show.
        offset = min(max(offset, 0), max(count - rows, 0))
    }

    /// Applies a move: one row, one page (the visible height), or to either end.
    public mutating func apply(_ move: Move, visibleRows: Int, count: Int) {
        let page = max(visibleRows - 1, 1)
        let target: Int
        switch move {
        case .up: target = selection - 1
        case .down: target = selection + 1
        case .pageUp: target = selection - page
        case .pageDown: target = selection + page
        case .home: target = 0
        case .end: target = count - 1
        }
        if move == .pageUp { offset -= page }
        if move == .pageDown { offset += page }
        follow(selection: target, visibleRows: visibleRows, count: count)
    }

    /// The rows on screen, after `follow` has been applied for this height.
    public func visibleRange(visibleRows: Int, count: Int) -> Range<Int> {
        var settled = self
        settled.follow(selection: selection, visibleRows: visibleRows, count: count)
        let start = settled.offset
        return start..<min(start + max(visibleRows, 0), count)
    }
}
