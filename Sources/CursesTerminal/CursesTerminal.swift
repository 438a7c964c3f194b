import CNCurses
import TextUI
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal: ncursesw on the process's standard input and output.
///
/// ncurses does the terminal-specific work (terminfo, the alternate screen, output
/// optimisation); this type translates `CellChange`s to wide-character cells and keys back to
/// `InputEvent`s. Every curses call stays on the main actor: ncurses is not thread-safe.
///
/// Call `restore()` before the process exits. It is also run from `atexit`, and on a crash the
/// terminal is put back before the process exits with one line (`installCrashRestore`).
@MainActor
public final class CursesTerminal: Terminal {
    public private(set) var size: Size
    public let colorCapability: ColorCapability
    /// Rung by another thread to end a wait for input early (`TerminalWake`).
    public let wake: TerminalWake? = TerminalWake()

    private var pairs: ColorPairAllocator
    /// Set when the terminal marks pastes; the collector holds a paste that is still arriving.
    private var paste: BracketedPaste?
    private var collector = PasteCollector()
    /// Holds the key codes ncurses numbered for this terminal at start (Ctrl-←, Ctrl-→).
    private let decoder: CursesKeyDecoder
    private var isRestored = false
    /// Set once the terminal's input has ended (end of file, or the device is gone): every read
    /// after that reports `.interrupt`, as a hang-up does.
    private var inputEnded = false
    /// The cursor visibility last set, so `curs_set` is only called when it changes.
    private var cursorShown = false
    /// Takes the terminal's answers to queries out of the keys, whenever they arrive.
    private var replies = TerminalReplyScanner()
    /// While the beginning of what may be an answer is held: when it is given back as keys if
    /// the rest has not come.
    private var heldReplyDeadline: ContinuousClock.Instant?

    /// Longest one wait blocks before looking at the stop flag again. A signal ends the wait
    /// at once; this only bounds the rare one that lands just before the wait begins.
    private static let signalPollMilliseconds = 1_000
    /// How long the beginning of an answer (`ESC ]`, `ESC [` and what may follow) is held for its
    /// rest. An answer is written in one piece; this covers it being cut between two reads.
    private static let replyGraceMilliseconds = 500
    /// How many waiting events one `readEvents` takes at most, so a huge paste cannot stall a frame.
    private static let maximumBatch = 4096
    /// ncurses' own default is 1 s; a person does not type the next key within 25 ms of Esc.
    public static let defaultEscapeDelayMilliseconds = 25

    /// Sets up the screen: UTF-8 locale, raw keys, no echo, hidden cursor, colours when the
    /// terminal has them and `NO_COLOR` is not set, and the alternate screen.
    ///
    /// `escapeDelayMilliseconds`: how long after Esc the rest of a key's sequence may come
    /// (config.toml's `escape_delay_ms`); nil takes `$ESCDELAY`, else 25 ms.
    ///
    /// - Throws: `CursesError` when there is no terminal, or `TERM` names one ncurses does not
    ///   know. Unlike `initscr`, this never exits the process.
    public init(escapeDelayMilliseconds: Int? = nil) throws(CursesError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let terminalType = getenv("TERM").map({ String(cString: $0) }), !terminalType.isEmpty else {
            throw .noTerminalType
        }
        UTF8Locale.activate()
        // Before `newterm`: ncurses installs its own SIGINT/SIGTERM handlers only where the
        // action is still the default, and those would end curses mode behind our back.
        TerminalSignals.installStopHandlers()
        guard care_newterm(nil) != nil else {
            TerminalSignals.removeStopHandlers()
            throw .unknownTerminal(terminalType)
        }
        TerminalSignals.installExitHandler()
        TerminalSignals.installFatalHandlers()

        let window = care_stdscr()
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        decoder = CursesKeyDecoder(extendedKeys: .lookUp())
        paste = BracketedPaste.enable()
        CursorPositionKeys.switchOff()
        _ = care_set_escdelay(Int32(escapeDelayMilliseconds ?? Self.environmentEscapeDelay ?? Self.defaultEscapeDelayMilliseconds))
        _ = curs_set(0)
        _ = leaveok(window, true)
        care_resume_screen_once()

        var palette = ColorPairAllocator.Palette(colorCount: 0, pairCount: 0, defaultColorsAvailable: false)
        if has_colors() && !Self.noColorRequested {
            _ = start_color()
            palette = ColorPairAllocator.Palette(
                colorCount: Int(care_colors()),
                pairCount: Int(care_color_pairs()),
                defaultColorsAvailable: use_default_colors() == OK
            )
        }
        self.pairs = ColorPairAllocator(palette: palette)
        self.colorCapability = palette.capability
        self.size = Self.screenSize()
    }

    /// `ESCDELAY`, as ncurses reads it, when it is a number of milliseconds.
    private static var environmentEscapeDelay: Int? {
        guard let value = getenv("ESCDELAY"), let milliseconds = Int(String(cString: value)), (0...2_000).contains(milliseconds) else { return nil }
        return milliseconds
    }

    /// https://no-color.org: any non-empty `NO_COLOR` turns colour off.
    private static var noColorRequested: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    private static func screenSize() -> Size {
        var rows: Int32 = 0, columns: Int32 = 0
        care_getmaxyx(care_stdscr(), &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    // MARK: - Leaving

    /// Blanks the screen, leaves the alternate screen and puts the terminal modes back.
    /// Idempotent; after it, `draw` does nothing and `readEvents` reports `.interrupt`.
    ///
    /// The blanking matters on terminals without an alternate screen: records must not be
    /// left on view or in scrollback once the program is gone.
    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        care_leave_screen()
        TerminalSignals.removeStopHandlers()
    }

    /// Installs the crash handlers: on SIGSEGV, SIGABRT (a Swift runtime trap), SIGBUS, SIGILL
    /// or SIGFPE the screen is blanked and the terminal restored, one line without any record
    /// text is written, and the process exits with 128 + the signal — unless `handOn` (a
    /// developer set `SWIFT_BACKTRACE`), when the crash then goes on to Swift's backtracer.
    /// `care` calls this first thing; `init` calls it too; calling it again is harmless.
    public static func installCrashRestore(handOn: Bool = false) {
        TerminalSignals.installFatalHandlers(handOn: handOn)
    }

    // MARK: - Drawing

    public func draw(_ changes: [CellChange], cursor: TerminalCursor?) {
        guard !isRestored else { return }
        let window = care_stdscr()
        // ncurses may find a grapheme narrow that the caller laid out as wide; the cell to its
        // right would then keep stale content, so it is blanked.
        var narrowCell: (x: Int, y: Int)? = nil
        for change in changes {
            guard change.x >= 0, change.y >= 0, change.x < size.width, change.y < size.height else { continue }
            if change.cell.isContinuation {
                if let narrow = narrowCell, narrow.x == change.x - 1, narrow.y == change.y {
                    put(" ", style: change.cell.style, x: change.x, y: change.y, in: window)
                }
                continue
            }
            let width = put(change.cell.symbol, style: change.cell.style, x: change.x, y: change.y, in: window)
            narrowCell = width < 2 ? (change.x, change.y) : nil
        }
        placeCursor(cursor, in: window)
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    public func invalidate() {
        guard !isRestored else { return }
        _ = clearok(care_curscr(), true)
    }

    /// Shows or hides the cursor and leaves it at its place: hidden, it still goes there, since
    /// screen readers and braille displays follow where it is (ncurses moves it last in the
    /// frame's one write, `leaveok` off).
    private func placeCursor(_ cursor: TerminalCursor?, in window: UnsafeMutablePointer<WINDOW>?) {
        let show = cursor?.visible ?? false
        if show != cursorShown {
            _ = curs_set(show ? 1 : 0)
            cursorShown = show
        }
        _ = leaveok(window, cursor == nil)
        if let cursor { _ = wmove(window, Int32(cursor.position.y), Int32(cursor.position.x)) }
    }

    /// Writes one grapheme at a cell and returns how many columns ncurses gives it.
    ///
    /// `wadd_wchnstr` neither moves the cursor nor wraps, so the bottom-right cell cannot scroll
    /// the screen, and a wide grapheme that does not fit in the last column is not drawn.
    @discardableResult
    private func put(_ symbol: String, style: Style, x: Int, y: Int, in window: UnsafeMutablePointer<WINDOW>?) -> Int {
        let (characters, width) = CursesGlyph.wideCharacters(for: symbol)
        let allocation = pairs.allocate(foreground: style.foreground, background: style.background)
        if let definition = allocation.newDefinition {
            _ = init_pair(allocation.pair, definition.foreground, definition.background)
        }
        var cell = cchar_t()
        characters.withUnsafeBufferPointer { buffer in
            _ = setcchar(&cell, buffer.baseAddress, Self.attributes(style.attributes), allocation.pair, nil)
        }
        _ = mvwadd_wchnstr(window, Int32(y), Int32(x), &cell, 1)
        return width
    }

    private static func attributes(_ attributes: Attributes) -> attr_t {
        var result = care_a_normal()
        if attributes.contains(.bold) { result |= care_a_bold() }
        if attributes.contains(.dim) { result |= care_a_dim() }
        if attributes.contains(.underline) { result |= care_a_underline() }
        if attributes.contains(.reverse) { result |= care_a_reverse() }
        return result
    }

    // MARK: - Reading

    public func readEvents(timeoutMilliseconds: Int) -> [InputEvent] {
        guard !isRestored, !inputEnded else { return [.interrupt] }
        if TerminalSignals.stopRequested { return [.interrupt] }
        let window = care_stdscr()
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds < 0 ? nil : clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        var events: [InputEvent] = []
        // The terminal said there was input and none could be read: twice in a row is the end of
        // input (read gives end of file, or an error once the device is gone). Without this a
        // session whose hang-up signal a wrapper swallowed read nothing, forever, at full speed.
        var readyButNothing = 0
        var lastWaitWasReady = false

        while true {
            // Everything ncurses or the terminal already holds, so a burst of keys is one batch.
            let batch = takeWaiting(from: window)
            if lastWaitWasReady {
                readyButNothing = batch.readSomething ? 0 : readyButNothing + 1
                if readyButNothing >= 2 {
                    inputEnded = true
                    return [.interrupt]
                }
            }
            events += replies.scan(batch.events)
            events += releaseHeldReplyIfLate(now: clock.now)
            if !events.isEmpty { break }
            if TerminalSignals.stopRequested { return [.interrupt] }

            // Then wait, in poll(2), for input, a signal (a stop, or a resize ncurses turns into a
            // key), the timeout, or the held beginning of an answer to be given back.
            let now = clock.now
            var until = deadline
            if let held = heldReplyDeadline { until = min(until ?? held, held) }
            if let until, now >= until {
                if let deadline, now >= deadline { return [] }
                // The held beginning of an answer is due to be given back, at the top.
                lastWaitWasReady = false
                continue
            }
            var slice = Self.signalPollMilliseconds
            if let until {
                let left = now.duration(to: until)
                let milliseconds = left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000
                slice = min(slice, max(1, Int(milliseconds) + 1))
            }
            switch TerminalInput.wait(milliseconds: slice, wake: wake?.descriptor) {
            case .ready: lastWaitWasReady = true
            case .interrupted, .timedOut: lastWaitWasReady = false
            case .woken:
                // Nothing typed: the loop turns now, as at a tick, to see what woke it.
                wake?.drain()
                return []
            case .gone:
                inputEnded = true
                return [.interrupt]
            }
        }
        if TerminalSignals.stopRequested { events.append(.interrupt) }
        return CursesKeyDecoder.combineAltKeys(events)
    }

    /// Holds the beginning of what may be an answer for a while; past that, gives it back as the
    /// keys it was (someone typed Esc and `]`).
    private func releaseHeldReplyIfLate(now: ContinuousClock.Instant) -> [InputEvent] {
        guard replies.isHolding else {
            heldReplyDeadline = nil
            return []
        }
        guard let deadline = heldReplyDeadline else {
            heldReplyDeadline = now.advanced(by: .milliseconds(Self.replyGraceMilliseconds))
            return []
        }
        guard now >= deadline else { return [] }
        heldReplyDeadline = nil
        return replies.release()
    }

    /// What is waiting, without waiting: the events, and whether anything at all was read (a
    /// byte of a paste or a key the app has no use for count; they are not events).
    private func takeWaiting(from window: UnsafeMutablePointer<WINDOW>?) -> (events: [InputEvent], readSomething: Bool) {
        wtimeout(window, 0)
        var events: [InputEvent] = []
        var readSomething = false
        while events.count < Self.maximumBatch {
            switch readOne(from: window) {
            case .event(let event):
                readSomething = true
                append(event, to: &events)
            case .ignored: readSomething = true
            case .nothing: return (events, readSomething)
            }
        }
        return (events, readSomething)
    }

    /// Writes the query between frames: ncurses has flushed its own output at the end of the last
    /// frame, so the bytes cannot land inside one.
    public func ask(_ query: TerminalQuery) {
        guard !isRestored, !inputEnded else { return }
        let bytes = Array(query.sequence.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    private enum ReadResult {
        case event(InputEvent)
        case ignored
        case nothing
    }

    private func readOne(from window: UnsafeMutablePointer<WINDOW>?) -> ReadResult {
        if let paste, collector.isActive { return readPasted(from: window, paste) }
        var value: wint_t = 0
        let input: CursesInput
        switch wget_wch(window, &value) {
        case OK: input = .character(UInt32(value))
        case KEY_CODE_YES: input = .keyCode(Int32(bitPattern: UInt32(value)))
        default: return .nothing
        }
        if let paste, input.kind == .keyCode, Int32(bitPattern: input.value) == paste.startCode {
            collector.start()
            return .ignored
        }
        switch decoder.decode(input) {
        case .key(let key): return .event(.key(key))
        case .resize:
            size = Self.screenSize()
            return .event(.resize(size))
        case .ignored: return .ignored
        }
    }

    /// One byte of a paste that is arriving, or its end marker. Key sequences inside pasted text
    /// are not key presses and are dropped.
    private func readPasted(from window: UnsafeMutablePointer<WINDOW>?, _ paste: BracketedPaste) -> ReadResult {
        let code = wgetch(window)
        switch code {
        case ERR: return .nothing
        case paste.endCode: return .event(collector.finish())
        case 0...255: collector.append(UInt8(code))
        default: break
        }
        return .ignored
    }

    /// Consecutive resizes collapse into the last one: only the final size needs a frame.
    private func append(_ event: InputEvent, to events: inout [InputEvent]) {
        if case .resize = event, case .resize = events.last {
            events[events.count - 1] = event
        } else {
            events.append(event)
        }
    }
}
