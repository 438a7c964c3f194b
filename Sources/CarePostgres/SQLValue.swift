import CareCore
import Foundation
import PostgresNIO

/// One value bound to a statement, in the few types the store's tables use. Statements carry
/// values only as binds, never spliced into their text.
enum SQLValue: Sendable {
    case text(String?)
    case integer(Int64?)
    case real(Double?)
    case bytes(Data?)
    /// A NULL whose type the server infers from where it goes.
    case null
    /// A `text[]`, for `= ANY($n)`.
    case texts([String])

    static func int(_ value: Int?) -> SQLValue { .integer(value.map(Int64.init)) }
}

extension PostgresQuery {
    /// `sql` with `$1`, `$2`… bound to `values` in order.
    init(_ sql: String, _ values: [SQLValue]) throws {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .real(let number): binds.append(number)
            case .bytes(let data): try binds.append(data)
            case .null: binds.appendNull()
            case .texts(let texts): binds.append(texts)
            }
        }
        self.init(unsafeSQL: sql, binds: binds)
    }
}

extension PostgresRandomAccessRow {
    /// The value of `column` as `Value`, or `StoreError.corrupt` when the server holds something
    /// else there: damaged or foreign rows are an error in words, never a crash.
    func stored<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        do {
            return try self[column].decode(Value.self)
        } catch {
            throw StoreError.corrupt("a stored row is damaged (its \(column) is not what the store wrote)")
        }
    }

    /// A `bytea` column as `Data`.
    func bytes(_ column: String) throws -> Data {
        try stored(column, as: Data.self)
    }

    func optionalBytes(_ column: String) throws -> Data? {
        try stored(column, as: Data?.self)
    }
}
