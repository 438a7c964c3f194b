import CareDomain
import Foundation
import TextUI

/// The frame loop, and nothing else: reads every waiting event (a burst of keys is one frame),
/// lets `Update` turn each into state changes and effects, runs the effects through the
/// `EffectRunner` (the only store calls) and feeds their results back, then draws the frame
/// through the `FramePresenter`, which writes only the cells that changed. Works over any
/// `Terminal`.
///
/// Between turns it waits for input until the next thing falls due without a key (`nextTick`,
/// the `LinkWatch`), never in a loop that does not wait: a locked session left on a shared host
/// costs nothing while it waits.
@MainActor
public final class App {
    // internal(set): tests (`@testable`) may put a screen in front as its key would.
    public internal(set) var state: AppState
    /// The theme on screen; it changes when the terminal answers the background query and the
    /// theme follows the terminal.
    public var theme: Theme { themes.theme }
    public let themes: ThemeSwitch
    /// Whether the person's terminal still answers (a silent link locks, then ends the session).
    public private(set) var link: LinkWatch

    let lane: StoreLane
    /// The store, when it announces changes, and what it said since the loop last looked.
    let announcer: (any ChangeAnnouncing)?
    let bell = ChangeBell()
    let terminal: any Terminal
    let presenter: FramePresenter
    let clock: any WallClock

    /// The shortest and longest a turn waits for input: a due time already past still waits a
    /// little, so nothing can make the loop spin; and the loop looks at the clock at least once
    /// a minute whatever is due.
    static let shortestWaitMilliseconds = 10
    static let longestWaitMilliseconds = 60_000
    /// How long a store call waiting for another session's lock is looked at, so its answer is on
    /// screen the frame it comes.
    static let storeWaitMilliseconds = 20
    /// The most keys one read may hold for an Esc in it to be taken as typed on its own.
    static let typedTogether = 4
    /// Characters that follow Esc to begin an escape sequence (CSI, OSC, SS3, DCS, APC, PM, ST,
    /// character-set choices), never Esc and then a key.
    static let sequenceIntroducers: Set<Character> = ["[", "]", "O", "P", "_", "^", "\\", "(", ")", "*", "+", "#", "%"]

    /// Loads the caseload and builds the first state. The change-feed position is read before the
    /// caseload, so a change made in between is read again rather than missed.
    ///
    /// `themes`, when given, is the session's theme (shared with the sign-in screen) and
    /// `theme` is not used. `silentLinkLimit`: how long a query to the terminal may go unanswered
    /// before the screen locks (nil: never).
    public init(
        store: any CaseStore, terminal: any Terminal, keymap: Keymap = DefaultKeymap.make(), theme: Theme,
        themes: ThemeSwitch? = nil, clock: any WallClock = SystemClock(), settings: AppSettings = AppSettings(),
        masked: Bool = false, wall: Bool = false, silentLinkLimit: TimeInterval? = 300
    ) throws {
        self.terminal = terminal
        self.themes = themes ?? ThemeSwitch(fixed: theme)
        self.clock = clock
        presenter = FramePresenter(terminal: terminal)
        lane = StoreLane(runner: EffectRunner(store: store, contactPageSize: settings.contactPageSize))
        announcer = store as? any ChangeAnnouncing
        let cursor = try store.changeCursor()
        let snapshot = try store.loadCaseload()
        let now = clock.now()
        link = LinkWatch(silenceLimit: silentLinkLimit, now: now)
        state = AppState(
            worker: store.worker, unit: store.unitInfo, snapshot: snapshot, changeCursor: cursor, now: now,
            screenSize: terminal.size, keymap: keymap, settings: settings, masked: masked, wall: wall)
        // The worker's unsaved drafts, listed at sign-in (`show(messages:)`) and restored by
        // their forms. The wall types nothing and keeps none.
        if !wall { state.dashboard.drafts = (try? store.drafts()) ?? [] }
        if let notice = state.draftsNotice { state.message = notice }
        if let announcer {
            // Another session's save rings the bell and wakes the terminal's wait.
            let (bell, wake) = (bell, terminal.wake)
            announcer.announceChanges { cursor in
                bell.ring(cursor)
                wake?.ring()
            }
            heedAnnouncements()
        }
        for effect in state.start() {
            if let result = lane.run(effect) { dispatch(result) }
        }
    }

    /// Runs until the person quits, the process is asked to stop, or the terminal is gone.
    /// Each turn waits for input until the next thing falls due (`waitMilliseconds`).
    public func run() {
        drawFirstFrame()
        // One query at start: an answer shows this terminal answers, so its later silence means
        // something.
        if link.askNow(at: clock.now()) { terminal.ask(.cursorPosition) }
        while !state.quitRequested {
            step(timeoutMilliseconds: waitMilliseconds())
        }
        announcer?.announceChanges(to: nil)
        lane.finish()
    }

    /// How long the next turn may wait for input: until the first of the minute hand, the idle
    /// lock, the change feed's poll (a store's announcement of a change ends the wait early:
    /// `TerminalWake`), a child's preview, or the link's next query or limit; every
    /// 20 ms while a store call waits for another session.
    func waitMilliseconds() -> Int {
        if lane.isWaiting { return Self.storeWaitMilliseconds }
        let now = clock.now()
        var due = state.nextTick(after: now)
        if let linkDue = link.nextDue(at: now, afterSilence: state.settings.idleLimit), linkDue < due { due = linkDue }
        let milliseconds = (due.timeIntervalSince(now) * 1_000).rounded(.up)
        return Int(min(max(milliseconds, Double(Self.shortestWaitMilliseconds)), Double(Self.longestWaitMilliseconds)))
    }

    /// The first frame, drawn from what the dashboard built for it: the alert times and the
    /// referral queue are built at the next turn (`step`), so the person sees the caseload and
    /// its alerts without waiting for them.
    public func drawFirstFrame() {
        render()
    }

    /// One turn of the loop: every waiting event, a tick, and the frame. Tests call it with a zero
    /// timeout after feeding keys to a `HeadlessTerminal`.
    ///
    /// The turn after the first frame first builds what that frame did not need
    /// (`Dashboard.finishBuilding`), before any key is read, and then does not wait: the queue's
    /// pane fills in at once and no key acts on a queue not yet built.
    public func step(timeoutMilliseconds: Int) {
        let finishing = !state.dashboard.isBuilt
        if finishing { state.dashboard.finishBuilding() }
        let events = terminal.readEvents(timeoutMilliseconds: finishing ? 0 : timeoutMilliseconds)
        state.now = clock.now()
        for event in events {
            link.heard(event, at: state.now)
            if case .reply(.background(let background)) = event { themes.heard(background) }
        }
        let keysRead = events.count(where: { if case .key = $0 { true } else { false } })
        for event in Self.gatheringTyping(events) {
            switch event {
            case .typed(let text):
                // As one insertion only where every character is typing; otherwise key by key,
                // each key's effects (a screen opened, a record loaded) done before the next.
                if Update.takesAsTyping(text, in: state) { dispatch(.typed(text)) } else {
                    for character in text where !state.quitRequested { dispatch(.key(.char(character))) }
                }
            case .key(let key):
                for key in separatingEscape(key, keysRead: keysRead) where !state.quitRequested { dispatch(.key(key)) }
            case .paste(let text): dispatch(.paste(text))
            case .resize(let size): dispatch(.resized(size))
            case .interrupt: dispatch(.interrupted)
            }
            if state.quitRequested { return }
        }
        watchLink()
        if state.quitRequested { return }
        heedAnnouncements()
        dispatch(.tick(clock.now()))
        collectStoreAnswers()
        render()
    }

    /// What the store announced since the last turn: a change past the cursor makes this turn's
    /// tick read the feed. The clock's poll is slowed to the fallback while announcements are
    /// heard and the terminal can be woken for them, and back to the usual once they stop.
    func heedAnnouncements() {
        guard let announcer else { return }
        state.changesAnnounced = terminal.wake != nil && announcer.announcesChanges
        if let cursor = bell.take() { state.changeAnnounced(cursor) }
    }

    /// Esc and a key that came in one read (Esc then `y`, typed quickly, or held back together by
    /// a slow link), which the terminal reports as Alt plus the key: kept as Alt where that is
    /// bound — a command of the screen in front, or word editing (Alt-b, Alt-f, Alt-d) in the
    /// field being typed in — and otherwise, in a form, a question, any screen over the dashboard,
    /// the filter line and the lock, taken as the Esc and then the key that were typed.
    ///
    /// Not where the Esc cannot have been a key press on its own: on the dashboard itself (Esc
    /// then `q` there would quit), before a character that begins an escape sequence (`[`, `]`,
    /// `O`, …: text with escape sequences in it, typed or pasted where the terminal does not mark
    /// pastes), or in a read of more than `typedTogether` keys (a paste arriving as keys, whose
    /// Esc would cancel the form and whose next `y` would discard it).
    func separatingEscape(_ key: Key, keysRead: Int) -> [Key] {
        guard case .alt(let character) = key, keysRead <= Self.typedTogether,
              !Self.sequenceIntroducers.contains(character) else { return [key] }
        if state.lock != nil { return [.escape, .char(character)] }
        guard state.front != nil || state.dashboard.filterEditing, state.storeWait == nil else { return [key] }
        switch state.keymap.resolve(key, in: state.keyChain) {
        case .command: return [key]
        case .typed where TextEditingKeys.altWordKeys.contains(character): return [key]
        case .typed, .ignored: return [.escape, .char(character)]
        }
    }

    /// Asks the terminal where its cursor is after a quiet spell; a query unanswered for the
    /// limit locks the screen (the wall masks its names instead), and the idle lock's time after
    /// that ends the session as a hang-up does.
    func watchLink() {
        let now = clock.now()
        if link.shouldAsk(at: now) { terminal.ask(.cursorPosition) }
        guard let silentSince = link.silentSince(at: now) else { return }
        if state.wall {
            state.dashboard.masked = true
        } else if state.lock == nil {
            let minutes = Int(((link.silenceLimit ?? 0) / 60).rounded())
            let words = "Locked: the terminal has not answered for \(minutes) \(minutes == 1 ? "minute" : "minutes") (the connection may be down)."
            perform(Update.engageLock(words, in: &state))
        }
        if now.timeIntervalSince(silentSince) >= state.settings.idleLimit {
            dispatch(.interrupted)
        }
    }

    /// Runs effects decided outside `Update.apply`, and the actions they report.
    private func perform(_ effects: [Effect]) {
        for effect in effects {
            if effect == .redrawAll { presenter.invalidate() }
            if let result = lane.run(effect) { dispatch(result) }
        }
    }

    /// The answer of a store call that waited off the loop, once it came, and then the effects
    /// that queued behind it.
    func collectStoreAnswers() {
        let answers = lane.takeAnswer()
        guard !answers.isEmpty else { return }
        for action in answers { dispatch(action) }
        while let effect = lane.nextQueued() {
            if effect == .redrawAll { presenter.invalidate() }
            if let result = lane.run(effect) { dispatch(result) }
        }
    }

    /// What one read brought, with each run of two or more printable characters gathered into
    /// one piece of typing (`Action.typed`): a paste from a terminal without bracketed paste
    /// arrives as thousands of keys in one read. A run of printable characters and line breaks
    /// (two characters or more, at least one line break) is a paste (`Input.paste`): nobody
    /// types a line and Enter inside one read, and as keys its line breaks would end a filter,
    /// answer a question or move to the next field, and the letters after them run commands.
    enum Input: Equatable {
        case typed(String)
        case key(Key)
        case paste(String)
        case resize(Size)
        case interrupt
    }

    static func gatheringTyping(_ events: [InputEvent]) -> [Input] {
        var inputs: [Input] = []
        var run = ""
        func flush() {
            if run.count == 1 { inputs.append(.key(.char(run.first!))) } else if !run.isEmpty { inputs.append(.typed(run)) }
            run = ""
        }
        for event in unbracketedPastes(events) {
            if case .key(.char(let character)) = event {
                run.append(character)
                continue
            }
            flush()
            switch event {
            case .key(let key): inputs.append(.key(key))
            case .paste(let text): inputs.append(.paste(text))
            case .resize(let size): inputs.append(.resize(size))
            case .interrupt: inputs.append(.interrupt)
            case .reply: break  // answers to queries are the loop's own business (`step`)
            }
        }
        flush()
        return inputs
    }

    /// The events of one read with each unbracketed paste (a run of printable keys, Enter and
    /// Tab holding two characters or more and a line break with a character after it) made one
    /// `.paste`. Line breaks and tabs at the run's end stay keys: text typed and then Enter
    /// (quickly enough, by a program or a fast hand, to share a read) is text and then Enter,
    /// and nothing after it can run as a command.
    static func unbracketedPastes(_ events: [InputEvent]) -> [InputEvent] {
        var result: [InputEvent] = []
        var run: [Key] = []
        func flush() {
            let end = run.lastIndex { if case .char = $0 { true } else { false } }.map { $0 + 1 } ?? 0
            let text = Array(run[..<end])
            let characters = text.filter { if case .char = $0 { true } else { false } }.count
            if characters >= 2, text.contains(.enter) {
                result.append(.paste(String(text.map { key -> Character in
                    switch key {
                    case .char(let character): character
                    case .tab: "\t"
                    default: "\n"
                    }
                })))
                result += run[end...].map(InputEvent.key)
            } else {
                result += run.map(InputEvent.key)
            }
            run = []
        }
        for event in events {
            switch event {
            case .key(let key) where key == .enter || key == .tab:
                run.append(key)
            case .key(.char(let character)):
                run.append(.char(character))
            default:
                flush()
                result.append(event)
            }
        }
        flush()
        return result
    }

    /// Runs an action through `Update`, then its effects, then the actions they report, until
    /// nothing is left.
    public func dispatch(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in Update.apply(next, to: &state) {
                if effect == .redrawAll { presenter.invalidate() }
                if let result = lane.run(effect) { queue.append(result) }
            }
        }
    }

    /// Shows one line of feedback in the key-hint line until the next key.
    public func show(message: String) {
        state.message = Sanitizer.clean(message)
    }

    /// Several messages (the sign-in's notices): the first now, each next after a key; the
    /// worker's unsaved drafts last.
    public func show(messages: [String]) {
        let clean = messages.map { Sanitizer.clean($0) } + [state.draftsNotice].compactMap { $0 }
        state.message = clean.first
        state.laterMessages = Array(clean.dropFirst())
    }

    func render() {
        state.screenSize = terminal.size
        let (buffer, insertion) = MainScreen.render(&state, theme: theme)
        // Where the next character goes, shown; else where the attention is (the selected row,
        // the focused button), hidden unless the person asked to see it.
        let cursor = insertion.map { TerminalCursor($0, visible: true) }
            ?? buffer.focus.map { TerminalCursor($0, visible: state.settings.showFocusCursor) }
        presenter.present(buffer, cursor: cursor)
    }

    /// The frame as last drawn (for tests).
    public var lastFrame: Buffer? { presenter.lastFrame }

    /// How many cells the last frame that changed anything wrote.
    public var cellsWrittenLastFrame: Int { presenter.cellsWrittenLastFrame }
}
