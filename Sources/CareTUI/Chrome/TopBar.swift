import CareDomain
import TextUI

/// The top line: unit, shift, who is signed in and in which role, and the alert counts that
/// answer "who needs me now?" at a glance. The counts come with the state, not from scanning the
/// alerts on every frame.
enum TopBar {
    static func render(_ state: AppState, row: Rect, buffer: inout Buffer, theme: Theme) {
        let style = theme[.statusbar]
        buffer.fill(row, with: Cell(" ", style: style))
        let shift = state.settings.shifts.shift(containing: state.now, zone: state.zone)
        // The wall hangs where visitors pass: it names no worker, not even the one signed in.
        let who = state.wall ? "office wall" : "\(state.worker.displayName) (\(state.worker.role.title))"
        var left = " CARE · \(state.unit.code) unit · \(shift.label) · \(who)"
        if state.dashboard.masked { left += " · names masked" }

        let critical = state.dashboard.alertCounts[.critical] ?? 0
        let warning = state.dashboard.alertCounts[.warning] ?? 0
        let right = buffer.plain ? "critical: \(critical), warning: \(warning) "
            : "\(AlertSeverity.critical.symbol) \(critical) critical  \(AlertSeverity.warning.symbol) \(warning) warning "
        let rightWidth = DisplayWidth.of(right)
        buffer.write(left, at: Point(x: row.x, y: row.y), width: max(0, row.width - rightWidth - 1), style: style)
        if rightWidth < row.width {
            var alertStyle = critical > 0 ? theme[.alertCritical] : style
            // On the bar's ground, unless the role is a block of its own (as with 8 colours).
            if alertStyle.background == .default { alertStyle = alertStyle.laid(on: style.background, fallback: style.foreground) }
            buffer.write(right, at: Point(x: row.right - rightWidth, y: row.y), style: alertStyle)
        }
    }
}
