import CSV
import Foundation

/// CSV in and out through CSV.swift (RFC 4180: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF), so no part of `care` splits or quotes CSV by hand.
public enum CSVTable {
    /// A file's header and its rows (without the header).
    public struct Parsed: Sendable, Equatable {
        public var header: [String]
        public var rows: [[String]]
        /// Each row's number as a spreadsheet shows it (the header is row 1; skipped empty rows
        /// still count).
        public var rowNumbers: [Int]

        public init(header: [String], rows: [[String]], rowNumbers: [Int]? = nil) {
            self.header = header
            self.rows = rows
            self.rowNumbers = rowNumbers ?? rows.indices.map { $0 + 2 }
        }
    }

    /// Parses UTF-8 CSV text with a header row. A byte-order mark (as spreadsheet programs
    /// write) is dropped; rows that are entirely empty are skipped.
    public static func parse(_ data: Data) throws -> Parsed {
        guard var text = String(data: data, encoding: .utf8) else {
            throw ImportProblems([ImportProblem(row: nil, column: nil, expected: "UTF-8 text (save the spreadsheet as \"CSV UTF-8\")")])
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ImportProblems([ImportProblem(row: 1, column: nil, expected: "a header row naming the columns")])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ImportProblems([ImportProblem(row: 1, column: nil, expected: "a header row naming the columns")])
        }
        var rows: [[String]] = []
        var numbers: [Int] = []
        var number = 1
        while let row = reader.next() {
            number += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append(row)
            numbers.append(number)
        }
        if reader.error != nil {
            throw ImportProblems([ImportProblem(row: number + 1, column: nil, expected: "CSV that can be read (UTF-8, quotes closed)")])
        }
        return Parsed(header: reader.headerRow ?? [], rows: rows, rowNumbers: numbers)
    }

    /// CSV text written from a header and rows.
    public static func text(header: [String], rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
