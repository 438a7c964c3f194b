import Foundation
import Testing
@testable import CareDomain

/// `DayDate(iso:)` checks a date by arithmetic (every sealed record's dates are parsed when the
/// caseload opens); it must refuse exactly what is not a calendar date.
@Suite("Day dates")
struct DayDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "1999-04-30", " 2026-05-17 "])
    func realDatesParse(_ text: String) throws {
        let date = try #require(DayDate(iso: text))
        #expect(date.description == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-06-00", "2026-6-1", "26-06-01", "2026-06-01x", "2026-06-0x", "2026+06-01", "+026-06-01"])
    func impossibleDatesAreRefused(_ text: String) {
        #expect(DayDate(iso: text) == nil)
    }

    @Test("every day of four years round-trips through its text, as the calendar counts them")
    func fourYearsRoundTrip() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        var day = try #require(calendar.date(from: DateComponents(year: 2023, month: 1, day: 1)))
        for _ in 0..<(4 * 365 + 1) {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            #expect(DayDate(iso: text) == DayDate(year: parts.year!, month: parts.month!, day: parts.day!))
            day = day.addingTimeInterval(86_400)
        }
    }
}
