import CareDomain
import Foundation
import TextUI

/// The frame loop, and nothing else: reads every waiting event (a burst of keys is one frame),
/// lets `Update` turn each into state changes and effects, runs the effects through the
/// `EffectRunner` (the only store calls) and feeds their results back, then draws the frame
/// through the `FramePresenter`, which writes only the cells that changed. Works over any
/// `Terminal`.
@MainActor
public final class App {
    // internal(set): tests (`@testable`) may put a screen in front as its key would.
    public internal(set) var state: AppState
    public let theme: Theme

    let lane: StoreLane
    let terminal: any Terminal
    let presenter: FramePresenter
    let clock: any WallClock

    /// Loads the caseload and builds the first state. The change-feed position is read before the
    /// caseload, so a change made in between is read again rather than missed.
    public init(
        store: any CaseStore, terminal: any Terminal, keymap: Keymap = DefaultKeymap.make(), theme: Theme,
        clock: any WallClock = SystemClock(), settings: AppSettings = AppSettings(), masked: Bool = false,
        wall: Bool = false
    ) throws {
        self.terminal = terminal
        self.theme = theme
        self.clock = clock
        presenter = FramePresenter(terminal: terminal)
        lane = StoreLane(runner: EffectRunner(store: store, contactPageSize: settings.contactPageSize))
        let cursor = try store.changeCursor()
        let snapshot = try store.loadCaseload()
        state = AppState(
            worker: store.worker, unit: store.unitInfo, snapshot: snapshot, changeCursor: cursor, now: clock.now(),
            screenSize: terminal.size, keymap: keymap, settings: settings, masked: masked, wall: wall)
        // The worker's unsaved drafts, listed at sign-in (`show(messages:)`) and restored by
        // their forms. The wall types nothing and keeps none.
        if !wall { state.dashboard.drafts = (try? store.drafts()) ?? [] }
        if let notice = state.draftsNotice { state.message = notice }
        for effect in state.start() {
            if let result = lane.run(effect) { dispatch(result) }
        }
    }

    /// Runs until the person quits or the process is asked to stop. Wakes at least every 250 ms,
    /// sooner when a child's preview falls due, and every 20 ms while a store call waits for
    /// another session, so its answer is on screen the frame it comes.
    public func run() {
        render()
        while !state.quitRequested {
            var wait = lane.isWaiting ? 20 : 250
            if let due = state.preview.due() {
                wait = max(0, min(wait, Int((due.timeIntervalSince(clock.now()) * 1_000).rounded(.up))))
            }
            step(timeoutMilliseconds: wait)
        }
        lane.finish()
    }

    /// One turn of the loop: every waiting event, a tick, and the frame. Tests call it with a zero
    /// timeout after feeding keys to a `HeadlessTerminal`.
    public func step(timeoutMilliseconds: Int) {
        let events = terminal.readEvents(timeoutMilliseconds: timeoutMilliseconds)
        state.now = clock.now()
        for event in Self.gatheringTyping(events) {
            switch event {
            case .typed(let text):
                // As one insertion only where every character is typing; otherwise key by key,
                // each key's effects (a screen opened, a record loaded) done before the next.
                if Update.takesAsTyping(text, in: state) { dispatch(.typed(text)) } else {
                    for character in text where !state.quitRequested { dispatch(.key(.char(character))) }
                }
            case .key(let key): dispatch(.key(key))
            case .paste(let text): dispatch(.paste(text))
            case .resize(let size): dispatch(.resized(size))
            case .interrupt: dispatch(.interrupted)
            }
            if state.quitRequested { return }
        }
        dispatch(.tick(clock.now()))
        collectStoreAnswers()
        render()
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
        let (buffer, cursor) = MainScreen.render(&state, theme: theme)
        presenter.present(buffer, cursor: cursor)
    }

    /// The frame as last drawn (for tests).
    public var lastFrame: Buffer? { presenter.lastFrame }

    /// How many cells the last frame that changed anything wrote.
    public var cellsWrittenLastFrame: Int { presenter.cellsWrittenLastFrame }
}
