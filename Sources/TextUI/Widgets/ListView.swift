/// One line of a `ListView`: its text and, optionally, the role it is drawn in.
public struct ListRow: Hashable, Sendable {
    public var text: String
    public var role: ThemeRole?

    public init(_ text: String, role: ThemeRole? = nil) {
        self.text = text
        self.role = role
    }
}

/// A scrolling list that asks for only the rows it shows.
///
/// Rows come from a function of the row index, so a caseload of thousands costs only the
/// screenful drawn. The selected row gets `row.selected` and a `▶` marker, which keeps it
/// visible even without colour.
public struct ListView: Widget {
    public var count: Int
    public var scroll: ListScroll
    /// Whether the list has the keyboard; the marker is shown only then.
    public var focused: Bool
    public var row: (Int) -> ListRow

    public init(count: Int, scroll: ListScroll, focused: Bool = true, row: @escaping (Int) -> ListRow) {
        self.count = count
        self.scroll = scroll
        self.focused = focused
        self.row = row
    }

    public init(rows: [ListRow], scroll: ListScroll, focused: Bool = true) {
        self.init(count: rows.count, scroll: scroll, focused: focused) { rows[$0] }
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let visible = scroll.visibleRange(visibleRows: area.height, count: count)
        for (line, index) in visible.enumerated() {
            let item = row(index)
            let isSelected = index == scroll.selection
            let rect = area.row(line)
            var style = theme[item.role ?? .normal]
            if isSelected { style = RowSelection.style(for: style, hasRole: item.role != nil, theme: theme) }
            buffer.fill(rect, with: Cell(" ", style: style))
            let marker = isSelected && focused ? "▶" : " "
            buffer.write(marker, at: rect.origin, style: style, clip: rect)
            if rect.width > 1 {
                buffer.write(item.text, at: Point(x: rect.x + 1, y: rect.y), width: rect.width - 1, style: style)
            }
        }
    }
}

/// How a selected row looks: the selection's background and attributes, keeping a cell's own
/// foreground when it has a meaning (a risk colour should survive being selected).
enum RowSelection {
    static func style(for base: Style, hasRole: Bool, theme: Theme) -> Style {
        let selected = theme[.selected]
        return Style(
            foreground: hasRole && base.foreground != .default ? base.foreground : selected.foreground,
            background: selected.background,
            attributes: selected.attributes.union(base.attributes)
        )
    }
}
