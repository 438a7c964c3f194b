import CareDomain
import TextUI

/// A note, an episode, a flag, the plan, a referral or an alert, whole: wrapped, scrollable,
/// with who wrote it and when, and a search within it (`/`, then `n`/`N`), matches highlighted.
/// Nothing is ever copied out: no clipboard escape is sent, whatever key is pressed.
public struct ReaderScreen: Sendable {
    public let id: Int
    public let document: ReaderDocument
    public var scroll = 0
    /// The search being typed, or the last one kept.
    public var search = TextField()
    public var searching = false

    init(id: Int, document: ReaderDocument) {
        self.id = id
        self.document = document
    }

    /// While a search is typed, keys go to it (Enter keeps it, Esc clears it); else the reader's
    /// keys, and Ctrl-X still locks.
    public var keyChain: KeyChain {
        searching ? KeyChain([.filter, .global], unbound: .typed, globalOnly: [.lock, .redraw])
            : KeyChain([.reader, .global], unbound: .ignore, globalOnly: [.lock, .redraw, .help, .toggleMask])
    }

    /// The text wrapped to `width` columns, a paragraph's own line breaks kept.
    func lines(width: Int) -> [String] {
        document.paragraphs.flatMap { paragraph in
            paragraph.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                line.isEmpty ? [""] : DisplayWidth.wrap(String(line), width: max(1, width))
            }
        }
    }

    /// Lines that contain the search, accent- and case-blind.
    func matches(in lines: [String]) -> [Int] {
        let needle = FoldedText(search.value.trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return [] }
        return lines.indices.filter { FoldedText(lines[$0]).contains(needle) }
    }

    // MARK: Update

    mutating func handle(_ command: Command, viewports: Viewports) -> (ScreenStep, message: String?) {
        let rows = viewports.overlayRows
        let last = max(0, viewports.readerLines - rows)
        switch command {
        case .moveDown: scroll = min(scroll + 1, last)
        case .moveUp: scroll = max(0, scroll - 1)
        case .pageDown: scroll = min(scroll + max(1, rows - 1), last)
        case .pageUp: scroll = max(0, scroll - max(1, rows - 1))
        case .top: scroll = 0
        case .bottom: scroll = last
        case .filter:
            searching = true
            search = TextField(value: search.value)
        case .keepFilter:
            searching = false
            jump(to: viewports.readerMatches.first { $0 >= scroll } ?? viewports.readerMatches.first, last: last)
        case .clearFilter:
            searching = false
            search = TextField()
        case .nextMatch:
            guard !viewports.readerMatches.isEmpty else { return (.stay, "No match for \"\(search.value)\".") }
            jump(to: viewports.readerMatches.first { $0 > scroll } ?? viewports.readerMatches.first, last: last)
        case .previousMatch:
            guard !viewports.readerMatches.isEmpty else { return (.stay, "No match for \"\(search.value)\".") }
            jump(to: viewports.readerMatches.last { $0 < scroll } ?? viewports.readerMatches.last, last: last)
        case .copy:
            return (.stay, "Nothing is copied: a child's record never leaves this screen through the clipboard.")
        case .cancel:
            return (.close, nil)
        default:
            break
        }
        return (.stay, nil)
    }

    /// A key typed into the search.
    mutating func type(_ key: Key) {
        search.handle(key)
    }

    private mutating func jump(to line: Int?, last: Int) {
        guard let line else { return }
        scroll = min(max(0, line), last)
    }

    // MARK: Drawing

    func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme, viewports: inout Viewports) -> Point? {
        let width = min(area.width - 2, 100)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: document.title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        var inner = box.inset(by: 1)
        var cursor: Point?
        if searching || !search.value.isEmpty {
            let row = inner.row(inner.height - 1)
            buffer.write("/ ", at: row.origin, style: theme[.emphasis])
            var field = search
            field.focused = searching
            let fieldArea = Rect(x: row.x + 2, y: row.y, width: max(1, row.width - 2), height: 1)
            field.render(in: fieldArea, buffer: &buffer, theme: theme)
            if searching { cursor = field.cursorPosition(in: fieldArea) }
            inner = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1))
        }
        let text = Rect(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 2), height: inner.height)
        let all = lines(width: text.width)
        let found = matches(in: all)
        viewports.overlayRows = text.height
        viewports.readerLines = all.count
        viewports.readerMatches = found
        let start = min(scroll, max(0, all.count - text.height))
        let needle = FoldedText(search.value.trimmingCharacters(in: .whitespaces))
        for (offset, line) in all.dropFirst(start).prefix(text.height).enumerated() {
            let y = text.y + offset
            buffer.write(line, at: Point(x: text.x, y: y), width: text.width, style: theme[.normal])
            if found.contains(start + offset) { highlight(needle, in: line, at: Point(x: text.x, y: y), buffer: &buffer, theme: theme) }
        }
        return cursor
    }

    /// Reverses the cells of each occurrence of the search in a line (accent- and case-blind).
    private func highlight(_ needle: FoldedText, in line: String, at origin: Point, buffer: inout Buffer, theme: Theme) {
        let target = String(decoding: needle.bytes, as: UTF8.self)
        guard !target.isEmpty else { return }
        let characters = Array(line)
        let folded = characters.map { TextFold.fold(String($0)) }
        let columns = characters.map { DisplayWidth.of($0) }
        var column = 0
        for start in characters.indices {
            var joined = ""
            var end = start
            while end < characters.count, joined.utf8.count < target.utf8.count {
                joined += folded[end]
                end += 1
            }
            if joined == target {
                let width = columns[start..<end].reduce(0, +)
                buffer.patchStyle(Rect(x: origin.x + column, y: origin.y, width: width, height: 1)) { $0.attributes.insert(.reverse) }
            }
            column += columns[start]
        }
    }
}
