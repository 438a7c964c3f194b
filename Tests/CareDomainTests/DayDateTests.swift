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

    // A date is one 32-bit word (`DayDate`'s bits): what it reads back, how it orders and how it
    // codes must be what three `Int`s gave, and a part out of range is clamped, never a trap.

    @Test("each part reads back as written, and a setter changes its own part only",
          arguments: [(2026, 5, 17), (1999, 12, 31), (2000, 2, 29), (0, 1, 1), (-44, 3, 15), (9999, 12, 31), (2_097_151, 15, 63), (-2_097_152, 0, 0)])
    func partsReadBackAsWritten(_ parts: (year: Int, month: Int, day: Int)) {
        var date = DayDate(year: parts.year, month: parts.month, day: parts.day)
        #expect((date.year, date.month, date.day) == parts)
        date.year = 1987
        #expect((date.year, date.month, date.day) == (1987, parts.month, parts.day))
        date.month = 11
        #expect((date.year, date.month, date.day) == (1987, 11, parts.day))
        date.day = 29
        #expect(date == DayDate(year: 1987, month: 11, day: 29))
        date.year = parts.year
        date.month = parts.month
        date.day = parts.day
        #expect(date == DayDate(year: parts.year, month: parts.month, day: parts.day))
    }

    @Test("dates order and compare as their year, month and day do, across years and the year 0")
    func ordersAsItsParts() {
        var random = SeededRandom(seed: 25)
        let dates = (0..<400).map { _ in
            DayDate(year: random.pick([-1, 0, 1, 1999, 2000, 2026, 2027, 9999]), month: random.int(1...12), day: random.int(1...31))
        }
        for (a, b) in zip(dates, dates.shuffled(using: &random)) {
            let parts = ((a.year, a.month, a.day), (b.year, b.month, b.day))
            #expect((a < b) == (parts.0 < parts.1), "\(a) < \(b)")
            #expect((a == b) == (parts.0 == parts.1), "\(a) == \(b)")
            #expect(a == b ? a.hashValue == b.hashValue : true)
        }
        #expect(dates.sorted().map { [$0.year, $0.month, $0.day] } == dates.map { [$0.year, $0.month, $0.day] }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("a part out of range is clamped, not trapped, and an impossible date stays impossible")
    func outOfRangePartsAreClamped() {
        let huge = DayDate(year: Int.max, month: 200, day: Int.max)
        #expect((huge.year, huge.month, huge.day) == (2_097_151, 15, 63))
        let negative = DayDate(year: Int.min, month: -3, day: -7)
        #expect((negative.year, negative.month, negative.day) == (-2_097_152, 0, 0))
        for damaged in [DayDate(year: 2026, month: 13, day: 1), DayDate(year: 2026, month: 1, day: 32),
                        DayDate(year: 2026, month: 1000, day: 1), DayDate(year: 2026, month: 1, day: 1000), negative] {
            #expect(DayDate(iso: damaged.description) == nil, "\(damaged) reads as a real date")
        }
        var date = DayDate(year: 2026, month: 5, day: 17)
        date.day = 1000
        date.month = -1
        #expect((date.year, date.month, date.day) == (2026, 0, 63))
        date.year = Int.min
        #expect((date.year, date.month, date.day) == (-2_097_152, 0, 63))
        #expect(DayDate(year: 2026, month: 5, day: 17).adding(years: Int.max).year == 2_097_151)
        #expect(DayDate(year: 2026, month: 5, day: 17).adding(years: Int.min).year == -2_097_152)
    }

    @Test("a date codes as its ISO text, as it did before it was packed")
    func codesAsISOText() throws {
        let dates = [DayDate(year: 2026, month: 5, day: 17), DayDate(year: 1999, month: 12, day: 31), DayDate(year: 2024, month: 2, day: 29)]
        let json = try JSONEncoder().encode(dates)
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-05-17","1999-12-31","2024-02-29"]"#)
        #expect(try JSONDecoder().decode([DayDate].self, from: json) == dates)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([DayDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
