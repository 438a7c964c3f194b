import Foundation

/// The supervisor's picture of cases coming and going: for each of the last months, how many
/// cases were open at its end and how many closed in it, and the median days a closed case was
/// open. Worked out from the caseload's summaries (the day each case opened and closed).
public struct CaseFlowFigures: Sendable, Equatable {
    public struct Month: Sendable, Equatable {
        public var year: Int
        public var month: Int
        /// Open on the month's last day (or today, for this month).
        public var open: Int
        /// Closed on a day of the month.
        public var closed: Int
    }

    /// Oldest first, this month last.
    public var months: [Month]
    /// Over every closed case; nil when none has closed.
    public var medianDaysOpen: Int?
    public var closedCount: Int

    public init(children: [ChildSummary], today: DayDate, months count: Int = 6) {
        var months: [Month] = []
        for back in stride(from: count - 1, through: 0, by: -1) {
            var year = today.year
            var month = today.month - back
            while month < 1 {
                month += 12
                year -= 1
            }
            let first = DayDate(year: year, month: month, day: 1)
            let next = month == 12 ? DayDate(year: year + 1, month: 1, day: 1) : DayDate(year: year, month: month + 1, day: 1)
            let end = back == 0 ? today : CivilDays.dayDate(CivilDays.number(next) - 1)
            let open = children.count { $0.openedOn <= end && ($0.closedOn.map { $0 > end } ?? true) }
            let closed = children.count { $0.closedOn.map { $0 >= first && $0 < next } ?? false }
            months.append(Month(year: year, month: month, open: open, closed: closed))
        }
        self.months = months
        let days = children.compactMap { child in child.closedOn.map { CivilDays.number($0) - CivilDays.number(child.openedOn) } }.sorted()
        closedCount = days.count
        if days.isEmpty {
            medianDaysOpen = nil
        } else if days.count % 2 == 1 {
            medianDaysOpen = days[days.count / 2]
        } else {
            medianDaysOpen = (days[days.count / 2 - 1] + days[days.count / 2]) / 2
        }
    }

    /// The figures as lines of text: a bar of `#` for open and `x` for closed per month, with the
    /// numbers written beside them, so no colour is needed to read it.
    public func lines(width: Int) -> [String] {
        let most = max(1, months.map { max($0.open, $0.closed) }.max() ?? 1)
        let barWidth = max(4, min(30, (width - 30) / 2))
        func bar(_ value: Int, _ mark: Character) -> String {
            let length = value == 0 ? 0 : max(1, value * barWidth / most)
            return String(repeating: mark, count: length) + String(repeating: " ", count: barWidth - length)
        }
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var lines = [padded("Month", 9) + padded("open (#)", barWidth + 7) + "closed (x)"]
        for month in months {
            let label = String(format: "%04d-%02d", month.year, month.month)
            lines.append("\(label)  \(bar(month.open, "#")) \(String(format: "%4d", month.open))  \(bar(month.closed, "x")) \(String(format: "%3d", month.closed))")
        }
        lines.append(medianDaysOpen.map { "Median days open, over \(closedCount) closed case\(closedCount == 1 ? "" : "s"): \($0)" }
                     ?? "No case has closed yet: no median days open.")
        return lines
    }
}
