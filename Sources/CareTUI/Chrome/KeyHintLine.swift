import TextUI

/// The bottom line: the keys that work here, built from the key map, or one message in words.
enum KeyHintLine {
    static func render(_ hints: [KeyHint], message: String?, row: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(row, with: Cell(" ", style: theme[.keyhint]))
        if let message {
            // Wrapped upwards from the bottom line, three lines at most.
            let lines = Array(DisplayWidth.wrap(message, width: max(1, row.width - 2)).prefix(3))
            for (index, line) in lines.enumerated() {
                let y = row.y - (lines.count - 1 - index)
                let lineRect = Rect(x: row.x, y: y, width: row.width, height: 1)
                buffer.fill(lineRect, with: Cell(" ", style: theme[.keyhint]))
                buffer.write(" " + line, at: Point(x: row.x, y: y), width: row.width, style: theme[.emphasis])
            }
            // A message just shown is where a screen reader should read next.
            buffer.focus = Point(x: row.x + 1, y: row.y - (lines.count - 1))
            return
        }
        StatusBar(hints: hints).render(in: Rect(x: row.x + 1, y: row.y, width: row.width - 1, height: 1), buffer: &buffer, theme: theme)
    }
}
