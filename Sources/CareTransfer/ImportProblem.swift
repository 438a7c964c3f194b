import CareDomain
import Foundation

/// One thing wrong with an import file: where (the row as a spreadsheet numbers it, the header
/// being row 1; the column by its header name) and what was expected there. It never repeats the
/// value found: that is a child's data, and it would end up on a terminal or in a log.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var row: Int?
    public var column: String?
    public var expected: String

    public init(row: Int?, column: String?, expected: String) {
        self.row = row
        self.column = column
        self.expected = expected
    }

    /// Where a JSON document failed to decode: the path of keys and indices, and what the
    /// decoder wanted (its words name types, not values).
    init(decoding error: DecodingError) {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(row: nil, column: path(context.codingPath + [key]), expected: "a value (it is missing)")
        case .typeMismatch(let type, let context):
            self.init(row: nil, column: path(context.codingPath), expected: "a value of type \(type)")
        case .valueNotFound(let type, let context):
            self.init(row: nil, column: path(context.codingPath), expected: "a value of type \(type), not null")
        case .dataCorrupted(let context):
            self.init(row: nil, column: path(context.codingPath), expected: "a valid value (\(context.debugDescription))")
        @unknown default:
            self.init(row: nil, column: nil, expected: "a care export document")
        }
    }

    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let column { place.append(row == nil ? "at \(column)" : "column \(column)") }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return prefix.prefix(1).uppercased() + prefix.dropFirst() + "expected " + expected + "."
    }
}

/// Every problem an import file has; nothing of it was imported.
public struct ImportProblems: ErrorInWords, Sendable, Equatable {
    public var problems: [ImportProblem]

    public init(_ problems: [ImportProblem]) { self.problems = problems }

    /// At most `limit` problems are listed; the rest are counted.
    public static let limit = 20

    public var description: String {
        let shown = problems.prefix(Self.limit).map { "  " + $0.description }.joined(separator: "\n")
        let more = problems.count > Self.limit ? "\n  … and \(problems.count - Self.limit) more" : ""
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "Nothing was imported: the file has \(count).\n\(shown)\(more)"
    }
}
