import Foundation
import GRDB
import GRDBSQLite

/// A `summaries` row's columns (`CaseloadSummaries.columns`, in that order) read from the
/// statement itself rather than through GRDB's `Row`: the open reads every child's summary (92,000
/// rows at 50,000 children), and finding each column by name and decoding it through
/// `DatabaseValue`, with a copy of the payload and generic metadata looked up per value, was about
/// a seventh of the load's CPU (docs/benchmarks.md, tenth pass).
///
/// It accepts exactly what `Row.stored` accepts for the same columns: an integer column may hold
/// a real (taken toward zero), a real column an integer, a text column a blob of UTF-8, the
/// payload a text; a NULL or any other value is damage, in words (`SummaryColumnsTests`).
enum SummaryColumns {
    static func row(_ statement: SQLiteStatement) throws -> RecordRow {
        try CaseloadSummaries.row(
            childID: try text(statement, 0, "child_id"), visibility: try text(statement, 1, "class"),
            version: try integer(statement, 2, "version"), updatedAt: try real(statement, 3, "updated_at"),
            changeSequence: Int64(try integer(statement, 4, "change_seq")), payload: try blob(statement, 5, "payload"))
    }

    private static func damaged(_ column: String) -> StoreError {
        StoreError.corrupt("a stored row is damaged (its \(column) is not what the store wrote)")
    }

    private static func text(_ statement: SQLiteStatement, _ index: CInt, _ column: String) throws -> String {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_text(statement, index) else { throw damaged(column) }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        case SQLITE_BLOB:
            // GRDB's conversion: a blob is text when it is valid UTF-8.
            let count = Int(sqlite3_column_bytes(statement, index))
            // SQLite gives no pointer for an empty blob: empty text.
            guard let bytes = sqlite3_column_blob(statement, index) else { return "" }
            guard let text = String(validating: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self) else { throw damaged(column) }
            return text
        default:
            throw damaged(column)
        }
    }

    private static func integer(_ statement: SQLiteStatement, _ index: CInt, _ column: String) throws -> Int {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return Int(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            // As GRDB converts a real: toward zero, when in range.
            let value = sqlite3_column_double(statement, index)
            guard value >= Double(Int64.min), value < Double(Int64.max) else { throw damaged(column) }
            return Int(Int64(value))
        default:
            throw damaged(column)
        }
    }

    private static func real(_ statement: SQLiteStatement, _ index: CInt, _ column: String) throws -> Double {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_FLOAT: return sqlite3_column_double(statement, index)
        case SQLITE_INTEGER: return Double(sqlite3_column_int64(statement, index))
        default: throw damaged(column)
        }
    }

    private static func blob(_ statement: SQLiteStatement, _ index: CInt, _ column: String) throws -> Data {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_blob(statement, index) else { return Data() }
            return Data(bytes: bytes, count: count)
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_text(statement, index) else { return Data() }
            return Data(bytes: bytes, count: count)
        default:
            throw damaged(column)
        }
    }
}
