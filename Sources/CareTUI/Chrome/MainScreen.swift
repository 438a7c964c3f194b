import CareDomain
import TextUI

/// Draws a whole frame for the current state and terminal size: the lock screen when locked;
/// else four panes from 100 columns, one pane with a tab strip below that, a message in words
/// below the minimum size; then the screens of the stack over them, front last. Each pane and
/// screen records the rows it showed in its own state; returns where the terminal cursor goes.
public enum MainScreen {
    public static let minimumSize = Size(width: 60, height: 16)
    public static let fourPaneWidth = 100

    public static func render(_ state: inout AppState, theme: Theme) -> (Buffer, Point?) {
        let size = state.screenSize
        if let lock = state.lock {
            var locked = LockScreen.render(lock, unit: state.unit.code, worker: state.worker, size: size, theme: theme)
            if state.settings.plain { locked.blankGlyphs() }
            return (locked, nil)
        }
        var buffer = Buffer(size: size)
        buffer.plain = state.settings.plain
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            renderTooSmall(size, buffer: &buffer, theme: theme)
            return (buffer, nil)
        }
        let rows = Layout(.vertical, [.length(1), .fill(1), .length(1)]).split(buffer.area)
        TopBar.render(state, row: rows[0], buffer: &buffer, theme: theme)

        // Plain mode shows one pane at a time, as a narrow screen does: a screen reader reads one
        // thing, and a spelled-out row needs the width.
        let single = size.width < fourPaneWidth || state.settings.plain
        let areas = paneAreas(size: size, focus: state.dashboard.focus, single: single)
        if single {
            renderTabStrip(state, row: rows[1].row(0), buffer: &buffer, theme: theme)
        }
        var cursor: Point?
        var shown = state.dashboard.shown
        for (pane, area) in areas.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let point = renderPane(pane, state, area: area, buffer: &buffer, theme: theme, shown: &shown) { cursor = point }
        }
        if shown != state.dashboard.shown { state.dashboard.shown = shown }
        if !state.screens.isEmpty {
            let env = state.env
            for index in state.screens.indices {
                // Plain mode: a screen over the panes is a page of its own, with nothing of the
                // panes left beside it for a screen reader to read into it.
                if buffer.plain {
                    buffer.fill(rows[1], with: Cell(" ", style: theme[.normal]))
                    buffer.focus = nil
                }
                cursor = state.screens[index].render(env, area: rows[1], screen: buffer.area, buffer: &buffer, theme: theme)
            }
        }
        // Last, so a message that needs more than one line (a refusal at 80 columns) is read whole
        // over the foot of the panes until the next key.
        KeyHintLine.render(HintLine.hints(in: state), message: state.message, row: rows[2], buffer: &buffer, theme: theme)
        // Plain mode: what a renderer left of box drawing, blocks or shapes goes (their meaning
        // is in words beside them).
        if buffer.plain { buffer.blankGlyphs() }
        return (buffer, cursor)
    }

    /// Where each visible pane goes at this size: all four from 100 columns, else the focused one
    /// below a tab strip. Empty below the minimum size.
    public static func paneAreas(size: Size, focus: PaneID, single: Bool? = nil) -> [PaneID: Rect] {
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else { return [:] }
        let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
        if !(single ?? (size.width < fourPaneWidth)) {
            // The caseload takes 45%: at 120 columns its rows hold a 17-letter name and the case
            // number's sequence beside the risk, age and status (40% cut both).
            let columns = Layout(.horizontal, [.percentage(45), .fill(1)]).split(body)
            let left = Layout(.vertical, [.percentage(64), .fill(1)]).split(columns[0])
            let right = Layout(.vertical, [.percentage(64), .fill(1)]).split(columns[1])
            return [.caseload: left[0], .child: right[0], .referrals: left[1], .alerts: right[1]]
        }
        let parts = Layout(.vertical, [.length(1), .fill(1)]).split(body)
        return [focus: parts[1]]
    }

    /// Draws one pane in its box and records the rows its list showed; returns the filter line's
    /// cursor when it is being typed.
    static func renderPane(_ pane: PaneID, _ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme, shown viewports: inout PaneViewports) -> Point? {
        let focused = state.dashboard.focus == pane
        let title = "\(pane.rawValue) \(pane.title)\(paneCount(pane, state))"
        buffer.drawBox(
            area, title: title, style: focused ? theme[.borderFocus] : theme[.border],
            titleStyle: focused ? theme[.titleFocus] : theme[.title], heavy: focused
        )
        let inner = area.inset(by: 1)
        switch pane {
        case .caseload:
            viewports.caseloadRows = max(1, inner.height - 1)
            return CaseloadPane.render(state, area: inner, buffer: &buffer, theme: theme)
        case .child:
            let drawn = ChildPane.render(state, area: inner, buffer: &buffer, theme: theme)
            viewports.recordRows = max(1, inner.height)
            viewports.recordLines = drawn.lineCount
            viewports.recordItems = drawn.items
            viewports.recordItemLines = drawn.itemLines
        case .referrals:
            viewports.referralRows = max(1, inner.height)
            ReferralQueuePane.render(state, area: inner, buffer: &buffer, theme: theme)
        case .alerts:
            viewports.alertRows = max(1, inner.height)
            AlertsPane.render(state, area: inner, buffer: &buffer, theme: theme)
        }
        return nil
    }

    static func paneCount(_ pane: PaneID, _ state: AppState) -> String {
        let dashboard = state.dashboard
        switch pane {
        case .caseload:
            let shown = dashboard.rows.count
            let total = dashboard.query.includeClosed ? dashboard.allRows.count
                : dashboard.query.filters.contains(.closedCases) ? dashboard.allRows.count { !$0.isOpen } : dashboard.openCount
            let filters = QuickFilterKind.allCases.filter { dashboard.query.filters.contains($0.filter(for: state.worker.id)) }
            let filterWords = filters.isEmpty ? "" : " " + filters.map(\.label).joined(separator: ", ")
            let counts = shown == total ? " (\(total))" : " (\(shown) of \(total))"
            // Records that do not open are counted, so nobody takes the list for whole.
            let damaged = dashboard.snapshot.damagedRecords.count
            let unread = damaged == 0 ? "" : " · ⚠ \(damaged) \(damaged == 1 ? "record does" : "records do") not open"
            return counts + unread + filterWords + " · sort: \(dashboard.query.sort.label)"
        case .child: return ""
        case .referrals:
            guard dashboard.isBuilt else { return " (building…)" }
            return " (\(dashboard.queue.count) \(dashboard.referralView.title(for: state.worker.role)))"
        case .alerts:
            let hidden = dashboard.alertList.hiddenCount
            if dashboard.showHiddenAlerts { return " (\(dashboard.allAlerts.count), \(hidden) acknowledged or snoozed shown)" }
            return " (\(dashboard.alerts.count))" + (hidden > 0 ? " · \(hidden) hidden" : "")
        }
    }

    static func renderTabStrip(_ state: AppState, row: Rect, buffer: inout Buffer, theme: Theme) {
        let titles = PaneID.allCases.map { "\($0.rawValue) \($0.title)" }
        Tabs(titles: titles, active: state.dashboard.focus.rawValue - 1).render(in: row, buffer: &buffer, theme: theme)
    }

    /// The size needed and this one, wrapped to the width, then how to get there when it fits;
    /// in the fewest words when not even that fits (at 20×5 the needed size used to be cut off).
    static func renderTooSmall(_ size: Size, buffer: inout Buffer, theme: Theme) {
        let needed = "\(minimumSize.width)×\(minimumSize.height)", this = "\(size.width)×\(size.height)"
        let wrap = { (text: String) in DisplayWidth.wrap(text, width: max(1, size.width)) }
        let sizes = wrap("care needs a terminal of at least \(needed).") + wrap("This one is \(this).")
        let advice = wrap("Make the window larger, or the font smaller.")
        let lines = sizes.count + advice.count <= size.height ? sizes + advice
            : sizes.count <= size.height ? sizes
            : wrap("Needs \(needed);") + wrap("this is \(this).")
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let width = min(size.width, DisplayWidth.of(line))
            let x = max(0, (size.width - width) / 2)
            buffer.write(line, at: Point(x: x, y: top + i), width: size.width - x, style: theme[.emphasis])
        }
    }
}
