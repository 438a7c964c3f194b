import TextUI

/// The bottom line: the keys that work here, built from the key map.
enum KeyHintLine {
    static func render(_ hints: [KeyHint], message: String?, row: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(row, with: Cell(" ", style: theme[.keyhint]))
        if let message {
            buffer.write(" " + message, at: Point(x: row.x, y: row.y), width: row.width, style: theme[.emphasis])
            return
        }
        var x = row.x + 1
        for (index, hint) in hints.enumerated() {
            let text = (index == 0 ? "" : " · ") + "\(hint.keys) \(hint.label)"
            let width = DisplayWidth.of(text)
            guard x + width <= row.right else { break }
            buffer.write(text, at: Point(x: x, y: row.y), style: hint.enabled ? theme[.keyhint] : theme[.keyhintDisabled])
            x += width
        }
    }
}
