/// A column of a `TableView`: its heading and how wide it is.
public struct TableColumn: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case leading, trailing }

    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint, alignment: Alignment = .leading) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One cell of a table row, with an optional role (`risk.high`, `status.missing`, …).
public struct TableCell: Hashable, Sendable {
    public var text: String
    public var role: ThemeRole?

    public init(_ text: String, role: ThemeRole? = nil) {
        self.text = text
        self.role = role
    }
}

/// A scrolling table: a heading line, then only the visible rows.
///
/// Column widths come from `Layout`, one column of space between columns and one for the `▶`
/// selection marker on the left.
public struct TableView: Widget {
    public var columns: [TableColumn]
    public var count: Int
    public var scroll: ListScroll
    public var focused: Bool
    public var showsHeader: Bool
    public var row: (Int) -> [TableCell]

    public init(
        columns: [TableColumn], count: Int, scroll: ListScroll, focused: Bool = true, showsHeader: Bool = true,
        row: @escaping (Int) -> [TableCell]
    ) {
        self.columns = columns
        self.count = count
        self.scroll = scroll
        self.focused = focused
        self.showsHeader = showsHeader
        self.row = row
    }

    public init(columns: [TableColumn], rows: [[TableCell]], scroll: ListScroll, focused: Bool = true) {
        self.init(columns: columns, count: rows.count, scroll: scroll, focused: focused) { rows[$0] }
    }

    /// The rows left for data once the heading is drawn.
    public func visibleRows(in area: Rect) -> Int {
        max(area.height - (showsHeader ? 1 : 0), 0)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let cellsArea = Rect(x: area.x + 1, y: area.y, width: area.width - 1, height: area.height)
        let slots = columnRects(in: cellsArea)
        var y = area.y
        if showsHeader {
            for (column, slot) in zip(columns, slots) {
                write(column.title, in: slot, y: y, alignment: column.alignment, style: theme[.title], buffer: &buffer)
            }
            y += 1
        }
        let rows = visibleRows(in: area)
        for (line, index) in scroll.visibleRange(visibleRows: rows, count: count).enumerated() {
            let rowY = y + line
            let isSelected = index == scroll.selection
            let rowRect = Rect(x: area.x, y: rowY, width: area.width, height: 1)
            let rowStyle = isSelected ? RowSelection.style(for: theme[.normal], hasRole: false, theme: theme) : theme[.normal]
            buffer.fill(rowRect, with: Cell(" ", style: rowStyle))
            buffer.write(isSelected && focused ? "▶" : " ", at: rowRect.origin, style: rowStyle, clip: rowRect)
            for (cell, (column, slot)) in zip(row(index), zip(columns, slots)) {
                var style = theme[cell.role ?? .normal]
                if isSelected { style = RowSelection.style(for: style, hasRole: cell.role != nil, theme: theme) }
                write(cell.text, in: slot, y: rowY, alignment: column.alignment, style: style, buffer: &buffer)
            }
        }
    }

    /// One-line slots per column, with a column of space after each but the last.
    private func columnRects(in area: Rect) -> [Rect] {
        guard !columns.isEmpty else { return [] }
        var constraints: [Constraint] = []
        for (i, column) in columns.enumerated() {
            constraints.append(column.width)
            if i < columns.count - 1 { constraints.append(.length(1)) }
        }
        let parts = Layout(.horizontal, constraints).split(area)
        return stride(from: 0, to: parts.count, by: 2).map { parts[$0] }
    }

    private func write(
        _ text: String, in slot: Rect, y: Int, alignment: TableColumn.Alignment, style: Style, buffer: inout Buffer
    ) {
        guard slot.width > 0 else { return }
        let fitted = DisplayWidth.truncate(text, to: slot.width)
        let x = alignment == .trailing ? slot.x + slot.width - DisplayWidth.of(fitted) : slot.x
        buffer.write(fitted, at: Point(x: x, y: y), style: style, clip: Rect(x: slot.x, y: y, width: slot.width, height: 1))
    }
}
