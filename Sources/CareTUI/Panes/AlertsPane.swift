import CareDomain
import TextUI

/// Alerts derived from the data, most severe first. Severity is a word and a symbol, never a
/// colour alone.
enum AlertsPane {
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        if state.alerts.isEmpty {
            buffer.write("No alerts.", at: Point(x: area.x + 1, y: area.y), width: area.width - 1, style: theme[.muted])
            return
        }
        let scroll = state.alertScroll
        for (line, index) in scroll.visibleRange(visibleRows: area.height, count: state.alerts.count).enumerated() {
            let alert = state.alerts[index]
            let rect = area.row(line)
            let role: ThemeRole = switch alert.severity {
            case .critical: .alertCritical
            case .warning: .alertWarning
            case .info: .alertInfo
            }
            let label = " \(alert.severity.symbol) \(DisplayWidth.pad(alert.severity.word, to: 8)) "
            var x = rect.x
            x += buffer.write(label, at: Point(x: x, y: rect.y), width: rect.width, style: theme[role])
            let who = alert.child.map { state.name(ofChild: $0) + " " } ?? ""
            buffer.write(who + alert.message, at: Point(x: x, y: rect.y), width: rect.right - x, style: theme[.normal], pad: true)
            if index == state.alertScroll.selection && state.focus == .alerts {
                buffer.patchStyle(rect) { $0.attributes.formUnion(theme[.selected].attributes); $0.background = theme[.selected].background }
            }
        }
    }
}
