import CareDomain
import Foundation
import TextUI

/// The JSON export: every record of the unit, each with its kind, in the records' own shape
/// (`docs/import-format.md` describes it). `care import` reads it back to equal records.
/// Dates are seconds since 1970, as the store keeps them, so nothing is rounded on the way.
public struct ExportDocument: Codable, Sendable, Equatable {
    public static let formatName = "care-export/1"

    public var format: String
    public var unit: String
    public var timeZone: String
    public var exportedAt: Date
    public var records: [Entry]

    public init(unit: UnitInfo, exportedAt: Date, records: [AnyRecord]) {
        format = Self.formatName
        self.unit = unit.code
        timeZone = unit.timeZone.identifier
        self.exportedAt = exportedAt
        self.records = records.map(Entry.init)
    }

    /// One record and its kind.
    public struct Entry: Codable, Sendable, Equatable {
        public var record: AnyRecord

        public init(_ record: AnyRecord) { self.record = record }

        private enum Keys: String, CodingKey { case kind, record }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(record.kind, forKey: .kind)
            try record.record.encode(to: container.superEncoder(forKey: .record))
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let kind = try container.decode(RecordKind.self, forKey: .kind)
            record = AnyRecord(try AnyRecord.recordType(of: kind).init(from: container.superDecoder(forKey: .record)))
        }
    }

    public var anyRecords: [AnyRecord] { records.map(\.record) }

    /// The document as JSON text, every string sanitized (a record written before the sanitizer
    /// existed cannot carry a control character out of the store).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return try SanitizedJSON.clean(try encoder.encode(self), pretty: true)
    }

    /// Reads a document, its strings sanitized before anything is decoded; a value that does not
    /// fit says where (`ExportDocument.Problem`).
    public static func decode(_ data: Data) throws -> ExportDocument {
        let cleaned: Data
        do {
            cleaned = try SanitizedJSON.clean(data, pretty: false)
        } catch {
            throw ImportProblems([ImportProblem(row: nil, column: nil, expected: "a JSON document (the file is not valid JSON)")])
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            let document = try decoder.decode(ExportDocument.self, from: cleaned)
            guard document.format == formatName else {
                throw ImportProblems([ImportProblem(row: nil, column: "format", expected: "\"\(formatName)\"")])
            }
            return document
        } catch let error as DecodingError {
            throw ImportProblems([ImportProblem(decoding: error)])
        }
    }
}

/// JSON with every string value passed through the sanitizer (line breaks kept).
enum SanitizedJSON {
    static func clean(_ data: Data, pretty: Bool) throws -> Data {
        let tree = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        if pretty { options.insert(.prettyPrinted) }
        return try JSONSerialization.data(withJSONObject: clean(tree), options: options)
    }

    static func clean(_ value: Any) -> Any {
        switch value {
        case let text as String: Sanitizer.clean(text, multiline: true)
        case let list as [Any]: list.map(clean)
        case let object as [String: Any]: object.mapValues(clean)
        default: value
        }
    }
}
