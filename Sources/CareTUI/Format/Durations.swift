import Foundation

/// Short, glanceable durations for lists: "25m", "14h", "3d", "5w".
public enum Durations {
    public static func short(from start: Date, to end: Date) -> String {
        let seconds = max(0, end.timeIntervalSince(start))
        switch seconds {
        case ..<3_600: return "\(Int(seconds / 60))m"
        case ..<(48 * 3_600): return "\(Int(seconds / 3_600))h"
        case ..<(14 * 86_400): return "\(Int(seconds / 86_400))d"
        default: return "\(Int(seconds / (7 * 86_400)))w"
        }
    }

    /// The same span in words, for plain mode and screen readers: "25 minutes", "14 hours".
    public static func words(from start: Date, to end: Date) -> String {
        let seconds = max(0, end.timeIntervalSince(start))
        func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
        switch seconds {
        case ..<3_600: return unit(Int(seconds / 60), "minute")
        case ..<(48 * 3_600): return unit(Int(seconds / 3_600), "hour")
        case ..<(14 * 86_400): return unit(Int(seconds / 86_400), "day")
        default: return unit(Int(seconds / (7 * 86_400)), "week")
        }
    }

    /// "21:40" today, "Mon 21:40" within a week, else "2026-11-02".
    ///
    /// Written from the calendar's fields, not by a `DateFormatter`: one used to be made per
    /// call, for every contact line of the open record on every frame (4.5% of all of
    /// `care bench`'s time at 5,000 children, docs/benchmarks.md). The weekday names are the
    /// formatter's own, taken once.
    public static func clock(_ date: Date, now: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let time = padded(parts.hour ?? 0, 2) + ":" + padded(parts.minute ?? 0, 2)
        if calendar.isDate(date, inSameDayAs: now) { return time }
        if abs(now.timeIntervalSince(date)) < 6 * 86_400 {
            let weekday = (parts.weekday ?? 1) - 1
            return (shortWeekdays.indices.contains(weekday) ? shortWeekdays[weekday] : "") + " " + time
        }
        return padded(parts.year ?? 0, 4) + "-" + padded(parts.month ?? 0, 2) + "-" + padded(parts.day ?? 0, 2)
    }

    /// "Sun" to "Sat", as the en_CA formatter writes `EEE`.
    private static let shortWeekdays: [String] = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_CA")
        return formatter.shortWeekdaySymbols
    }()

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
