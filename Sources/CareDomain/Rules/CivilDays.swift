import Foundation

/// Calendar arithmetic on whole days, without `Calendar`, so that generating or checking tens of
/// thousands of dates stays cheap. (Howard Hinnant's days-from-civil algorithms.)
enum CivilDays {
    static let day: TimeInterval = 86_400

    /// Days since 1970-01-01 of the UTC date `date` falls on.
    static func number(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / day).rounded(.down)) }

    static func dayDate(_ days: Int) -> DayDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return DayDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    static func number(_ date: DayDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = date.month > 2 ? date.month - 3 : date.month + 9
        let doy = (153 * mp + 2) / 5 + date.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
