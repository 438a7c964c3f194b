import Foundation
import GRDB

extension Row {
    /// The value of `column` as `Value`, or `StoreError.corrupt` when the file holds something
    /// else there (a NULL where a value belongs, or a value of another type; ask for an optional where NULL is allowed): damaged bytes must be an error in words,
    /// never GRDB's fatal error for an unexpected value, which ends the process (and prints the
    /// row).
    func stored<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        do {
            return try decode(Value.self, forColumn: column)
        } catch {
            throw StoreError.corrupt("a stored row is damaged (its \(column) is not what the store wrote)")
        }
    }
}
