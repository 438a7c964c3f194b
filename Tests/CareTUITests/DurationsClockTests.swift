import CareDomain
import Foundation
import Testing
@testable import CareTUI

/// `Durations.clock` writes its times from the calendar's fields (a `DateFormatter` made per
/// call cost 4.5% of `care bench`): it must write exactly what the en_CA formatter wrote, for
/// today, this week and older, in every zone the units use, across daylight-saving changes.
struct DurationsClockTests {
    /// What `clock` wrote when it made a formatter per call.
    static func formatted(_ date: Date, now: Date, zone: TimeZone) -> String {
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

    @Test(arguments: ["America/Toronto", "America/Winnipeg", "America/Rankin_Inlet", "UTC", "Asia/Kolkata"])
    func everyTimeIsWrittenAsTheFormatterWroteIt(_ zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        // A fixed sequence, so a failure names the same dates again.
        var random = SeededRandom(seed: 0x5EED)
        let now = Date(timeIntervalSince1970: 1_795_965_000)
        var kinds = Set<Int>()
        for _ in 0..<2_000 {
            // Within two hours, a week and ten years of now, either side, and on the days the
            // clocks change (March and November).
            let spread: Double = [7_200, 8 * 86_400, 3_650 * 86_400][Int(random.next() % 3)]
            let date = now.addingTimeInterval((Double(random.next() % 2_000_001) / 1_000_000 - 1) * spread)
            let written = Durations.clock(date, now: now, zone: zone)
            #expect(written == Self.formatted(date, now: now, zone: zone), "\(date) in \(zoneName)")
            kinds.insert(written.count)
        }
        #expect(kinds == [5, 9, 10], "today, this week and older were all written")
    }
}
