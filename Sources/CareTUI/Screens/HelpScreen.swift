import CareDomain
import TextUI

/// Every key that works on the screen it was opened from, by context, with what it does and,
/// when it cannot be used now, why. Built from that screen's bindings (`BindingEntries`), so
/// remapped keys show as remapped and a greyed key says why.
public struct HelpScreen: ScreenController {
    public let id: Int
    /// The bindings of the screen help was opened from, with the reasons they had then.
    public let entries: [BindingEntry]
    /// The editing keys of the field in front, which are not remappable bindings.
    let typing: (context: KeyContext, lines: [String])?
    public var scroll = ScrollView()

    /// Scroll keys scroll; Ctrl-X still locks; any other key closes help.
    public static let keyChain = KeyChain([.help, .global], unbound: .run(.cancel), globalOnly: [.lock, .redraw])
    public var keyChain: KeyChain { Self.keyChain }

    init(id: Int, entries: [BindingEntry], typing: (KeyContext, [String])?) {
        self.id = id
        self.entries = entries
        self.typing = typing.map { (context: $0.0, lines: $0.1) }
    }

    /// The typing lines of a chain whose first context types (a form, the filter line).
    static func typing(for chain: KeyChain) -> (KeyContext, [String])? {
        guard chain.unbound == .typed, let first = chain.contexts.first else { return nil }
        let lines = typingLines(first)
        return lines.isEmpty ? nil : (first, lines)
    }

    func lines(width: Int = 96) -> [Paragraph.Line] {
        var lines: [Paragraph.Line] = []
        var context: KeyContext?
        for entry in entries {
            if entry.context != context {
                if let context, context == typing?.context {
                    for line in typing?.lines ?? [] { lines.append(Paragraph.Line("  " + line, .muted)) }
                }
                if !lines.isEmpty { lines.append(Paragraph.Line("")) }
                lines.append(Paragraph.Line(entry.context.title, .title))
                context = entry.context
            }
            let keys = entry.keys.map(\.displayName).joined(separator: "/")
            lines.append(Paragraph.Line("  " + DisplayWidth.pad(keys, to: 14) + entry.help, entry.reason == nil ? .normal : .keyhintDisabled))
            // Why not, in full, beneath it: a refusal cut off at the edge tells nobody anything.
            if let reason = entry.reason {
                for part in DisplayWidth.wrap("not now: " + reason, width: max(10, width - 18)) {
                    lines.append(Paragraph.Line(String(repeating: " ", count: 18) + part, .muted))
                }
            }
        }
        if let context, context == typing?.context {
            for line in typing?.lines ?? [] { lines.append(Paragraph.Line("  " + line, .muted)) }
        }
        return lines
    }

    /// The editing keys of a field or the filter line, which are not remappable bindings.
    static func typingLines(_ context: KeyContext) -> [String] {
        switch context {
        case .form:
            [
                DisplayWidth.pad("←→ Home End", to: 14) + "move in the field (Ctrl-A/Ctrl-E: start and end)",
                DisplayWidth.pad("Alt-b Alt-f", to: 14) + "a word back or forward (also Ctrl-← Ctrl-→)",
                DisplayWidth.pad("Ctrl-W Alt-d", to: 14) + "delete the word before or after the cursor",
                DisplayWidth.pad("Ctrl-U Ctrl-K", to: 14) + "delete to the start or end of the line",
                DisplayWidth.pad("Enter ↓ ↑", to: 14) + "next or previous field; in a note, Enter starts a new line",
                DisplayWidth.pad("←→ Space", to: 14) + "change a choice (or type its first letter)",
            ]
        case .filter:
            [DisplayWidth.pad("type", to: 14) + "filter by name, case number, community or worker; ↑↓ move in the list"]
        default:
            []
        }
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.command(.moveDown, "scroll"), .fixed(key: "any other key", label: "closes")]
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        guard let move = ScrollView.Move(command) else { return ctx.close() }
        scroll.apply(move)
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let inner = Overlay.box(in: area, width: 100, title: "Help — keys that work here (any other key closes)", buffer: &buffer, theme: theme)
        let text = Rect(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 1), height: inner.height)
        Paragraph(lines(width: text.width)).render(in: text, scroll: &scroll, buffer: &buffer, theme: theme)
        return nil
    }
}

extension ScrollView.Move {
    /// The scroll a list command asks for; nil for any other command.
    init?(_ command: Command) {
        switch command {
        case .moveUp: self = .lineUp
        case .moveDown: self = .lineDown
        case .pageUp: self = .pageUp
        case .pageDown: self = .pageDown
        case .top: self = .top
        case .bottom: self = .bottom
        default: return nil
        }
    }
}

extension ListScroll.Move {
    /// The move a list command asks for; nil for any other command.
    init?(_ command: Command) {
        switch command {
        case .moveUp: self = .up
        case .moveDown: self = .down
        case .pageUp: self = .pageUp
        case .pageDown: self = .pageDown
        case .top: self = .home
        case .bottom: self = .end
        default: return nil
        }
    }
}

/// A box over the panes, centred, at most `width` columns: filled, framed with a heavy line and
/// titled. Returns the area inside the frame.
enum Overlay {
    static func box(in area: Rect, width: Int, title: String, buffer: inout Buffer, theme: Theme) -> Rect {
        let width = min(area.width - 2, width)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        return box.inset(by: 1)
    }

    /// A filter typed at the top of `inner` after its `prompt` ("/ ", ": "); returns its cursor.
    static func filterLine(_ filter: TextField, prompt: String, in inner: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        buffer.write(prompt, at: inner.origin, style: theme[.emphasis])
        var field = filter
        field.focused = true
        let width = DisplayWidth.of(prompt)
        let area = Rect(x: inner.x + width, y: inner.y, width: max(1, inner.width - width), height: 1)
        field.render(in: area, buffer: &buffer, theme: theme)
        return field.cursorPosition(in: area)
    }
}
