import Foundation

/// Times as people type and read them in forms and messages: `YYYY-MM-DD HH:MM` in the unit's
/// time zone (never the machine's: a worker on a UTC ssh host still means local time).
public enum TimeText {
    /// `2026-11-23 21:40` in `zone`.
    public static func format(_ date: Date, zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// `21:40` in `zone`.
    public static func clock(_ date: Date, zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// Reads `YYYY-MM-DD HH:MM`, or `HH:MM` alone for the most recent such time up to `now` (so
    /// "20:40" typed at 01:00 is yesterday evening) — or, when `upcoming`, the next such time
    /// after `now` (a snooze until "07:00"). Nil when the text is neither, or names a time that
    /// does not exist.
    public static func parse(_ text: String, zone: TimeZone, now: Date, upcoming: Bool = false) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let cal = calendar(zone)
        if let (hour, minute) = clockParts(trimmed) {
            let today = DayDate(now, in: zone)
            guard var date = cal.date(from: DateComponents(year: today.year, month: today.month, day: today.day, hour: hour, minute: minute))
            else { return nil }
            if upcoming, date <= now {
                date = cal.date(byAdding: .day, value: 1, to: date) ?? date
            } else if !upcoming, TimeRules.isFuture(date, now: now) {
                date = cal.date(byAdding: .day, value: -1, to: date) ?? date
            }
            return date
        }
        let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let day = DayDate(iso: String(parts[0])), let (hour, minute) = clockParts(String(parts[1])) else {
            return nil
        }
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute)
        guard let date = cal.date(from: components) else { return nil }
        // A time skipped by a daylight-saving change does not exist; do not quietly move it.
        let back = cal.dateComponents([.hour, .minute], from: date)
        return back.hour == hour && back.minute == minute ? date : nil
    }

    private static func clockParts(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
