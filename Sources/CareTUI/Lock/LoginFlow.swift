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
    }

    public private(set) var state: State
    let unit: String
    let terminal: any Terminal
    let theme: Theme
    let clock: any WallClock
    let attempt: (String, String) throws -> any CaseStore
    let presenter: FramePresenter
    public private(set) var opened: (any CaseStore)?
    public private(set) var cancelled = false

    public init(
        accounts: [AccountChoice], unit: String, preselect: String? = nil, terminal: any Terminal, theme: Theme,
        clock: any WallClock = SystemClock(), attempt: @escaping (String, String) throws -> any CaseStore
    ) {
        state = State(accounts: accounts)
        if let preselect, let index = accounts.firstIndex(where: { $0.accountName == preselect }) { state.selected = index }
        self.unit = unit
        self.terminal = terminal
        self.theme = theme
        self.clock = clock
        self.attempt = attempt
        presenter = FramePresenter(terminal: terminal)
    }

    /// Runs until someone signs in (returns their store) or quits (returns nil).
    public func run() -> (any CaseStore)? {
        render()
        while opened == nil && !cancelled {
            step(timeoutMilliseconds: 250)
        }
        return opened
    }

    public func step(timeoutMilliseconds: Int) {
        for event in terminal.readEvents(timeoutMilliseconds: timeoutMilliseconds) {
            switch event {
            case .interrupt: cancelled = true
            case .resize: presenter.invalidate()
            case .key(let key): handle(key)
            case .paste(let text): if !state.passphrase.paste(text) { state.message = PassphraseInput.tooLongWords }
            }
            if opened != nil || cancelled { return }
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
        do {
            opened = try attempt(account, passphrase)
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
        lines.append((statusLine(now: clock.now()), state.message == nil ? .muted : .error))
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
