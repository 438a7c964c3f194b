/// Selection and scroll position of a list that renders only its visible rows. The offset moves
/// as little as possible to keep the selection in view.
public struct ListScroll: Sendable, Equatable {
    public private(set) var selected = 0
    public private(set) var offset = 0

    public init() {}

    public mutating func select(_ index: Int, count: Int) {
        selected = count == 0 ? 0 : min(max(0, index), count - 1)
    }

    public mutating func moveBy(_ delta: Int, count: Int) {
        select(selected + delta, count: count)
    }

    /// Moves the offset just enough that the selection is among `visibleRows` rows.
    public mutating func follow(visibleRows: Int, count: Int) {
        guard visibleRows > 0, count > 0 else { offset = 0; return }
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        offset = min(max(0, offset), max(0, count - visibleRows))
    }

    public func visibleRange(visibleRows: Int, count: Int) -> Range<Int> {
        let start = min(offset, max(0, count))
        return start..<min(count, start + max(0, visibleRows))
    }
}
