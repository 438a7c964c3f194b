import TextUI

/// The bottom line: the keys that work here, built from the key map, or one message in words.
enum KeyHintLine {
    static func render(_ hints: [KeyHint], message: String?, row: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(row, with: Cell(" ", style: theme[.keyhint]))
        if let message {
            buffer.write(" " + message, at: Point(x: row.x, y: row.y), width: row.width, style: theme[.emphasis])
            return
        }
        StatusBar(hints: hints).render(in: Rect(x: row.x + 1, y: row.y, width: row.width - 1, height: 1), buffer: &buffer, theme: theme)
    }
}
