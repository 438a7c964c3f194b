import CareDomain
import Foundation
import TextUI

/// The small picture on a person's or place's screen: one row per child, a mark per link date
/// on a shared time axis, so three children within weeks of each other stand out. Marks are
/// characters, not colours (● corroborated, ○ reported; a number when several links fall in one
/// column), so it reads in monochrome and to a screen reader as text.
public enum InvestigationGraph {
    /// The rows, the axis under them, for `width` columns; `label` names each child.
    public static func lines(
        _ links: [InvestigationLink], width: Int, today: DayDate, label: (ChildID) -> String
    ) -> [String] {
        let active = links.filter(\.isActive)
        guard let first = active.map(\.date).min(), width >= 30 else { return [] }
        var children: [ChildID] = []
        for link in active.sorted(by: { ($0.date, $0.child.rawValue) < ($1.date, $1.child.rawValue) }) where !children.contains(link.child) {
            children.append(link.child)
        }
        let labelWidth = min(24, max(8, width / 4))
        let columns = width - labelWidth - 1
        let last = max(today, active.map(\.date).max() ?? today)
        let span = max(1, days(from: first, to: last))
        func column(_ date: DayDate) -> Int { min(columns - 1, days(from: first, to: date) * (columns - 1) / span) }
        var lines: [String] = []
        for child in children {
            var cells = Array(repeating: "·", count: columns)
            var counts = Array(repeating: 0, count: columns)
            for link in active where link.child == child {
                let at = column(link.date)
                counts[at] += 1
                cells[at] = counts[at] > 1 ? (counts[at] < 10 ? String(counts[at]) : "+") : (link.confidence == .corroborated ? "●" : "○")
            }
            lines.append(DisplayWidth.pad(DisplayWidth.truncate(label(child), to: labelWidth), to: labelWidth) + " " + cells.joined())
        }
        let start = first.description, end = last.description
        let gap = max(1, columns - start.count - end.count)
        lines.append(String(repeating: " ", count: labelWidth + 1) + start + String(repeating: " ", count: gap) + end)
        return lines
    }

    static func days(from a: DayDate, to b: DayDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: a.year, month: a.month, day: a.day)),
              let end = calendar.date(from: DateComponents(year: b.year, month: b.month, day: b.day))
        else { return 0 }
        return calendar.dateComponents([.day], from: start, to: end).day ?? 0
    }
}
