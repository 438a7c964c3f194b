import Foundation

/// The pattern police look for: the same person or place around several children in a short
/// time. A person or place linked to a third child within `window` days (90) raises a warning;
/// only police and supervisors ever see it, because only they can read the links.
public enum PatternRule {
    public static let window = 90
    public static let children = 3

    /// A person or place linked to `children.count` (three or more) children inside one window.
    public struct Warning: Hashable, Sendable {
        public var target: InvestigationTarget
        /// The children linked inside the window, earliest link first.
        public var children: [ChildID]
        public var from: DayDate
        public var to: DayDate

        public var words: String {
            "linked to \(children.count) children within \(PatternRule.window) days (\(from) to \(to))"
        }
    }

    /// The warning for each target whose active links reach three children inside some window
    /// of 90 days (the first such window, widened to every child inside it), in target order.
    public static func warnings(_ links: [InvestigationLink]) -> [Warning] {
        let byTarget = Dictionary(grouping: links.filter(\.isActive), by: \.target)
        return byTarget.compactMap { target, links in warning(for: target, links) }
            .sorted { ($0.to, $0.target.id) > ($1.to, $1.target.id) }
    }

    /// The warning for one target, or nil.
    public static func warning(for target: InvestigationTarget, _ links: [InvestigationLink]) -> Warning? {
        // Each child's link dates, then every window that starts at a link: the children with a
        // link inside [start, start + 90 days].
        let sorted = links.filter { $0.isActive && $0.target == target }.sorted { ($0.date, $0.child.rawValue) < ($1.date, $1.child.rawValue) }
        var best: Warning?
        for start in sorted {
            guard let end = start.date.addingDays(window) else { continue }
            var seen: [ChildID] = []
            var last = start.date
            for link in sorted where link.date >= start.date && link.date <= end {
                if !seen.contains(link.child) { seen.append(link.child) }
                last = max(last, link.date)
            }
            if seen.count >= children, best.map({ seen.count > $0.children.count }) ?? true {
                best = Warning(target: target, children: seen, from: start.date, to: last)
            }
        }
        return best
    }
}

extension DayDate {
    /// The day `days` later in the proleptic Gregorian calendar (nil only on overflow).
    public func addingDays(_ days: Int) -> DayDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              let later = calendar.date(byAdding: .day, value: days, to: start)
        else { return nil }
        return DayDate(later, in: calendar.timeZone)
    }
}
