import TextUI

/// Lays out and draws a whole frame for the current state and terminal size:
/// four panes from 100 columns, one pane with a tab strip below that, and a message in words
/// below the minimum size.
public enum MainScreen {
    public static let minimumSize = Size(width: 60, height: 16)
    public static let fourPaneWidth = 100

    public static func render(_ state: AppState, keyMap: KeyMap<AppAction>, theme: Theme) -> Buffer {
        let size = state.screenSize
        var buffer = Buffer(size: size)
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            renderTooSmall(size, buffer: &buffer, theme: theme)
            return buffer
        }
        let rows = Layout(.vertical, [.length(1), .fill(1), .length(1)]).split(buffer.area)
        TopBar.render(state, row: rows[0], buffer: &buffer, theme: theme)
        KeyHintLine.render(Bindings.hints(in: state, keyMap: keyMap), message: state.message, row: rows[2], buffer: &buffer, theme: theme)

        let areas = paneAreas(size: size, focus: state.focus)
        if size.width < fourPaneWidth {
            renderTabStrip(state, row: rows[1].row(0), buffer: &buffer, theme: theme)
        }
        for (pane, area) in areas.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            renderPane(pane, state, area: area, buffer: &buffer, theme: theme)
        }
        if let audit = state.auditTrail {
            audit.render(state, area: rows[1], buffer: &buffer, theme: theme)
        }
        if let form = state.form {
            FormView.render(form, area: rows[1], buffer: &buffer, theme: theme)
        }
        if state.showingHelp {
            HelpOverlay.render(state, keyMap: keyMap, area: rows[1], buffer: &buffer, theme: theme)
        }
        return buffer
    }

    /// Where each visible pane goes at this size: all four from 100 columns, else the focused one
    /// below a tab strip. Empty below the minimum size.
    public static func paneAreas(size: Size, focus: PaneID) -> [PaneID: Rect] {
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else { return [:] }
        let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
        if size.width >= fourPaneWidth {
            let columns = Layout(.horizontal, [.percentage(40), .fill(1)]).split(body)
            let left = Layout(.vertical, [.percentage(64), .fill(1)]).split(columns[0])
            let right = Layout(.vertical, [.percentage(64), .fill(1)]).split(columns[1])
            return [.caseload: left[0], .child: right[0], .referrals: left[1], .alerts: right[1]]
        }
        let parts = Layout(.vertical, [.length(1), .fill(1)]).split(body)
        return [focus: parts[1]]
    }

    /// Rows a list pane can show in `area` (its border and, for the caseload, the filter line).
    public static func listRows(_ pane: PaneID, in area: Rect) -> Int {
        max(0, area.height - 2 - (pane == .caseload ? 1 : 0))
    }

    static func renderPane(_ pane: PaneID, _ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let focused = state.focus == pane
        let title = "\(pane.rawValue) \(pane.title)\(paneCount(pane, state))"
        buffer.drawBox(
            area, title: title, style: focused ? theme[.borderFocus] : theme[.border],
            titleStyle: focused ? theme[.titleFocus] : theme[.title], heavy: focused
        )
        let inner = area.inset(by: 1)
        switch pane {
        case .caseload: CaseloadPane.render(state, area: inner, buffer: &buffer, theme: theme)
        case .child: ChildPane.render(state, area: inner, buffer: &buffer, theme: theme)
        case .referrals: ReferralQueuePane.render(state, area: inner, buffer: &buffer, theme: theme)
        case .alerts: AlertsPane.render(state, area: inner, buffer: &buffer, theme: theme)
        }
    }

    static func paneCount(_ pane: PaneID, _ state: AppState) -> String {
        switch pane {
        case .caseload:
            let shown = state.rows.count
            let total = state.query.includeClosed ? state.allRows.count : state.openCount
            let filters = QuickFilterKind.allCases.filter { state.query.filters.contains($0.filter(for: state.worker.id)) }
            let filterWords = filters.isEmpty ? "" : " " + filters.map(\.label).joined(separator: ", ")
            let counts = shown == total ? " (\(total))" : " (\(shown) of \(total))"
            return counts + filterWords + " · sort: \(state.query.sort.label)"
        case .child: return ""
        case .referrals: return " (\(state.queue.count))"
        case .alerts: return " (\(state.alerts.count))"
        }
    }

    static func renderTabStrip(_ state: AppState, row: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(row, with: Cell(" ", style: theme[.tab]))
        var x = row.x
        for pane in PaneID.allCases {
            let label = " \(pane.rawValue) \(pane.title) "
            let style = pane == state.focus ? theme[.tabActive] : theme[.tab]
            x += buffer.write(label, at: Point(x: x, y: row.y), style: style, clip: row)
            x += buffer.write("│", at: Point(x: x, y: row.y), style: theme[.tab], clip: row)
        }
    }

    static func renderTooSmall(_ size: Size, buffer: inout Buffer, theme: Theme) {
        let lines = [
            "care needs a terminal of at least \(minimumSize.width)×\(minimumSize.height).",
            "This one is \(size.width)×\(size.height).",
            "Make the window larger, or the font smaller.",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let width = min(size.width, DisplayWidth.of(line))
            let x = max(0, (size.width - width) / 2)
            buffer.write(line, at: Point(x: x, y: top + i), width: size.width - x, style: theme[.emphasis])
        }
    }
}
