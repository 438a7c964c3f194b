import CareDomain
import TextUI

/// Alerts derived from the data, most severe first. Severity is a word and a symbol, never a
/// colour alone.
enum AlertsPane {
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let dashboard = state.dashboard
        let empty = dashboard.alertVisibility.hidden.isEmpty ? "No alerts." : "No alerts need you now (v shows the acknowledged and snoozed)."
        PaneList.render(count: dashboard.alerts.count, scroll: dashboard.alertScroll, focused: dashboard.focus == .alerts,
                        empty: empty, area: area, buffer: &buffer, theme: theme) { index, rect, buffer in
            let alert = dashboard.alerts[index]
            let role: ThemeRole = switch alert.severity {
            case .critical: .alertCritical
            case .warning: .alertWarning
            case .info: .alertInfo
            }
            let label = buffer.plain ? "\(index + 1) of \(dashboard.alerts.count). \(alert.severity.word.lowercased()): "
                : " \(alert.severity.symbol) \(DisplayWidth.pad(alert.severity.word, to: 8)) "
            let x = rect.x + buffer.write(label, at: Point(x: rect.x, y: rect.y), width: rect.width, style: theme[role])
            let who = alert.child.map { state.name(ofChild: $0) + " " } ?? ""
            let answered = dashboard.showHiddenAlerts && dashboard.isHidden(alert) ? "[answered] " : ""
            buffer.write(answered + who + alert.message, at: Point(x: x, y: rect.y), width: rect.right - x,
                         style: answered.isEmpty ? theme[.normal] : theme[.muted], pad: true)
        }
    }
}
