import CareDomain
import TextUI

/// A note, an episode, a flag, the plan, a referral or an alert, whole: wrapped, scrollable,
/// with who wrote it and when, and a search within it (`/`, then `n`/`N`), matches highlighted.
/// Nothing is ever copied out: no clipboard escape is sent, whatever key is pressed.
public struct ReaderScreen: ScreenController {
    public let id: Int
    public let document: ReaderDocument
    public var scroll = ScrollView()
    /// The search being typed, or the last one kept.
    public var search = TextField()
    public var searching = false
    /// The lines that matched the search at the last render.
    var matches: [Int] = []
    /// False while the look's `view` event is being written (an alert about a child, read
    /// whole): nothing of the document, its title included, is drawn until it is (`receive`).
    public var audited: Bool

    init(id: Int, document: ReaderDocument, audited: Bool = true) {
        self.id = id
        self.document = document
        self.audited = audited
    }

    static let waiting = "Recording this look in the audit trail…"

    /// While a search is typed, keys go to it (Enter keeps it, Esc clears it); else the reader's
    /// keys, and Ctrl-X still locks.
    public var keyChain: KeyChain { searching ? Self.searchChain : Self.readingChain }
    static let searchChain = KeyChain([.filter, .global], unbound: .typed, globalOnly: [.lock, .redraw])
    static let readingChain = KeyChain([.reader, .global], unbound: .ignore, globalOnly: [.lock, .redraw, .help, .toggleMask])

    /// The text wrapped to `width` columns, a paragraph's own line breaks kept.
    func lines(width: Int) -> [String] {
        guard audited else { return [Self.waiting] }
        return document.paragraphs.flatMap { paragraph in
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

    // MARK: The controller

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        if searching { return [.fixed(key: "type", label: "search"), .command(.keepFilter, "find"), .command(.clearFilter, "clear")] }
        return [.command(.moveDown, "scroll"), .command(.filter, "search"), .command(.nextMatch, "next match"), .command(.cancel, "close")]
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        if let move = ScrollView.Move(command) { return scroll.apply(move) }
        switch command {
        case .filter:
            searching = true
            search = TextField(value: search.value)
        case .keepFilter:
            searching = false
            jump(to: matches.first { $0 >= scroll.offset } ?? matches.first)
        case .clearFilter:
            searching = false
            search = TextField()
        case .nextMatch:
            guard !matches.isEmpty else { return ctx.say("No match for \"\(search.value)\".") }
            jump(to: matches.first { $0 > scroll.offset } ?? matches.first)
        case .previousMatch:
            guard !matches.isEmpty else { return ctx.say("No match for \"\(search.value)\".") }
            jump(to: matches.last { $0 < scroll.offset } ?? matches.last)
        case .copy:
            ctx.say("Nothing is copied: a child's record never leaves this screen through the clipboard.")
        case .cancel:
            ctx.close()
        default:
            break
        }
    }

    /// The look's audit event: written, the document shows; refused, the reader closes with the
    /// words (nothing of it was shown).
    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        switch answer {
        case .alertViewed(.success): audited = true
        case .alertViewed(.failure(let failure)):
            ctx.close()
            ctx.say(failure.words)
        default:
            if let words = answer.failureWords { ctx.say(words) }
        }
    }

    /// A key typed into the search.
    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        if searching { search.handle(key) }
    }

    private mutating func jump(to line: Int?) {
        guard let line else { return }
        scroll.scroll(to: line)
    }

    // MARK: Drawing

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        var inner = Overlay.box(in: area, width: 100, title: audited ? document.title : "Reading", buffer: &buffer, theme: theme)
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
        matches = found
        Paragraph(all).render(in: text, scroll: &scroll, buffer: &buffer, theme: theme)
        let needle = FoldedText(search.value.trimmingCharacters(in: .whitespaces))
        for (row, index) in scroll.visible.enumerated() where found.contains(index) {
            highlight(needle, in: all[index], at: Point(x: text.x, y: text.y + row), buffer: &buffer, theme: theme)
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
