/// A multi-line text input (contact notes, safety plans), wrapped to its width.
///
/// Lines wrap by display width, after the last space that fits when there is one, otherwise
/// between graphemes. Wrapping keeps every character (no spaces are collapsed), so the cursor —
/// a grapheme index into `value` — maps exactly onto the screen. The view scrolls to keep the
/// cursor's row visible.
public struct TextArea: Widget, Hashable, Sendable {
    public var value: String {
        didSet { cursor = min(cursor, value.count) }
    }
    /// Graphemes before the cursor.
    public var cursor: Int
    public var placeholder: String
    public var focused: Bool
    /// When true, keys only move the view; the text cannot change.
    public var readOnly: Bool

    public init(value: String = "", placeholder: String = "", focused: Bool = false, readOnly: Bool = false) {
        self.value = value
        self.cursor = value.count
        self.placeholder = placeholder
        self.focused = focused
        self.readOnly = readOnly
    }

    /// A screen row: graphemes `start..<end` of the value (a trailing newline is not in it).
    struct VisualRow: Hashable {
        var start: Int
        var end: Int
    }

    // MARK: Editing

    /// Inserts `text` (line breaks kept) at the cursor in one step: a paste of any length costs
    /// one pass over the value, not one per character.
    public mutating func insert(text: String) {
        guard !readOnly else { return }
        let graphemes = Array(value)
        let before = String(graphemes[..<cursor]) + text
        value = before + String(graphemes[cursor...])
        cursor = min(before.count, value.count)
    }

    /// Edits for `key` at the given width. Enter inserts a line break. ↑↓ move by wrapped row;
    /// Home/End and Ctrl-A/E go to the start/end of the wrapped row. Alt-b or Ctrl-← and Alt-f or
    /// Ctrl-→ move a word left/right, across line breaks; Ctrl-W and Alt-d delete the word
    /// before/after the cursor, with the separators between (words as `WordBoundaries` has them).
    /// Ctrl-U/K delete to the start/end of the line (up to the line break, not the wrap); at the
    /// start/end of a line they delete the line break itself, as Emacs's Ctrl-K does, so pressing
    /// them again keeps going. Returns whether the key was used.
    @discardableResult
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        var graphemes = Array(value)
        switch key {
        case .char(let c) where !readOnly:
            if c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { return false }
            let before = String(graphemes[..<cursor]) + String(c)
            value = before + String(graphemes[cursor...])
            cursor = min(before.count, value.count)
        case .enter where !readOnly:
            graphemes.insert("\n", at: cursor)
            value = String(graphemes)
            cursor += 1
        case .backspace where !readOnly:
            guard cursor > 0 else { return true }
            graphemes.remove(at: cursor - 1)
            cursor -= 1
            value = String(graphemes)
        case .delete where !readOnly:
            guard cursor < graphemes.count else { return true }
            graphemes.remove(at: cursor)
            value = String(graphemes)
        case .left: cursor = max(cursor - 1, 0)
        case .right: cursor = min(cursor + 1, graphemes.count)
        case .up, .down:
            let rows = Self.rows(graphemes, width: width)
            let (row, column) = Self.location(of: cursor, in: rows, graphemes: graphemes)
            let target = key == .up ? row - 1 : row + 1
            guard rows.indices.contains(target) else {
                cursor = key == .up ? 0 : graphemes.count
                return true
            }
            cursor = Self.index(atColumn: column, in: rows[target], graphemes: graphemes)
        case .home, .ctrl("a"):
            let rows = Self.rows(graphemes, width: width)
            cursor = rows[Self.location(of: cursor, in: rows, graphemes: graphemes).row].start
        case .end, .ctrl("e"):
            let rows = Self.rows(graphemes, width: width)
            cursor = rows[Self.location(of: cursor, in: rows, graphemes: graphemes).row].end
        case .alt("b"), .ctrlLeft: cursor = WordBoundaries.wordStart(before: cursor, in: graphemes)
        case .alt("f"), .ctrlRight: cursor = WordBoundaries.wordEnd(after: cursor, in: graphemes)
        case .ctrl("w") where !readOnly:
            remove(WordBoundaries.wordStart(before: cursor, in: graphemes)..<cursor)
        case .alt("d") where !readOnly:
            remove(cursor..<WordBoundaries.wordEnd(after: cursor, in: graphemes))
        case .ctrl("u") where !readOnly:
            let start = Self.lineStart(of: cursor, in: graphemes)
            remove(start < cursor ? start..<cursor : max(cursor - 1, 0)..<cursor)
        case .ctrl("k") where !readOnly:
            let end = Self.lineEnd(of: cursor, in: graphemes)
            remove(cursor < end ? cursor..<end : cursor..<min(cursor + 1, graphemes.count))
        default:
            return false
        }
        return true
    }

    /// Removes graphemes `range` and leaves the cursor where they were. Counted from the text, in
    /// case what is left joins into one grapheme across the gap.
    private mutating func remove(_ range: Range<Int>) {
        let graphemes = Array(value)
        let before = String(graphemes[..<range.lowerBound])
        value = before + String(graphemes[range.upperBound...])
        cursor = min(before.count, value.count)
    }

    /// The first grapheme of the line (not the wrapped row) that `index` is on.
    static func lineStart(of index: Int, in graphemes: [Character]) -> Int {
        var i = index
        while i > 0 && graphemes[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// Where the line (not the wrapped row) that `index` is on ends: its line break, or the end.
    static func lineEnd(of index: Int, in graphemes: [Character]) -> Int {
        var i = index
        while i < graphemes.count && graphemes[i] != "\n" { i += 1 }
        return i
    }

    // MARK: Wrapping

    /// The text as screen rows of at most `width` columns.
    public func wrappedLines(width: Int) -> [String] {
        let graphemes = Array(value)
        return Self.rows(graphemes, width: width).map { String(graphemes[$0.start..<$0.end]) }
    }

    static func rows(_ graphemes: [Character], width: Int) -> [VisualRow] {
        let width = max(width, 1)
        var rows: [VisualRow] = []
        var start = 0
        var columns = 0
        var lastSpace: Int?
        var i = 0
        while i < graphemes.count {
            let g = graphemes[i]
            if g == "\n" {
                rows.append(VisualRow(start: start, end: i))
                start = i + 1
                columns = 0
                lastSpace = nil
                i += 1
                continue
            }
            let w = DisplayWidth.of(g)
            if columns + w > width, i > start {
                // Break after the last space on this row, if any; otherwise right here.
                let breakAt = lastSpace.map { $0 + 1 } ?? i
                rows.append(VisualRow(start: start, end: breakAt))
                start = breakAt
                columns = graphemes[start..<i].reduce(0) { $0 + DisplayWidth.of($1) }
                lastSpace = nil
                continue
            }
            if g == " " { lastSpace = i }
            columns += w
            i += 1
        }
        rows.append(VisualRow(start: start, end: graphemes.count))
        return rows
    }

    /// The row and display column of grapheme index `index`.
    static func location(of index: Int, in rows: [VisualRow], graphemes: [Character]) -> (row: Int, column: Int) {
        var row = rows.count - 1
        for (i, r) in rows.enumerated() {
            let isLastOnItsLine = i + 1 == rows.count || rows[i + 1].start != r.end
            if index >= r.start && (index < r.end || (index == r.end && isLastOnItsLine)) {
                row = i
                break
            }
        }
        let column = graphemes[rows[row].start..<min(index, rows[row].end)].reduce(0) { $0 + DisplayWidth.of($1) }
        return (row, column)
    }

    /// The grapheme index nearest `column` on `row`.
    static func index(atColumn column: Int, in row: VisualRow, graphemes: [Character]) -> Int {
        var used = 0
        var index = row.start
        while index < row.end {
            let w = DisplayWidth.of(graphemes[index])
            if used + w > column { break }
            used += w
            index += 1
        }
        return index
    }

    // MARK: Drawing

    /// Where the terminal cursor goes when the area has focus.
    public func cursorPosition(in area: Rect) -> Point {
        let graphemes = Array(value)
        let rows = Self.rows(graphemes, width: area.width)
        let (row, column) = Self.location(of: cursor, in: rows, graphemes: graphemes)
        return Point(x: area.x + min(column, max(area.width - 1, 0)), y: area.y + row - firstRow(rows: rows, area: area))
    }

    private func firstRow(rows: [VisualRow], area: Rect) -> Int {
        let (row, _) = Self.location(of: cursor, in: rows, graphemes: Array(value))
        return max(0, row - max(area.height - 1, 0))
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let style = theme[.normal]
        buffer.fill(area, with: Cell(" ", style: style))
        if value.isEmpty {
            for (i, line) in DisplayWidth.wrap(placeholder, width: area.width).prefix(area.height).enumerated() {
                buffer.write(line, at: Point(x: area.x, y: area.y + i), style: theme[.muted], clip: area.row(i))
            }
            return
        }
        let graphemes = Array(value)
        let rows = Self.rows(graphemes, width: area.width)
        let first = firstRow(rows: rows, area: area)
        for (line, row) in rows.dropFirst(first).prefix(area.height).enumerated() {
            let text = String(graphemes[row.start..<row.end])
            buffer.write(text, at: Point(x: area.x, y: area.y + line), style: style, clip: area.row(line))
        }
    }
}
