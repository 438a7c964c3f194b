/// How far a block of lines taller than its area is scrolled, and the size it had when last drawn.
///
/// A stateful widget's state, as ratatui keeps them: the application holds it, keys move it, and
/// the render records the rows shown and the lines there were (`layout`), so the next key pages
/// by what the person saw without asking the view again.
public struct ScrollView: Hashable, Sendable {
    /// The first line shown.
    public private(set) var offset: Int
    /// Rows the area had at the last render.
    public private(set) var rows: Int
    /// Lines the text had at the last render.
    public private(set) var lineCount: Int

    public init(offset: Int = 0, rows: Int = 20, lineCount: Int = 0) {
        self.offset = max(0, offset)
        self.rows = max(1, rows)
        self.lineCount = max(0, lineCount)
    }

    /// A move a key asks for.
    public enum Move: Hashable, Sendable {
        case lineUp, lineDown, pageUp, pageDown, top, bottom
    }

    /// The last offset that still fills the area.
    public var lastOffset: Int { max(0, lineCount - rows) }

    /// Records what the render found, keeping the offset inside the text.
    public mutating func layout(rows: Int, lineCount: Int) {
        self.rows = max(1, rows)
        self.lineCount = max(0, lineCount)
        offset = min(offset, lastOffset)
    }

    /// Scrolls by a line, by a page (the rows shown, less one kept for context), or to an end.
    public mutating func apply(_ move: Move) {
        let page = max(1, rows - 1)
        switch move {
        case .lineUp: offset -= 1
        case .lineDown: offset += 1
        case .pageUp: offset -= page
        case .pageDown: offset += page
        case .top: offset = 0
        case .bottom: offset = lastOffset
        }
        offset = min(max(0, offset), lastOffset)
    }

    /// Shows `line` at the top, as far as the text allows.
    public mutating func scroll(to line: Int) {
        offset = min(max(0, line), lastOffset)
    }

    /// Scrolls as little as possible to show lines `range` (its start when it is taller than the area).
    public mutating func reveal(_ range: Range<Int>) {
        if range.lowerBound < offset { offset = range.lowerBound }
        if range.upperBound > offset + rows { offset = min(range.lowerBound, range.upperBound - rows) }
        offset = min(max(0, offset), lastOffset)
    }

    /// The indices of the lines on screen.
    public var visible: Range<Int> { min(offset, lineCount)..<min(offset + rows, lineCount) }
}

/// Lines of text in an area, scrolled by a `ScrollView`: each line one row, cut at the edge, the
/// rest of the row filled with the line's style. Wrapping is the caller's (it knows what indents).
public struct Paragraph: Sendable {
    public struct Line: Hashable, Sendable {
        public var text: String
        public var role: ThemeRole
        public init(_ text: String, _ role: ThemeRole = .normal) {
            self.text = text
            self.role = role
        }
    }

    public var lines: [Line]

    public init(_ lines: [Line]) { self.lines = lines }

    public init(_ lines: [String], role: ThemeRole = .normal) {
        self.lines = lines.map { Line($0, role) }
    }

    /// Draws the lines the scroll shows into `area`, after recording the area's size in it.
    public func render(in area: Rect, scroll: inout ScrollView, buffer: inout Buffer, theme: Theme) {
        scroll.layout(rows: area.height, lineCount: lines.count)
        for (row, index) in scroll.visible.enumerated() {
            let line = lines[index]
            buffer.write(line.text, at: Point(x: area.x, y: area.y + row), width: area.width, style: theme[line.role], pad: true)
        }
    }
}
