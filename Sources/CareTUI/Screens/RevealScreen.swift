import CareDomain
import Foundation
import TextUI

/// The wall asks for a passphrase before it shows names: one dot per character, never the text.
public struct RevealScreen: Sendable {
    public let id: Int
    public var passphrase = PassphraseInput()
    public var error: String?
    /// False once Esc or a right passphrase closed it.
    var open = true
    var failures = 0
    var retryAfter: Date?

    /// Keys are typed into the passphrase before any context sees them (`Update.handle`).
    public static let keyChain = KeyChain([], unbound: .typed, globalOnly: [])

    init(id: Int) {
        self.id = id
    }

    /// Enter checks the passphrase (after the same growing wait as the lock screen), Esc leaves
    /// the names masked, Ctrl-C quits; everything else is the passphrase.
    mutating func handle(_ key: Key, in state: inout AppState) -> [Effect] {
        switch key {
        case .enter:
            if let retryAfter, state.now < retryAfter {
                error = "Wait \(Int(retryAfter.timeIntervalSince(state.now).rounded(.up))) s before trying again."
                passphrase.clear()
                return []
            }
            let typed = passphrase.text
            passphrase.clear()
            return [.verifyPassphrase(typed, screen: id)]
        case .escape:
            passphrase.clear()
            open = false
        case .ctrl("c"):
            state.quitRequested = true
        default:
            if !passphrase.handle(key) { error = PassphraseInput.tooLongWords }
        }
        return []
    }

    /// The check's answer: a wrong passphrase waits longer each time.
    mutating func checked(_ failure: StoreFailure?, now: Date) {
        guard let failure else {
            open = false
            return
        }
        failures += 1
        retryAfter = now.addingTimeInterval(LockState.delay(afterFailures: failures))
        error = failure.words
    }

    func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let lines = [
            "Show names on the wall screen",
            "Passphrase for \(state.worker.accountName): " + String(repeating: "•", count: passphrase.count) + "▏",
            error ?? "Enter shows the names; Esc leaves them masked.",
        ]
        Dialog(title: "Reveal", message: lines, buttons: []).render(in: area, buffer: &buffer, theme: theme)
    }
}

/// Chooses a child to add to the handover: type to narrow the list (as the caseload filter),
/// ↑↓ to move, Enter to add.
public struct ChildPickerScreen: Sendable {
    public let id: Int
    /// The handover screen that asked.
    public let handoverScreen: Int
    public var filter = TextField()
    public var selection = 0
    /// Children already on the handover, left out of the list.
    public let excluded: Set<ChildID>

    public static let keyChain = KeyChain([.filter, .global], unbound: .typed, globalOnly: [.lock, .redraw])

    init(id: Int, handoverScreen: Int, excluded: Set<ChildID>) {
        self.id = id
        self.handoverScreen = handoverScreen
        self.excluded = excluded
    }

    /// Enter adds the child with the cursor; Esc closes without adding.
    mutating func handle(_ command: Command, in state: inout AppState) -> ScreenStep {
        switch command {
        case .keepFilter:
            let found = rows(state)
            guard found.indices.contains(selection) else {
                state.message = "No child matches the filter."
                return .stay
            }
            return ScreenStep(effects: HandoverUpdate.picked(found[selection].id, for: handoverScreen, in: &state), keep: false)
        case .clearFilter:
            return .close
        default:
            return .stay
        }
    }

    /// ↑↓ move in the list; other keys narrow it.
    mutating func type(_ key: Key, state: AppState) {
        switch key {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, rows(state).count - 1), selection + 1)
        default: if filter.handle(key) { selection = 0 }
        }
    }

    func rows(_ state: AppState) -> [CaseloadRow] {
        let query = CaseloadQuery(text: filter.value, sort: .name)
        return query.apply(to: state.dashboard.allRows).filter { !excluded.contains($0.id) }
    }

    func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let width = min(area.width - 4, 70)
        let height = min(area.height - 2, 18)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: "Add a child to the handover", style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        buffer.write("/ ", at: inner.origin, style: theme[.emphasis])
        var field = filter
        field.focused = true
        field.secure = state.dashboard.masked
        field.render(in: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), buffer: &buffer, theme: theme)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let found = rows(state)
        var scroll = ListScroll(selection: min(selection, max(0, found.count - 1)))
        scroll.follow(selection: scroll.selection, visibleRows: list.height, count: found.count)
        PaneList.render(count: found.count, scroll: scroll, focused: true, empty: "No child matches.", area: list, buffer: &buffer, theme: theme) { index, rect, buffer in
            let row = found[index]
            let name = state.dashboard.masked ? "\(row.caseNumber) \(state.dashboard.child(row.id)?.initials ?? "")" : "\(row.displayName)  \(row.caseNumber)"
            buffer.write(" \(row.risk.symbol) \(name)", at: rect.origin, width: rect.width, style: theme[.normal], pad: true)
        }
    }
}
