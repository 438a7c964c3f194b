import Foundation

/// Times people record are things that happened: never in the future. A minute of grace allows
/// for clocks that differ between machines.
public enum TimeRules {
    public static let grace: TimeInterval = 60

    public static func isFuture(_ time: Date, now: Date) -> Bool {
        time > now.addingTimeInterval(grace)
    }

    public static let futureTime = "This is in the future; give a time up to now."
    public static let futureDay = "This date is in the future."
}
