import TextUI

/// What every list pane shares: a message in words when empty, only the visible rows drawn,
/// and the selected row highlighted (selection style when focused, underlined when not).
enum PaneList {
    static func render(
        count: Int, scroll: ListScroll, focused: Bool, empty: String, area: Rect, buffer: inout Buffer, theme: Theme,
        row draw: (_ index: Int, _ rect: Rect, _ buffer: inout Buffer) -> Void
    ) {
        guard !area.isEmpty else { return }
        guard count > 0 else {
            buffer.write(empty, at: Point(x: area.x + 1, y: area.y), width: area.width - 1, style: theme[.muted])
            return
        }
        for (line, index) in scroll.visibleRange(visibleRows: area.height, count: count).enumerated() {
            let rect = area.row(line)
            draw(index, rect, &buffer)
            if index == scroll.selection {
                highlight(rect, focused: focused, buffer: &buffer, theme: theme)
                if focused { buffer.focus = rect.origin }
            }
        }
    }

    /// A cell with a background of its own (a badge: CRITICAL is white on red) keeps it: under the
    /// selection's pale blue its white text all but vanished on a light terminal.
    static func highlight(_ rect: Rect, focused: Bool, buffer: inout Buffer, theme: Theme) {
        let selected = theme[.selected]
        buffer.patchStyle(rect) { style in
            if focused {
                style.attributes.formUnion(selected.attributes)
                // A badge keeps its own ground; any other cell is laid on the selection where it reads.
                if selected.background != .default, style.background == .default { style = style.laid(on: selected.background, fallback: selected.foreground) }
            } else {
                style.attributes.insert(.underline)
            }
        }
    }
}
