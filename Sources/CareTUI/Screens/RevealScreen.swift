import CareDomain
import Foundation
import TextUI

/// The wall asks for a passphrase before it shows names: one dot per character, never the text.
public struct RevealScreen: ScreenController {
    public let id: Int
    public var passphrase = PassphraseInput()
    public var error: String?
    var failures = 0
    var retryAfter: Date?

    /// Keys are typed into the passphrase before any context sees them (`rawKey`).
    public static let keyChain = KeyChain([], unbound: .typed, globalOnly: [])
    public var keyChain: KeyChain { Self.keyChain }
    /// A passphrase is typed into it.
    public var typingRunsOnAfterClose: Bool { true }

    init(id: Int) {
        self.id = id
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "type", label: "the passphrase"), .fixed(key: "Enter", label: "show names"), .fixed(key: "Esc", label: "keep masked")]
    }

    /// Enter checks the passphrase (after the same growing wait as the lock screen), Esc leaves
    /// the names masked, Ctrl-C quits; everything else is the passphrase.
    public mutating func rawKey(_ key: Key, _ ctx: inout ScreenContext) -> Bool {
        switch key {
        case .enter:
            if let retryAfter, ctx.env.now < retryAfter {
                error = "Wait \(Int(retryAfter.timeIntervalSince(ctx.env.now).rounded(.up))) s before trying again."
                passphrase.clear()
                return true
            }
            let typed = passphrase.text
            passphrase.clear()
            ctx.ask(.verifyPassphrase(typed, screen: id))
        case .escape:
            passphrase.clear()
            ctx.close()
        case .ctrl("c"):
            ctx.request(.quit)
        default:
            if !passphrase.handle(key) { error = PassphraseInput.tooLongWords }
        }
        return true
    }

    public mutating func paste(_ text: String, _ ctx: inout ScreenContext) {
        if !passphrase.paste(text) { error = PassphraseInput.tooLongWords }
    }

    /// The check's answer: names shown, or a wrong passphrase that waits longer each time.
    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        guard case .passphraseChecked(let failure) = answer else { return }
        guard let failure else {
            ctx.close()
            ctx.request(.setMasked(false))
            return
        }
        failures += 1
        retryAfter = ctx.env.now.addingTimeInterval(LockState.delay(afterFailures: failures))
        error = failure.words
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let lines = [
            "Show names on the wall screen",
            "Passphrase for \(env.worker.accountName): " + String(repeating: "•", count: passphrase.count) + "▏",
            error ?? "Enter shows the names; Esc leaves them masked.",
        ]
        Dialog(title: "Reveal", message: lines, buttons: []).render(in: screen, buffer: &buffer, theme: theme)
        return nil
    }
}

/// Chooses a child to add to the handover: type to narrow the list (as the caseload filter),
/// ↑↓ to move, Enter to add.
public struct ChildPickerScreen: ScreenController {
    public let id: Int
    /// The handover screen that asked, and the handover the chosen child's card is added to.
    public let handoverScreen: Int
    let handover: Handover
    public var filter = TextField()
    public var selection = 0
    /// Children already on the handover, left out of the list.
    public let excluded: Set<ChildID>

    public static let keyChain = KeyChain([.filter, .global], unbound: .typed, globalOnly: [.lock, .redraw])
    public var keyChain: KeyChain { Self.keyChain }

    init(id: Int, handoverScreen: Int, handover: Handover, excluded: Set<ChildID>) {
        self.id = id
        self.handoverScreen = handoverScreen
        self.handover = handover
        self.excluded = excluded
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "type", label: "narrow the list"), .fixed(key: "↑↓", label: "move"), .command(.keepFilter, "add"), .command(.clearFilter, "cancel")]
    }

    /// Enter adds the child with the cursor (a card filled from the record, saved with the
    /// others); Esc closes without adding.
    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        switch command {
        case .keepFilter:
            let found = rows(ctx.env)
            guard found.indices.contains(selection) else { return ctx.say("No child matches the filter.") }
            ctx.close()
            let env = ctx.env
            guard let child = env.dashboard.child(found[selection].id) else { return }
            let alerts = env.dashboard.allAlerts.filter { $0.child == child.id }
            var entry = HandoverBuilder.prefill(child, snapshot: env.snapshot, alerts: alerts, pinned: nil, now: env.now, zone: env.zone)
            entry.pinned = false
            var record = handover
            record.entries.append(entry)
            ctx.ask(.perform(.saveHandover(record), origin: handoverScreen))
        case .clearFilter:
            ctx.close()
        default:
            break
        }
    }

    /// ↑↓ move in the list; other keys narrow it.
    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        switch key {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, rows(ctx.env).count - 1), selection + 1)
        default: if filter.handle(key) { selection = 0 }
        }
    }

    func rows(_ env: ScreenEnvironment) -> [CaseloadRow] {
        let query = CaseloadQuery(text: filter.value, sort: .name)
        return env.dashboard.rows(matching: query).filter { !excluded.contains($0.id) }
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let width = min(area.width - 4, 70)
        let height = min(area.height - 2, 18)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: "Add a child to the handover", style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        buffer.write("/ ", at: inner.origin, style: theme[.emphasis])
        var field = filter
        field.focused = true
        field.secure = env.masked
        field.render(in: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), buffer: &buffer, theme: theme)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let found = rows(env)
        var scroll = ListScroll(selection: min(selection, max(0, found.count - 1)))
        scroll.follow(selection: scroll.selection, visibleRows: list.height, count: found.count)
        let dashboard = env.dashboard
        PaneList.render(count: found.count, scroll: scroll, focused: true, empty: "No child matches.", area: list, buffer: &buffer, theme: theme) { index, rect, buffer in
            let row = found[index]
            let name = dashboard.masked ? "\(row.caseNumber) \(dashboard.child(row.id)?.initials ?? "")" : "\(row.displayName)  \(row.caseNumber)"
            buffer.write(" \(row.risk.symbol) \(name)", at: rect.origin, width: rect.width, style: theme[.normal], pad: true)
        }
        return nil
    }
}
