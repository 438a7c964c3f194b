import Foundation

/// Short words for a length of time, for alert messages read at a glance: "45m", "14h", "3d 4h".
public enum DurationWords {
    public static func short(_ interval: TimeInterval) -> String {
        let minutes = max(0, Int(interval / 60))
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours)h" }
        let days = hours / 24, rest = hours % 24
        return rest == 0 || days >= 7 ? "\(days)d" : "\(days)d \(rest)h"
    }

    /// The unit `short` counts in at this length: minutes, hours, or days.
    static func granularity(_ interval: TimeInterval) -> TimeInterval {
        let minutes = max(0, Int(interval / 60))
        if minutes < 60 { return 60 }
        let hours = minutes / 60
        if hours < 48 || hours / 24 < 7 { return 3_600 }
        return 86_400
    }

    /// Seconds until `short` of a duration that is growing reads differently: exactly at the next
    /// whole unit (the reading is a floor).
    public static func secondsUntilChange(_ interval: TimeInterval) -> TimeInterval {
        let step = granularity(interval)
        let into = max(0, interval).truncatingRemainder(dividingBy: step)
        return step - into
    }

    /// Seconds until `short` of a duration that is shrinking (a countdown) reads differently: it
    /// changes just after it passes below a whole unit, so the moment is that many seconds away
    /// and the caller looks a second later (0 when it sits on a whole unit now).
    public static func secondsUntilChange(countingDown interval: TimeInterval) -> TimeInterval {
        let step = granularity(interval)
        return max(0, interval).truncatingRemainder(dividingBy: step)
    }
}
