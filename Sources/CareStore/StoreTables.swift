import CareDomain
import Foundation
import GRDB

extension StoreAdmin {
    /// The tables `care migrate` carries to another backend, in an order that keeps every
    /// reference valid.
    public static let migratedTables = [
        "meta", "accounts", "key_grants", "keyring", "authority_grants", "records", "summaries", "case_counters", "audit", "audit_rows",
        "failed_logins",
    ]

    /// Every row of the store at `options.path`'s tables as stored (sealed payloads, keyed tags
    /// and chain hashes as bytes), read in one transaction without a passphrase. A store still
    /// on the first format is refused: it is upgraded at its first sign-in here first.
    public static func tables(options: StoreOptions) throws -> [StoreTable] {
        let location = options.location
        guard location.exists else { throw StoreError.notFound(path: location.path) }
        try location.requireLocalFilesystem(using: options.filesystemProbe)
        let queue = try StoreDatabase.open(location, readOnly: true)
        try StoreDatabase.requireStore(queue, readOnlyReason: "it is being copied")
        return try StoreDatabase.mapErrors(at: location) {
            try queue.read { db in
                guard try StoreDatabase.isUpgraded(db) else {
                    throw StoreError.upgradeRefused("this store was made by an earlier version of care; sign in to it once to upgrade it, then migrate it")
                }
                // A server store chains its trail under one team key (`TeamKeyHistory` is the file's only).
                if try db.tableExists("key_epochs"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM key_epochs") ?? 0 > 0 {
                    throw StoreError.invalid(
                        "This store's team key was rotated, and a store on a PostgreSQL server cannot yet verify a trail chained under "
                            + "more than one team key; it was not copied.")
                }
                return try migratedTables.map { name in
                    let columns = try db.columns(in: name).map(\.name)
                    var rows: [[StoreTable.Value]] = []
                    let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(name)")
                    while let row = try cursor.next() {
                        rows.append(columns.map { column in
                            switch row[column] as DatabaseValue {
                            case let value where value.isNull: .null
                            case let value:
                                switch value.storage {
                                case .int64(let number): .integer(number)
                                case .double(let number): .real(number)
                                case .string(let text): .text(text)
                                case .blob(let data): .bytes(data)
                                case .null: .null
                                }
                            }
                        })
                    }
                    return StoreTable(name: name, columns: columns, rows: rows)
                }
            }
        }
    }
}
