import Foundation

/// The shift a moment falls in: day 07:00–19:00, night 19:00–07:00 (the unit's usual pattern).
public struct Shift: Equatable, Sendable {
    public var start: Date
    public var end: Date
    public var isDay: Bool

    public init(containing moment: Date, zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hour = calendar.component(.hour, from: moment)
        let midnight = calendar.startOfDay(for: moment)
        if (7..<19).contains(hour) {
            isDay = true
            start = midnight.addingTimeInterval(7 * 3_600)
            end = midnight.addingTimeInterval(19 * 3_600)
        } else {
            isDay = false
            let base = hour < 7 ? midnight.addingTimeInterval(-86_400) : midnight
            start = base.addingTimeInterval(19 * 3_600)
            end = base.addingTimeInterval(31 * 3_600)
        }
    }

    public var label: String { isDay ? "Day shift 07:00–19:00" : "Night shift 19:00–07:00" }
}
