/// A case number of the form `UNIT-YYYY-NNNN` (e.g. `KEN-2026-0042`): unit code of two to five
/// capital letters, the year the case opened, and a sequence of at least four digits (a unit
/// that opens more than 9,999 cases in a year gets `KEN-2026-10000`). The store's counter
/// assigns the sequence; 0 means not assigned yet.
///
/// The year and sequence are kept as 32-bit numbers (a child's summary is 8 bytes narrower; a
/// caseload holds 50,000): a sequence has at most nine digits, so any case number that parses
/// fits, and a number outside them (from damaged bytes) is clamped, never a trap.
public struct CaseNumber: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public let unit: String
    private let storedYear: Int32
    private let storedSequence: Int32

    public init(unit: String, year: Int, sequence: Int) {
        self.unit = unit
        storedYear = Int32(clamping: year)
        storedSequence = Int32(clamping: sequence)
    }

    public var year: Int { Int(storedYear) }
    public var sequence: Int { Int(storedSequence) }

    /// Parses `KEN-2026-0042`; nil when the text does not have that shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
              (2...5).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts[1].count == 4, let year = Int(parts[1]),
              parts[2].count >= 4, parts[2].count <= 9, parts[2].allSatisfy({ $0.isASCII && $0.isNumber }),
              let seq = Int(parts[2]) else { return nil }
        self.init(unit: String(parts[0]), year: year, sequence: seq)
    }

    public var description: String {
        let seq = String(sequence)
        return "\(unit)-\(year)-\(String(repeating: "0", count: max(0, 4 - seq.count)))\(seq)"
    }

    /// A number a form puts on a new child before the store assigns the real one.
    public static func unassigned(unit: String, year: Int) -> CaseNumber { CaseNumber(unit: unit, year: year, sequence: 0) }

    public var isAssigned: Bool { sequence > 0 }

    /// Unit, then year, then sequence, compared as numbers (no strings built per comparison).
    public static func < (lhs: CaseNumber, rhs: CaseNumber) -> Bool {
        if lhs.year != rhs.year || lhs.unit != rhs.unit {
            return lhs.unit != rhs.unit ? lhs.unit < rhs.unit : lhs.year < rhs.year
        }
        return lhs.sequence < rhs.sequence
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = CaseNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a case number"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
