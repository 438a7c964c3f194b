import Foundation

/// The unit a store belongs to: its code (in case numbers) and the time zone every time is shown
/// in and every shift boundary falls in. Kept with the store, not taken from the machine, so a
/// worker on a UTC ssh host still sees the unit's local times.
public struct UnitInfo: Hashable, Sendable {
    public var code: String
    public var timeZone: TimeZone

    public init(code: String, timeZone: TimeZone) {
        self.code = code
        self.timeZone = timeZone
    }
}
