/// A one-line text input.
///
/// The cursor counts grapheme clusters (`Character`s), never bytes or scalars, so "é" typed as
/// e + combining accent, or a syllabic like "ᓈ", is stepped over and deleted whole. Text wider
/// than the field scrolls horizontally by display width to keep the cursor in view. A `secure`
/// field draws one `•` per grapheme and never the text.
public struct TextField: Widget, Hashable, Sendable {
    public var value: String {
        didSet { cursor = min(cursor, value.count) }
    }
    /// The cursor, as a count of graphemes before it (0…`value.count`).
    public var cursor: Int
    public var secure: Bool
    /// Shown, muted, while the field is empty.
    public var placeholder: String
    /// The most graphemes the field accepts, if limited.
    public var maxLength: Int?
    public var focused: Bool

    public init(
        value: String = "", secure: Bool = false, placeholder: String = "", maxLength: Int? = nil,
        focused: Bool = false
    ) {
        self.value = value
        self.cursor = value.count
        self.secure = secure
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.focused = focused
    }

    // MARK: Editing

    /// Edits for `key`: printable characters insert; Backspace, Delete, ←, →, Home, End,
    /// Ctrl-A/E (start/end), Ctrl-U/K (delete to start/end), Alt-b or Ctrl-← and Alt-f or Ctrl-→
    /// (a word left/right), Ctrl-W and Alt-d (delete the word before/after the cursor, with the
    /// separators between). Words are as `WordBoundaries` has them. Returns whether the key was
    /// used.
    ///
    /// A secure field takes its whole value as one word, so word moves cannot reveal where its
    /// spaces or punctuation are.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        var graphemes = Array(value)
        switch key {
        case .char(let c):
            guard !Self.isControl(c) else { return false }
            if let maxLength, graphemes.count >= maxLength { return true }
            insert(c)
        case .backspace:
            guard cursor > 0 else { return true }
            graphemes.remove(at: cursor - 1)
            cursor -= 1
            value = String(graphemes)
        case .delete, .ctrl("d"):
            guard cursor < graphemes.count else { return true }
            graphemes.remove(at: cursor)
            value = String(graphemes)
        case .left, .ctrl("b"): cursor = max(cursor - 1, 0)
        case .right, .ctrl("f"): cursor = min(cursor + 1, graphemes.count)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = graphemes.count
        case .ctrl("u"):
            value = String(graphemes[cursor...])
            cursor = 0
        case .ctrl("k"):
            value = String(graphemes[..<cursor])
        case .alt("b"), .ctrlLeft: cursor = wordStart(in: graphemes)
        case .alt("f"), .ctrlRight: cursor = wordEnd(in: graphemes)
        case .ctrl("w"): remove(wordStart(in: graphemes)..<cursor)
        case .alt("d"): remove(cursor..<wordEnd(in: graphemes))
        default:
            return false
        }
        return true
    }

    /// Inserts `c` at the cursor. A combining mark joins the grapheme before it, so the cursor is
    /// recomputed from the text rather than simply advanced.
    private mutating func insert(_ c: Character) {
        insert(text: String(c))
    }

    /// Inserts `text` at the cursor in one step (a paste), however long: one pass over the value,
    /// not one per character. The caller cleans the text (no line breaks in a one-line field).
    /// Returns false, inserting nothing, when it would pass `maxLength`.
    @discardableResult
    public mutating func insert(text: String) -> Bool {
        let graphemes = Array(value)
        if let maxLength, graphemes.count + text.count > maxLength { return false }
        let before = String(graphemes[..<cursor]) + text
        let after = String(graphemes[cursor...])
        value = before + after
        cursor = min(before.count, value.count)
        return true
    }

    /// Removes graphemes `range` and leaves the cursor where they were. Counted from the text, as
    /// in `insert`, in case what is left joins into one grapheme across the gap.
    private mutating func remove(_ range: Range<Int>) {
        let graphemes = Array(value)
        let before = String(graphemes[..<range.lowerBound])
        value = before + String(graphemes[range.upperBound...])
        cursor = min(before.count, value.count)
    }

    private func wordStart(in graphemes: [Character]) -> Int {
        secure ? 0 : WordBoundaries.wordStart(before: cursor, in: graphemes)
    }

    private func wordEnd(in graphemes: [Character]) -> Int {
        secure ? graphemes.count : WordBoundaries.wordEnd(after: cursor, in: graphemes)
    }

    private static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
    }

    // MARK: Drawing

    /// What is drawn for the value: the text, or a `•` per grapheme when secure.
    public var displayedGraphemes: [Character] {
        secure ? Array(repeating: "•", count: value.count) : Array(value)
    }

    /// The first display column shown, so the cursor fits in `width` columns.
    private func scrollColumn(width: Int) -> Int {
        let cursorColumn = displayedGraphemes[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        return max(0, cursorColumn - max(width - 1, 0))
    }

    /// Where the terminal cursor goes when the field has focus.
    public func cursorPosition(in area: Rect) -> Point {
        let cursorColumn = displayedGraphemes[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        return Point(x: area.x + cursorColumn - scrollColumn(width: area.width), y: area.y)
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        let style = focused ? theme[.emphasis] : theme[.normal]
        var fieldStyle = style
        fieldStyle.attributes.insert(.underline)
        buffer.fill(line, with: Cell(" ", style: fieldStyle))
        if value.isEmpty {
            buffer.write(placeholder, at: line.origin, width: line.width, style: theme[.muted])
            return
        }
        let skip = scrollColumn(width: line.width)
        var column = 0
        var x = line.x
        for g in displayedGraphemes {
            let w = DisplayWidth.of(g)
            defer { column += w }
            if column < skip { continue }
            if x + w > line.right { break }
            buffer.write(String(g), at: Point(x: x, y: line.y), style: fieldStyle, clip: line)
            x += w
        }
    }
}
