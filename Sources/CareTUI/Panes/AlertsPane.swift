import CareDomain
import TextUI

/// Alerts derived from the data, most severe first. Severity is a word and a symbol, never a
/// colour alone.
enum AlertsPane {
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let dashboard = state.dashboard
        let empty = dashboard.alertList.hiddenCount == 0 ? "No alerts." : "No alerts need you now (v shows the acknowledged and snoozed)."
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
            // An answered alert that stays listed (a child missing now) is marked before the name,
            // so the mark shows however narrow the pane.
            let answered = dashboard.showHiddenAlerts && dashboard.isHidden(alert) ? "[answered] "
                : dashboard.alertList.answered[alert.id] != nil ? "✓ " : ""
            buffer.write(answered + who + alert.message + answerWords(alert, state), at: Point(x: x, y: rect.y), width: rect.right - x,
                         style: answered.hasPrefix("[") ? theme[.muted] : theme[.normal], pad: true)
        }
    }

    /// What was answered: a missing child's alert stays listed "acknowledged by … at …"; an alert
    /// that came back because its cause got worse shows the earlier note.
    static func answerWords(_ alert: Alert, _ state: AppState) -> String {
        let visibility = state.dashboard.alertList
        let zone = state.zone
        if let answer = visibility.answered[alert.id] {
            let by = state.dashboard.workerName(answer.by) ?? "a worker"
            return " · \(answer.kind == .snoozed ? "snoozed" : "acknowledged") by \(by) at \(TimeText.clock(answer.at, zone: zone))"
        }
        if let earlier = visibility.earlier[alert.id] {
            let note = earlier.note.isEmpty ? "" : ": “\(earlier.note)”"
            return " · worse since it was \(earlier.kind == .snoozed ? "snoozed" : "acknowledged") at \(TimeText.clock(earlier.at, zone: zone))\(note)"
        }
        return ""
    }
}
