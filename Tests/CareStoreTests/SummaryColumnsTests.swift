import CareCore
import Foundation
import GRDB
import Testing
@testable import CareStore

/// `SummaryColumns` reads a summary row's columns straight from the statement: for every kind of
/// value a damaged file can hold in each column, it must give the row `Row.stored` gives, or fail
/// where it fails, with damage in words.
@Suite struct SummaryColumnsTests {
    /// Values of every SQLite storage class, including the ones GRDB converts.
    static let values: [DatabaseValue] = [
        DatabaseValue.null, 7.databaseValue, 0.databaseValue, (-3).databaseValue, 2.5.databaseValue, 1_780_000_000.25.databaseValue,
        1e300.databaseValue, "team".databaseValue, "restricted".databaseValue, "0a1b2c3d-4e5f-4617-8899-aabbccddeeff".databaseValue,
        "".databaseValue, "ᐊᓂᔑᓈᐯᒧᐎᓐ test".databaseValue, Data("team".utf8).databaseValue, Data([0xFF, 0xFE, 0x00]).databaseValue,
        Data().databaseValue, Data([1, 2, 3, 4]).databaseValue,
    ]

    enum Outcome: Equatable {
        case row(RecordRow)
        case damage
    }

    static func outcome(_ read: () throws -> RecordRow) -> Outcome {
        do {
            return .row(try read())
        } catch let error as StoreError where error.isDamage {
            return .damage
        } catch {
            Issue.record("not damage in words: \(error)")
            return .damage
        }
    }

    @Test func everyColumnReadsAsRowStoredReadsIt() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE summaries (child_id, class, version, updated_at, change_seq, payload)")
        }
        // A good row, then each column given each value in turn.
        let good: [DatabaseValue] = [
            "0a1b2c3d-4e5f-4617-8899-aabbccddeeff".databaseValue, "team".databaseValue, 3.databaseValue,
            1_780_000_000.5.databaseValue, 42.databaseValue, Data([9, 8, 7]).databaseValue,
        ]
        var rows = [good]
        for column in good.indices {
            for value in Self.values {
                var row = good
                row[column] = value
                rows.append(row)
            }
        }
        var rows_read = 0
        try db.write { db in
            for row in rows {
                try db.execute(sql: "DELETE FROM summaries")
                try db.execute(sql: "INSERT INTO summaries VALUES (?, ?, ?, ?, ?, ?)", arguments: StatementArguments(row))
                let statement = try db.makeStatement(sql: "SELECT \(CaseloadSummaries.columns) FROM summaries")
                let cursor = try Row.fetchCursor(statement)
                let stored = try #require(try cursor.next())
                let expected = Self.outcome { try SQLiteCaseStore.summaryRow(stored) }
                let read = Self.outcome { try SummaryColumns.row(statement.sqliteStatement) }
                #expect(read == expected, "\(row)")
                rows_read += 1
            }
        }
        #expect(rows_read == 1 + 6 * Self.values.count)
        // The good row is a row, and some values in each column are damage.
        #expect(Self.outcome { try CaseloadSummaries.row(
            childID: "0a1b2c3d-4e5f-4617-8899-aabbccddeeff", visibility: "team", version: 3, updatedAt: 1_780_000_000.5,
            changeSequence: 42, payload: Data([9, 8, 7])) } != .damage)
    }
}
