import CareDomain
import TextUI

/// Every command of the screen it was opened over, filtered as you type (accent- and case-blind,
/// as the caseload filter), each with its key and, when it cannot be used now, why. Enter runs the
/// command on that screen as its key would. A way in for whoever does not remember the keys.
public struct CommandPalette: ScreenController {
    public let id: Int
    /// The bindings of the screen under the palette, with the reasons they had when it opened.
    public let entries: [BindingEntry]
    public static let limit = 100
    public var filter = TextField(maxLength: limit)
    /// Said when a key, typing or a paste would pass `limit`: what did not go in is not dropped
    /// without a word.
    static let fullWords = "The command filter holds at most \(limit) characters; what went past that was not added."
    public var scroll = ListScroll()
    var listRows = 10
    /// Moved with the arrows since the last typing: the cursor goes to the selected row (where a
    /// screen reader reads), not the filter.
    var browsing = false

    /// Arrows, Enter and Esc first; every other key narrows the list.
    public static let keyChain = KeyChain([.palette, .global], unbound: .typed, globalOnly: [.lock, .redraw])
    public var keyChain: KeyChain { Self.keyChain }

    init(id: Int, entries: [BindingEntry]) {
        self.id = id
        self.entries = entries
    }

    /// The entries the filter keeps, in the order of the screen's contexts.
    public var shown: [BindingEntry] {
        let needle = FoldedText(Sanitizer.clean(filter.value).trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return entries }
        return entries.filter { entry in
            FoldedText(joining: [entry.help, entry.command.configName, entry.context.title] + entry.keys.map(\.displayName)).contains(needle)
        }
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "type", label: "filter"), .command(.moveDown, "move"), .command(.open, "run"), .command(.cancel, "close")]
    }

    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        guard command == .open else { return nil }
        let list = shown
        guard list.indices.contains(scroll.selection) else { return "no command matches the filter" }
        return list[scroll.selection].reason
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        let count = shown.count
        if let move = ListScroll.Move(command) {
            browsing = true
            return scroll.apply(move, visibleRows: listRows, count: count)
        }
        switch command {
        case .cancel: ctx.close()
        case .open:
            if let reason = disabledReason(.open, ctx.env) { return ctx.refuse(reason) }
            let entry = shown[scroll.selection]
            ctx.close()
            ctx.request(.run(entry.command, entry.context))
        default:
            break
        }
    }

    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        browsing = false
        if case .char(let c) = key, filter.value.count >= Self.limit,
           !c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
            ctx.say(Self.fullWords)
        }
        guard filter.handle(key) else { return }
        scroll = ListScroll()
    }

    public var takesText: Bool { true }

    /// Characters typed in one go, as far as the filter has room.
    public mutating func typeText(_ text: String, _ ctx: inout ScreenContext) -> Bool {
        browsing = false
        insertWhatFits(Sanitizer.clean(text), &ctx)
        return true
    }

    /// A paste, the same: a filter is a few words, so a long paste keeps its start and says so.
    public mutating func paste(_ text: String, _ ctx: inout ScreenContext) {
        browsing = false
        insertWhatFits(Sanitizer.clean(text), &ctx)
    }

    private mutating func insertWhatFits(_ text: String, _ ctx: inout ScreenContext) {
        let room = max(0, Self.limit - filter.value.count)
        _ = filter.insert(text: String(text.prefix(room)))
        if text.count > room { ctx.say(Self.fullWords) }
        scroll = ListScroll()
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let inner = Overlay.box(in: area, width: 100, title: "Commands — type to filter, Enter runs", buffer: &buffer, theme: theme)
        guard inner.height >= 3 else { return nil }
        let cursor = Overlay.filterLine(filter, prompt: ": ", in: inner, buffer: &buffer, theme: theme)
        let list = shown
        // The selected command's reason, whole, under the list: a refusal cut at the edge tells nobody anything.
        let selected = list.indices.contains(scroll.selection) ? list[scroll.selection] : nil
        let why = selected?.reason.map { Array(DisplayWidth.wrap("not now: " + $0, width: max(1, inner.width - 2)).prefix(3)) } ?? []
        let rows = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 1 - why.count))
        listRows = rows.height
        for (index, line) in why.enumerated() {
            buffer.write(line, at: Point(x: inner.x + 1, y: rows.bottom + index), width: inner.width - 1, style: theme[.muted])
        }
        PaneList.render(count: list.count, scroll: scroll, focused: true, empty: "No command matches \"\(filter.value)\".", area: rows,
                        buffer: &buffer, theme: theme) { index, rect, buffer in
            let entry = list[index]
            let keys = DisplayWidth.pad(entry.keys.map(\.displayName).joined(separator: "/"), to: 12)
            let off = entry.reason == nil ? "" : " (not now)"
            buffer.write(" \(keys) \(entry.help)\(off)", at: rect.origin, width: rect.width,
                         style: theme[entry.reason == nil ? .normal : .keyhintDisabled], pad: true)
        }
        return browsing ? nil : cursor
    }
}
