import Foundation

/// A calendar date with no time or zone: a date of birth, a review-by date. Kept apart from
/// `Date` so a birthday never shifts by a day when the zone changes.
///
/// Held in one 32-bit word, year then month then day from the high bits (`bits`), so a date is 4
/// bytes inline rather than three `Int`s' 24: a caseload holds several per child (birth, opened,
/// closed, each open indicator and plan), 50,000 children at once. The word's order is the
/// dates' order, so comparing and hashing are one integer's.
public struct DayDate: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    /// Year, month and day, each less the lowest value its `Field` holds.
    private var bits: UInt32

    /// Where each part is in `bits`, and the values it holds. A value outside them is clamped,
    /// never a trap: an impossible date read from damaged bytes stays impossible (a month past
    /// 12 or a day past 31 is kept as 15 or 63, still no date; 0 stays 0), and a year is kept
    /// within ±2,097,151.
    private struct Field {
        let shift: UInt32
        let values: ClosedRange<Int>

        static var day: Field { Field(shift: 0, values: 0...63) }
        static var month: Field { Field(shift: 6, values: 0...15) }
        static var year: Field { Field(shift: 10, values: -(1 << 21)...(1 << 21 - 1)) }

        func read(_ bits: UInt32) -> Int {
            Int((bits >> shift) & UInt32(values.count - 1)) + values.lowerBound
        }

        func write(_ value: Int, into bits: inout UInt32) {
            let clamped = min(max(value, values.lowerBound), values.upperBound)
            bits = (bits & ~(UInt32(values.count - 1) << shift)) | (UInt32(clamped - values.lowerBound) << shift)
        }
    }

    public init(year: Int, month: Int, day: Int) {
        bits = 0
        Field.year.write(year, into: &bits)
        Field.month.write(month, into: &bits)
        Field.day.write(day, into: &bits)
    }

    public var year: Int {
        get { Field.year.read(bits) }
        set { Field.year.write(newValue, into: &bits) }
    }

    public var month: Int {
        get { Field.month.read(bits) }
        set { Field.month.write(newValue, into: &bits) }
    }

    public var day: Int {
        get { Field.day.read(bits) }
        set { Field.day.write(newValue, into: &bits) }
    }

    /// Parses `YYYY-MM-DD`; nil when the text is not a real calendar date.
    public init?(iso text: String) {
        guard let (y, m, d) = Self.digits(of: text) else { return nil }
        let candidate = DayDate(year: y, month: m, day: d)
        // A real date survives the round trip through its day number (the 30th of February
        // comes back as a day of March). Arithmetic, not a Calendar: every record's dates are
        // parsed when the caseload opens.
        guard (1...12).contains(m), CivilDays.dayDate(CivilDays.number(candidate)) == candidate else { return nil }
        self = candidate
    }

    /// Year, month and day of `YYYY-MM-DD` (spaces around allowed), read byte by byte in the
    /// usual case of exactly ten ASCII bytes.
    private static func digits(of text: String) -> (Int, Int, Int)? {
        var text = text
        let fast: (Int, Int, Int)?? = text.withUTF8 { bytes in
            guard bytes.count == 10 else { return .none }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let byte = bytes[index]
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard bytes[4] == 0x2D, bytes[7] == 0x2D, let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
            else { return .some(nil) }
            return .some((y, m, d))
        }
        if let fast { return fast }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return (y, m, d)
    }

    /// The calendar date on which `date` falls in `zone`.
    public init(_ date: Date, in zone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    /// Midnight at the start of this date in `zone`.
    public func startOfDay(in zone: TimeZone = .current) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }

    /// Whole years from this date to `other` (an age when this is a birth date).
    public func years(until other: DayDate) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// The same month and day `years` later (29 February falls back to 28 in common years).
    public func adding(years: Int) -> DayDate {
        // Saturating: an absurd count of years (a damaged estimate) gives an absurd date, not a trap.
        let (sum, overflow) = year.addingReportingOverflow(years)
        let y = overflow ? (years < 0 ? Int.min : Int.max) : sum
        var d = day
        if month == 2 && day == 29 && !DayDate.isLeap(y) { d = 28 }
        return DayDate(year: y, month: month, day: d)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: DayDate, rhs: DayDate) -> Bool { lhs.bits < rhs.bits }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = DayDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: YYYY-MM-DD"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
