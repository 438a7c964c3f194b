/// One key hint: the key as shown (`Tab`, `↑↓`, `n`), what it does, and whether it works here.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public var enabled: Bool

    public init(key: String, label: String, enabled: Bool = true) {
        self.key = key
        self.label = label
        self.enabled = enabled
    }
}

/// The bottom line: the keys that work here, built from the key map, left to right.
///
/// Disabled hints stay visible in `ui.keyhint.disabled`, so people learn the key exists and
/// `?` can say why it is off. Hints that do not fit whole are dropped and the line ends in `…`
/// rather than showing half a hint.
public struct StatusBar: Widget, Hashable, Sendable {
    public var hints: [KeyHint]

    public init(hints: [KeyHint]) {
        self.hints = hints
    }

    static let separator = " · "

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let barStyle = theme[.statusbar]
        buffer.fill(row, with: Cell(" ", style: barStyle))
        var x = row.x + 1
        let sepWidth = DisplayWidth.of(Self.separator)
        for (i, hint) in hints.enumerated() {
            let lead = i == 0 ? 0 : sepWidth
            let width = lead + DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label)
            let isLast = i == hints.count - 1
            // Keep a column for "…" unless this is the last hint.
            if x + width > row.right - (isLast ? 0 : 2) {
                if x + lead < row.right {
                    buffer.write(i == 0 ? "…" : Self.separator.dropLast() + "…", at: Point(x: x, y: row.y), style: barStyle, clip: row)
                }
                return
            }
            if i > 0 { x += buffer.write(Self.separator, at: Point(x: x, y: row.y), style: barStyle, clip: row) }
            let keyStyle = hint.enabled ? theme[.keyhint] : theme[.keyhintDisabled]
            let labelStyle = hint.enabled ? barStyle : theme[.keyhintDisabled]
            x += buffer.write(hint.key, at: Point(x: x, y: row.y), style: keyStyle, clip: row)
            x += buffer.write(" " + hint.label, at: Point(x: x, y: row.y), style: labelStyle, clip: row)
        }
    }
}
