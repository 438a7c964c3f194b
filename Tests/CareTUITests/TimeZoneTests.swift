import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Every time is shown in the unit's time zone, whatever the machine's is (a UTC ssh host).
@MainActor
@Suite struct TimeZoneTests {
    static let toronto = TimeZone(identifier: "America/Toronto")!

    @Test func aTorontoUnitShowsTorontoTimes() throws {
        // 2026-11-23 21:30 UTC is 16:30 in Toronto (EST, UTC−5): the day shift there.
        let h = try Harness(zone: Self.toronto)
        #expect(h.lines[0].contains("Day shift 07:00–19:00"), "\(h.lines[0])")
        h.press(.char("n"))
        #expect(h.formValue("when") == "2026-11-23 16:30")
    }

    @Test func aTimeTypedAsHoursAndMinutesIsTheUnitsLocalTime() throws {
        let h = try Harness(zone: Self.toronto)
        let child = try #require(h.dashboard.selectedChild)
        h.press(.char("n"), .tab, .ctrl("u"))
        h.type("09:15")
        h.press(.tab, .tab)
        h.type("Morning call (synthetic)")
        h.press(.ctrl("s"))
        let saved = try #require(try h.store.loadDetail(of: child.id, contactLimit: 5).contacts.contacts.first { $0.summary == "Morning call (synthetic)" })
        // 09:15 in Toronto on 2026-11-23 is 14:15 UTC.
        #expect(saved.occurredAt == Date(timeIntervalSince1970: 1_795_469_400 - 7 * 3_600 - 15 * 60))
    }
}
