import CareDomain
import Foundation
import TextUI

/// The caseload list: risk (word and symbol), name, age, whereabouts or time since last contact,
/// and the assigned worker when there is room. Only visible rows are drawn.
enum CaseloadPane {
    /// Draws the filter line and the rows; returns the filter line's cursor while it is typed.
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        guard !area.isEmpty else { return nil }
        let dashboard = state.dashboard
        let cursor = renderFilterLine(dashboard, row: area.row(0), buffer: &buffer, theme: theme)
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let empty = dashboard.allRows.isEmpty ? "No open cases." : "No child matches this filter. Esc clears it."
        // The case number tells two children of the same name apart (two "Rowan Échantillon"
        // differ in nothing else): whole from 66 columns, its sequence from 50 (the unit's own
        // numbers, whole in the child pane beside); masked, the row starts with it anyway. The
        // worker comes when wider.
        let caseColumn: Columns.CaseNumber = dashboard.masked ? .none : list.width >= 66 ? .whole : list.width >= 50 ? .sequence : .none
        let columns = Columns(caseNumber: caseColumn, worker: list.width >= 90)
        PaneList.render(count: dashboard.rows.count, scroll: dashboard.caseloadScroll, focused: dashboard.focus == .caseload,
                        empty: empty, area: list, buffer: &buffer, theme: theme) { index, rect, buffer in
            if buffer.plain {
                let words = spelledOut(dashboard.rows[index], position: index + 1, of: dashboard.rows.count, state: state)
                buffer.write(words, at: rect.origin, width: rect.width, style: theme[riskRole(dashboard.rows[index].risk)], pad: true)
                return
            }
            renderRow(dashboard.rows[index], state: state, rect: rect, selected: index == dashboard.caseloadScroll.selection,
                      columns: columns, buffer: &buffer, theme: theme)
        }
        return cursor
    }

    static func renderFilterLine(_ dashboard: Dashboard, row: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        if dashboard.filterEditing {
            let prompt = "/ "
            buffer.write(prompt, at: row.origin, style: theme[.emphasis])
            var field = dashboard.filterField
            field.focused = true
            field.secure = dashboard.masked
            let fieldArea = Rect(x: row.x + 2, y: row.y, width: max(1, row.width - 2), height: 1)
            field.render(in: fieldArea, buffer: &buffer, theme: theme)
            return field.cursorPosition(in: fieldArea)
        }
        if !dashboard.query.text.isEmpty {
            // A typed name is a name: masked, the filter shows one dot per character.
            let shown = dashboard.masked ? String(repeating: "•", count: dashboard.query.text.count) : dashboard.query.text
            buffer.write("/ \(shown)", at: row.origin, width: row.width, style: theme[.emphasis])
        } else {
            buffer.write("/ filter   s sort: \(dashboard.query.sort.label)", at: row.origin, width: row.width, style: theme[.muted])
        }
        return nil
    }

    /// The optional columns a row has room for.
    struct Columns {
        enum CaseNumber { case none, sequence, whole }
        var caseNumber: CaseNumber
        var worker: Bool

        /// The case number as this column shows it: `KEN-2026-0011`, or `0011`.
        func text(_ number: CareDomain.CaseNumber) -> String {
            switch caseNumber {
            case .none: ""
            case .sequence: String(number.description.split(separator: "-").last ?? "")
            case .whole: number.description
            }
        }

        var caseWidth: Int {
            switch caseNumber {
            case .none: 0
            case .sequence: 5
            case .whole: 14
            }
        }
    }

    static func renderRow(
        _ row: CaseloadRow, state: AppState, rect: Rect, selected: Bool, columns: Columns,
        buffer: inout Buffer, theme: Theme
    ) {
        if row.isDamagedChild {
            return renderDamagedRow(row, rect: rect, selected: selected, now: state.now, buffer: &buffer, theme: theme)
        }
        let status = statusText(row, now: state.now)
        // Masked, the whole case number comes first so rows can be told apart, then the initials.
        let name = state.dashboard.masked ? "\(row.caseNumber) \(state.dashboard.child(row.id)?.initials ?? "")" : row.displayName
        let workerWidth = columns.worker ? 16 : 0
        let caseWidth = columns.caseWidth
        let fixed = 1 + 2 + 1 + 8 + 1 + 3 + 1 + 12 + caseWidth + (columns.worker ? 1 + workerWidth : 0)
        let nameWidth = max(4, rect.width - fixed - 1)
        var x = rect.x
        let marker = selected ? "▶" : " "
        x += buffer.write(marker, at: Point(x: x, y: rect.y), width: 1, style: theme[.emphasis])
        let riskStyle = theme[riskRole(row.risk)]
        x += buffer.write(DisplayWidth.pad(row.risk.symbol, to: 2) + " " + DisplayWidth.pad(row.risk.word, to: 8),
                          at: Point(x: x, y: rect.y), width: 11, style: riskStyle)
        x += buffer.write(" ", at: Point(x: x, y: rect.y), style: .plain)
        x += buffer.write(name, at: Point(x: x, y: rect.y), width: nameWidth, style: theme[.normal], pad: true)
        if columns.caseNumber != .none {
            // Normal, not muted: it tells rows apart, and muted on the selection's ground reads
            // under 3:1 on a light 8- or 16-colour terminal (ScreenContrastTests).
            x += buffer.write(" " + columns.text(row.caseNumber), at: Point(x: x, y: rect.y), width: caseWidth, style: theme[.normal], pad: true)
        }
        x += buffer.write(" " + DisplayWidth.padLeft(String(row.age), to: 3) + " ", at: Point(x: x, y: rect.y), width: 5, style: theme[.normal])
        let statusStyle = row.whereabouts.isMissing ? theme[.statusMissing] : row.damaged.isEmpty ? theme[.muted] : theme[.error]
        x += buffer.write(status, at: Point(x: x, y: rect.y), width: 12, style: statusStyle, pad: true)
        if columns.worker {
            buffer.write(" " + (row.assignedWorkerName ?? "unassigned"), at: Point(x: x, y: rect.y), width: workerWidth + 1, style: theme[.muted])
        }
    }

    /// The stand-in for a child whose own record does not open: nothing of the child can be
    /// read, so the row says what it is, and Enter says what to do.
    static func renderDamagedRow(_ row: CaseloadRow, rect: Rect, selected: Bool, now: Date, buffer: inout Buffer, theme: Theme) {
        var x = rect.x
        x += buffer.write(selected ? "▶" : " ", at: Point(x: x, y: rect.y), width: 1, style: theme[.emphasis])
        x += buffer.write(DisplayWidth.pad("⚠ damaged", to: 11), at: Point(x: x, y: rect.y), width: 11, style: theme[.error])
        x += buffer.write(" ", at: Point(x: x, y: rect.y), style: .plain)
        // A missing child's status first, where it cannot be cut off.
        var words = CaseloadRow.damagedWords + " (does not open; care check names it)"
        if case .missing(let since, _) = row.whereabouts {
            words = "MISSING \(Durations.short(from: since, to: now)) · record does not open (care check names it)"
        }
        buffer.write(words, at: Point(x: x, y: rect.y), width: max(0, rect.right - x), style: theme[.error], pad: true)
    }

    /// A row read aloud, in a stable order: "3 of 39. Rowan Échantillon, KEN-2026-0011, critical
    /// risk, missing 2 hours, age 14" (plain mode).
    static func spelledOut(_ row: CaseloadRow, position: Int, of count: Int, state: AppState) -> String {
        let masked = state.dashboard.masked
        let name = masked ? (state.dashboard.child(row.id)?.initials ?? "") : row.displayName
        var parts = ["\(position) of \(count). \(name)", row.caseNumber.description]
        if row.isDamagedChild {
            parts.append("record does not open")
        } else {
            parts.append("\(row.risk.word.lowercased()) risk")
        }
        if case .missing(let since, _) = row.whereabouts {
            parts.append("missing \(Durations.words(from: since, to: state.now))")
        } else if let last = row.lastContact {
            parts.append("last contact \(Durations.words(from: last, to: state.now)) ago")
        } else {
            parts.append("no contact")
        }
        if !row.isDamagedChild {
            if !row.damaged.isEmpty { parts.append("a record is damaged") }
            parts.append("age \(row.age)")
        }
        return parts.joined(separator: ", ")
    }

    /// "MISSING 14h", "damaged", "contact 3d", "no contact". A child with a record that does not
    /// open says "damaged" unless missing: its alerts and whereabouts may be incomplete.
    static func statusText(_ row: CaseloadRow, now: Date) -> String {
        if case .missing(let since, _) = row.whereabouts {
            return "MISSING \(Durations.short(from: since, to: now))"
        }
        if !row.damaged.isEmpty { return "⚠ damaged" }
        if let last = row.lastContact {
            return "contact \(Durations.short(from: last, to: now))"
        }
        return "no contact"
    }

    static func riskRole(_ risk: RiskLevel) -> ThemeRole {
        switch risk {
        case .low: .riskLow
        case .medium: .riskMedium
        case .high: .riskHigh
        case .critical: .riskCritical
        }
    }
}
