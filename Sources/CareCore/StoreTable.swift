import Foundation

/// One table of a store as stored, every row's values as they are: what `care migrate` carries
/// from one backend to another without opening a seal. Sealed payloads, row hashes and the audit
/// chain are bytes here, copied unchanged, so the chain still verifies on the other side.
public struct StoreTable: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case bytes(Data)
    }

    public var name: String
    public var columns: [String]
    public var rows: [[Value]]

    public init(name: String, columns: [String], rows: [[Value]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
