import ArgumentParser
import Foundation

/// A unit's time zone as typed on the command line: an IANA name such as `America/Winnipeg`.
struct TimeZoneArgument: ExpressibleByArgument {
    let zone: TimeZone

    init?(argument: String) {
        guard let zone = TimeZone(identifier: argument) else { return nil }
        self.zone = zone
    }

    static var defaultValueDescription: String { "the machine's zone (\(TimeZone.current.identifier))" }
}
