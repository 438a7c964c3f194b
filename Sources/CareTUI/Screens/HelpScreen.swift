import CareDomain
import TextUI

/// Every key that works on the screen it was opened from, by context, with what it does and,
/// when it cannot be used now, why. Built from the keymap, so remapped keys show as remapped.
public struct HelpScreen: Sendable {
    public let id: Int
    /// The contexts of the screen in front when help was opened.
    public let chain: KeyChain
    public var scroll = 0

    /// Scroll keys scroll; Ctrl-X still locks; any other key closes help.
    public static let keyChain = KeyChain([.help, .global], unbound: .run(.cancel), globalOnly: [.lock, .redraw])

    /// One line of the overlay.
    struct Line: Equatable {
        var text: String
        var role: ThemeRole
    }

    func lines(_ state: AppState, width: Int = 96) -> [Line] {
        var lines: [Line] = []
        for context in chain.contexts {
            let bindings = state.keymap.map(context).bindings.filter { !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(Line(text: "", role: .normal)) }
            lines.append(Line(text: context.title, role: .title))
            for binding in bindings {
                let keys = binding.keys.map(\.displayName).joined(separator: "/")
                let text = "  " + DisplayWidth.pad(keys, to: 14) + binding.help
                let reason = Availability.reason(binding.action, in: state, context: context)
                lines.append(Line(text: text, role: reason == nil ? .normal : .keyhintDisabled))
                // Why not, in full, beneath it: a refusal cut off at the edge tells nobody anything.
                if let reason {
                    for part in DisplayWidth.wrap("not now: " + reason, width: max(10, width - 18)) {
                        lines.append(Line(text: String(repeating: " ", count: 18) + part, role: .muted))
                    }
                }
            }
            if context == chain.contexts.first, chain.unbound == .typed {
                for line in Self.typingLines(context) { lines.append(Line(text: "  " + line, role: .muted)) }
            }
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

    func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme, viewports: inout Viewports) {
        let width = min(area.width - 2, 100)
        let height = area.height
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(box, title: "Help — keys that work here (any other key closes)", style: theme[.borderFocus],
                       titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        viewports.overlayRows = inner.height
        viewports.overlayWidth = inner.width - 1
        let all = lines(state, width: inner.width - 1)
        let start = min(scroll, max(0, all.count - inner.height))
        for (i, line) in all.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.write(line.text, at: Point(x: inner.x + 1, y: inner.y + i), width: inner.width - 1, style: theme[line.role], pad: true)
        }
    }

    mutating func handle(_ command: Command, rows: Int, lineCount: Int) -> ScreenStep {
        let last = max(0, lineCount - rows)
        switch command {
        case .moveDown: scroll = min(scroll + 1, last)
        case .moveUp: scroll = max(0, scroll - 1)
        case .pageDown: scroll = min(scroll + max(1, rows - 1), last)
        case .pageUp: scroll = max(0, scroll - max(1, rows - 1))
        default: return .close
        }
        return .stay
    }
}
