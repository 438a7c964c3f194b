/// A strip of tab titles with one active, for the one-pane-at-a-time layout below 100 columns.
public struct Tabs: Widget, Hashable, Sendable {
    public var titles: [String]
    public var active: Int

    public init(titles: [String], active: Int) {
        self.titles = titles
        self.active = active
    }

    /// Titles separated by `│`: the active one in `ui.tab.active`, the rest in `ui.tab`. When the
    /// strip is too narrow, titles are cut to share the width equally.
    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty, !titles.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: theme[.tab]))
        let separators = titles.count - 1
        let natural = titles.map { DisplayWidth.of($0) + 2 }
        var widths = natural
        if natural.reduce(0, +) + separators > row.width {
            let share = max((row.width - separators) / titles.count, 1)
            widths = natural.map { min($0, share) }
        }
        var x = row.x
        for (index, title) in titles.enumerated() {
            guard x < row.right else { break }
            let style = index == active ? theme[.tabActive] : theme[.tab]
            let width = min(widths[index], row.right - x)
            let shown = buffer.plain && index == active ? title + " (shown)" : title
            buffer.write(" " + DisplayWidth.truncate(shown, to: max(width - 2, 1)) + " ",
                         at: Point(x: x, y: row.y), width: width, style: style, pad: true)
            x += width
            if index < separators, x < row.right {
                buffer.write("│", at: Point(x: x, y: row.y), style: theme[.border], clip: row)
                x += 1
            }
        }
    }
}
