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
}
