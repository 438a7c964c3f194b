import CareDomain
import TextUI

/// The caseload's filter line while it has the keyboard. Not a screen of its own: it sits in the
/// caseload pane, but keys go to it first.
public enum FilterLine {
    public static let keyChain = KeyChain([.filter, .global], unbound: .typed)
    /// The most characters a filter holds: names and case numbers are short, and a filter is
    /// folded and matched against every row at each keystroke.
    public static let limit = 200

    /// An empty filter field, or one holding `text`.
    static func field(_ text: String = "") -> TextField { TextField(value: text, maxLength: limit) }
}

/// The filter line's keys and typing: Enter keeps the filter, Esc clears it, ↑↓ move in the
/// list meanwhile, and every character narrows the caseload at once.
enum FilterLineController {
    static let hints: [ScreenHint] = [
        .fixed(key: "type", label: "filter by name, case, community or worker"), .command(.keepFilter, "keep"), .command(.clearFilter, "clear"),
    ]

    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        switch command {
        case .keepFilter:
            dashboard.filterEditing = false
        case .clearFilter:
            dashboard.filterEditing = false
            setFilter("", dashboard: &dashboard)
        default:
            break
        }
    }

    /// A key typed while the filter line has the keyboard.
    static func type(_ key: Key, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        guard dashboard.filterEditing else { return }
        switch key {
        case .up: ListController.handle(.moveUp, dashboard: &dashboard, &ctx)
        case .down: ListController.handle(.moveDown, dashboard: &dashboard, &ctx)
        case .enter: dashboard.filterEditing = false
        default:
            if case .char(let c) = key, dashboard.filterField.value.count >= FilterLine.limit,
               !c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                // Full: the key is not added, and that is said rather than dropped without a word.
                ctx.say("The filter holds at most \(FilterLine.limit) characters.")
            }
            guard dashboard.filterField.handle(key) else { return }
            setFilter(Sanitizer.clean(dashboard.filterField.value), dashboard: &dashboard)
        }
    }

    /// Characters typed in one go, as far as the filter has room.
    static func typeText(_ text: String, dashboard: inout Dashboard, _ ctx: inout PaneContext) -> Bool {
        guard dashboard.filterEditing else { return false }
        let clean = Sanitizer.clean(text)
        let room = max(0, FilterLine.limit - dashboard.filterField.value.count)
        _ = dashboard.filterField.insert(text: String(clean.prefix(room)))
        if clean.count > room { ctx.say("The filter holds at most \(FilterLine.limit) characters.") }
        setFilter(Sanitizer.clean(dashboard.filterField.value), dashboard: &dashboard)
        return true
    }

    /// A paste: into the filter whole while it is typed; anywhere else on the dashboard, words.
    static func paste(_ text: String, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        guard dashboard.filterEditing else {
            ctx.say("Pasting goes into a field: open a form first (n for a contact note).")
            return
        }
        if dashboard.filterField.insert(text: Sanitizer.clean(text)) {
            setFilter(dashboard.filterField.value, dashboard: &dashboard)
        } else {
            ctx.say("Not pasted: the filter holds at most \(FilterLine.limit) characters. Nothing was changed.")
        }
    }

    static func setFilter(_ text: String, dashboard: inout Dashboard) {
        guard dashboard.query.text != text else { return }
        let selected = dashboard.selectedRow?.id
        dashboard.query.text = text
        if dashboard.filterField.value != text { dashboard.filterField = FilterLine.field(text) }
        dashboard.applyQuery(keeping: selected)
    }
}
