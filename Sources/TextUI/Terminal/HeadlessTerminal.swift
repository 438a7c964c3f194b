/// A terminal in memory, for tests and benchmarks: it keeps the screen as a `Buffer`, queues the
/// keys a test feeds it, and counts what each frame cost.
///
/// Tests drive the same frame loop as the real program over it, then assert the screen's lines.
/// `readEvents` never waits: it returns what was fed, or nothing (a tick), so a test runs the loop
/// until it is idle instead of sleeping.
@MainActor
public final class HeadlessTerminal: Terminal {
    public private(set) var size: Size
    public var colorCapability: ColorCapability

    /// What the terminal shows: every change `draw` was given, applied.
    public var screen: Buffer

    /// Where the cursor is shown, or nil when hidden (as the last `draw` left it).
    public var cursor: Point? { placement.flatMap { $0.visible ? $0.position : nil } }
    /// Where the last `draw` left the cursor, shown or hidden: where a screen reader looks.
    public var cursorPosition: Point? { placement?.position }
    private var placement: TerminalCursor?

    /// How many cells the last `draw` wrote.
    public private(set) var cellsWrittenLastFrame: Int = 0

    /// How many times `draw` was called.
    public private(set) var frames: Int = 0

    /// How many times `invalidate` was called (Ctrl-L, resize).
    public private(set) var invalidations: Int = 0

    /// The queries the program sent, in order.
    public private(set) var queries: [TerminalQuery] = []

    private var pending: [InputEvent] = []
    /// Answers are taken out of what was fed exactly as the real terminal takes them out.
    private var replies = TerminalReplyScanner()

    public init(size: Size, colors: ColorCapability = .indexed256) {
        self.size = size
        self.colorCapability = colors
        self.screen = Buffer(size: size)
    }

    // MARK: - Driving it

    /// Queues key presses.
    public func feed(_ keys: [Key]) {
        pending += keys.map(InputEvent.key)
    }

    /// Queues each character of `text` as a `.char` key press (no translation of "\n" or "\t").
    public func feed(_ text: String) {
        feed(text.map(Key.char))
    }

    /// Queues text as one bracketed paste, as a terminal sends a paste.
    public func feed(paste text: String) {
        pending.append(.paste(text))
    }

    /// Queues what a terminal sends as the keys a terminal's key decoder makes of it: Esc for
    /// ESC, Ctrl-G for BEL, Enter for CR, and each other character as itself. A terminal's
    /// answer to a query comes in so (`"\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\"`).
    public func feed(terminalText text: String) {
        pending += text.map { character -> InputEvent in
            switch character {
            case "\u{1B}": .key(.escape)
            case "\u{07}": .key(.ctrl("g"))
            case "\r", "\n": .key(.enter)
            default: .key(.char(character))
            }
        }
    }

    /// Queues any event, such as `.interrupt`.
    public func feed(event: InputEvent) {
        pending.append(event)
    }

    /// Changes the size, as a window resize would: the screen is cleared and a `.resize` event is
    /// queued for the program.
    public func resize(to newSize: Size) {
        size = newSize
        screen.resize(to: newSize)
        pending.append(.resize(newSize))
    }

    /// The screen's rows as text, trailing spaces trimmed.
    public func lines() -> [String] {
        screen.lines()
    }

    /// Whether any fed event is still waiting to be read.
    public var hasPendingEvents: Bool { !pending.isEmpty }

    // MARK: - Terminal

    public func readEvents(timeoutMilliseconds: Int) -> [InputEvent] {
        defer { pending.removeAll() }
        return replies.scan(pending) + replies.release()
    }

    public func ask(_ query: TerminalQuery) {
        queries.append(query)
    }

    public func draw(_ changes: [CellChange], cursor: TerminalCursor?) {
        for change in changes {
            screen[change.x, change.y] = change.cell
        }
        placement = cursor ?? placement.map { TerminalCursor($0.position, visible: false) }
        cellsWrittenLastFrame = changes.count
        frames += 1
    }

    /// Blanks the screen, as a real terminal's contents are unknown after this, so a program that
    /// does not redraw in full afterwards shows up in tests as missing text.
    public func invalidate() {
        screen = Buffer(size: size)
        invalidations += 1
    }
}
