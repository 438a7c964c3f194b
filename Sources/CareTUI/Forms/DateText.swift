import CareDomain
import Foundation

/// How dates and times are typed in forms: `YYYY-MM-DD` and `YYYY-MM-DD HH:MM`, local time.
public enum DateText {
    public static func format(_ date: Date, zone: TimeZone = .current) -> String {
        let formatter = makeFormatter(zone)
        return formatter.string(from: date)
    }

    public static func parse(_ text: String, zone: TimeZone = .current) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == 16 else { return nil }
        let formatter = makeFormatter(zone)
        guard let date = formatter.date(from: trimmed), formatter.string(from: date) == trimmed else { return nil }
        return date
    }

    private static func makeFormatter(_ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }
}
