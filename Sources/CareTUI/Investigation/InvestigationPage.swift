import CareDomain
import Foundation
import TextUI

/// What the investigation screens draw alike: the heavy box and its title, "Reading…" (or why
/// not) until the audited records arrive, and the list of rows under the lines above it. The
/// investigation list and a person's, place's or child's links each say only what their rows
/// and lines are.
enum InvestigationPage {
    /// Fills `area` and draws its box; the inside, or nil when fewer than `minimumRows` fit.
    static func frame(_ title: String, area: Rect, minimumRows: Int, buffer: inout Buffer, theme: Theme) -> Rect? {
        buffer.fill(area, with: Cell(" ", style: theme[.normal]))
        buffer.drawBox(area, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = area.inset(by: 1)
        return inner.height >= minimumRows ? inner : nil
    }

    /// Until the records arrive: "Reading…", or in the error's colour why they are not shown.
    static func reading(_ failure: String?, at point: Point, width: Int, buffer: inout Buffer, theme: Theme) {
        buffer.write(failure ?? "Reading (each record's view is audited first)…", at: point, width: width,
                     style: theme[failure == nil ? .muted : .error])
    }

    /// The rows, one line each (a line break in a record's text drawn as a space), from line `y`
    /// to the bottom of `inner`, scrolled to and highlighting the selection; `empty` when there
    /// are none. Returns how many rows there was room for, for paging.
    static func list(_ rows: [String], from y: Int, in inner: Rect, scroll: ListScroll, empty: String, buffer: inout Buffer,
                     theme: Theme) -> Int {
        let area = Rect(x: inner.x, y: y, width: inner.width, height: max(1, inner.bottom - y))
        PaneList.render(count: rows.count, scroll: scroll, focused: true, empty: empty, area: area, buffer: &buffer, theme: theme) { index, rect, buffer in
            buffer.write(rows[index].replacingOccurrences(of: "\n", with: " "), at: rect.origin, width: rect.width, style: theme[.normal], pad: true)
        }
        return area.height
    }
}
