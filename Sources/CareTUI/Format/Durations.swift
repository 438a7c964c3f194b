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
    public static func clock(_ date: Date, now: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_CA")
        formatter.timeZone = zone
        if calendar.isDate(date, inSameDayAs: now) {
            formatter.dateFormat = "HH:mm"
        } else if abs(now.timeIntervalSince(date)) < 6 * 86_400 {
            formatter.dateFormat = "EEE HH:mm"
        } else {
            formatter.dateFormat = "yyyy-MM-dd"
        }
        return formatter.string(from: date)
    }
}
