import CareDomain
import Foundation
import TextUI

/// An account as the login screen lists it (no unlock needed to list them).
public struct AccountChoice: Sendable, Equatable {
    public var accountName: String
    public var role: Role

    public init(accountName: String, role: Role) {
        self.accountName = accountName
        self.role = role
    }
}

/// The login screen: pick the account, type the passphrase (never drawn). A wrong passphrase
/// says so and waits a growing delay before the next try; the store audits the failure.
@MainActor
public final class LoginFlow {
    public struct State: Sendable, Equatable {
        public var accounts: [AccountChoice]
        public var selected = 0
        public var passphrase = PassphraseInput()
        public var failures = 0
        public var retryAfter: Date?
        public var message: String?
        /// How far the sign-in under way has got with its one-time work, while it reports.
        public var progress: SignInProgress?
    }

    public private(set) var state: State
    let unit: String
    let terminal: any Terminal
    /// The session's theme, which the terminal's answer to the background query may switch.
    public let themes: ThemeSwitch
    var theme: Theme { themes.theme }
    let clock: any WallClock
    /// A link gone silent at sign-in ends the program: nothing is shown, nothing is kept.
    public private(set) var link: LinkWatch
    let attempt: (String, String) throws -> any CaseStore
    let presenter: FramePresenter
    public private(set) var opened: (any CaseStore)?
    public private(set) var cancelled = false

    /// `themes`, when given, is the session's theme and `theme` is not used.
    public init(
        accounts: [AccountChoice], unit: String, preselect: String? = nil, terminal: any Terminal, theme: Theme,
        themes: ThemeSwitch? = nil, clock: any WallClock = SystemClock(), silentLinkLimit: TimeInterval? = 300,
        attempt: @escaping (String, String) throws -> any CaseStore
    ) {
        state = State(accounts: accounts)
        if let preselect, let index = accounts.firstIndex(where: { $0.accountName == preselect }) { state.selected = index }
        self.unit = unit
        self.terminal = terminal
        self.themes = themes ?? ThemeSwitch(fixed: theme)
        self.clock = clock
        link = LinkWatch(silenceLimit: silentLinkLimit, now: clock.now())
        self.attempt = attempt
        presenter = FramePresenter(terminal: terminal)
    }

    /// Runs until someone signs in (returns their store) or quits (returns nil). Waits for keys,
    /// waking only for the countdown after a refusal and the link's query.
    public func run() -> (any CaseStore)? {
        render()
        if link.askNow(at: clock.now()) { terminal.ask(.cursorPosition) }
        while opened == nil && !cancelled {
            step(timeoutMilliseconds: waitMilliseconds())
        }
        return opened
    }

    /// Until the countdown's next second while one runs, else until the link's next query or
    /// limit, and at most a minute.
    func waitMilliseconds() -> Int {
        let now = clock.now()
        var due = now.addingTimeInterval(60)
        if let until = state.retryAfter, until > now {
            let left = until.timeIntervalSince(now)
            due = min(due, now.addingTimeInterval(left - left.rounded(.down) + 0.001))
        }
        if let linkDue = link.nextDue(at: now, afterSilence: 0) { due = min(due, linkDue) }
        return max(10, Int((due.timeIntervalSince(now) * 1_000).rounded(.up)))
    }

    public func step(timeoutMilliseconds: Int) {
        for event in terminal.readEvents(timeoutMilliseconds: timeoutMilliseconds) {
            link.heard(event, at: clock.now())
            switch event {
            case .interrupt: cancelled = true
            case .resize: presenter.invalidate()
            case .key(let key): handle(key)
            case .paste(let text): if !state.passphrase.paste(text) { state.message = PassphraseInput.tooLongWords }
            case .reply(.background(let background)): themes.heard(background)
            case .reply: break
            }
            if opened != nil || cancelled { return }
        }
        let now = clock.now()
        if link.shouldAsk(at: now) { terminal.ask(.cursorPosition) }
        if link.silentSince(at: now) != nil {
            cancelled = true
            return
        }
        render()
    }

    func handle(_ key: Key) {
        switch key {
        case .up: state.selected = max(0, state.selected - 1); state.passphrase.clear()
        case .down: state.selected = min(state.accounts.count - 1, state.selected + 1); state.passphrase.clear()
        case .ctrl("c"), .escape: cancelled = true
        case .enter: submit()
        default: if !state.passphrase.handle(key) { state.message = PassphraseInput.tooLongWords }
        }
    }

    func submit() {
        guard state.accounts.indices.contains(state.selected) else { return }
        let now = clock.now()
        if let until = state.retryAfter, now < until {
            state.passphrase.clear()
            return
        }
        let account = state.accounts[state.selected].accountName
        let passphrase = state.passphrase.text
        state.passphrase.clear()
        defer { state.progress = nil }
        do {
            opened = try SignInProgress.listening(progressListener) { try attempt(account, passphrase) }
        } catch {
            // The wait runs from the refusal (the key derivation takes a moment), as the store's does.
            let refused = clock.now()
            if let wait = (error as? any SignInRefusal)?.signInWait {
                state.retryAfter = refused.addingTimeInterval(TimeInterval(wait))
            } else {
                state.failures += 1
                state.retryAfter = refused.addingTimeInterval(LockState.delay(afterFailures: state.failures))
            }
            state.message = ErrorWords.describe(error, doing: "sign in")
        }
    }

    /// Draws each report of the sign-in's progress at once: the sign-in holds the loop, so no
    /// key or timer would draw it. `SignInProgress.listening` calls it only with reports made on
    /// the signing-in thread, this screen's.
    var progressListener: @Sendable (SignInProgress) -> Void {
        { [weak self] progress in
            MainActor.assumeIsolated {
                self?.state.progress = progress
                self?.render()
            }
        }
    }

    func render() {
        let size = terminal.size
        var buffer = Buffer(size: size)
        var lines: [(String, ThemeRole)] = [("CARE · \(unit) unit — sign in", .emphasis), ("", .normal)]
        for (index, account) in state.accounts.enumerated() {
            let marker = index == state.selected ? "▶ " : "  "
            lines.append((marker + DisplayWidth.pad(account.accountName, to: 20) + account.role.title, index == state.selected ? .selected : .normal))
        }
        lines.append(("", .normal))
        lines.append(("Passphrase: " + String(repeating: "•", count: state.passphrase.count) + "▏", .normal))
        let passphraseLine = lines.count - 1
        if let progress = state.progress {
            lines.append((progress.words, .muted))
        } else {
            lines.append((statusLine(now: clock.now()), state.message == nil ? .muted : .error))
        }
        lines.append(("A screen reader or braille display: care --plain (or CARE_PLAIN=1).", .muted))
        let width = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        let left = max(0, (size.width - width) / 2)
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            buffer.write(line.0, at: Point(x: left, y: top + i), width: max(0, size.width - left), style: theme[line.1])
        }
        // The cursor (hidden) where the next character of the passphrase goes: a screen reader
        // reads the prompt there.
        let caret = Point(x: left + DisplayWidth.of(lines[passphraseLine].0) - 1, y: top + passphraseLine)
        presenter.present(buffer, cursor: TerminalCursor(caret, visible: false))
    }

    /// The failure, then either how long to wait or that the person may try again.
    func statusLine(now: Date) -> String {
        guard let message = state.message else {
            return "↑↓ choose the account · type the passphrase · Enter sign in · Esc quit"
        }
        if let until = state.retryAfter, now < until {
            return message + " Wait \(Int(until.timeIntervalSince(now).rounded(.up))) s."
        }
        return message + " Try again."
    }

    /// The screen as last drawn, for tests.
    public var lastFrame: Buffer? { presenter.lastFrame }
}
