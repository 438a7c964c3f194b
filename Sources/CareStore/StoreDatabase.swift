import CareDomain
import Foundation
import GRDB

/// Opening the SQLite file with the store's settings, and turning SQLite's errors into words.
enum StoreDatabase {
    /// WAL with `synchronous = FULL` (a committed change survives power loss), a five-second busy
    /// timeout for other processes on the same host, and foreign keys on. Files are created under
    /// umask 0077 and set to 0600 afterwards.
    static func open(_ location: StoreLocation) throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.label = "care.store"
        config.prepareDatabase { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode?.lowercased() == "wal" else {
                throw StoreError.database("could not switch the store to WAL journaling")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Sorts and temporary tables stay in memory: sealed payloads are never spilled
            // into temp files outside the store's 0600 files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let queue = try mapErrors {
            try StoreLocation.withPrivateUmask { try DatabaseQueue(path: location.path, configuration: config) }
        }
        location.restrictFileModes()
        return queue
    }

    /// Refuses a file that is SQLite but not a care store, before any migration could write
    /// tables into it; refuses a store written by a newer version. Then migrates.
    static func requireStore(_ queue: DatabaseQueue) throws {
        try mapErrors {
            let format: String? = try queue.read { db in
                guard try db.tableExists("meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'format'")
            }
            guard let format else { throw StoreError.corrupt("it has no care store header (meta table)") }
            guard format == Schema.format else { throw StoreError.newerFormat(format) }
            let migrator = Schema.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerFormat("a newer schema")
            }
            try migrator.migrate(queue)
            let missing = try queue.read { db in
                try ["accounts", "records", "audit", "failed_logins", "case_counters"].filter { try !db.tableExists($0) }
            }
            guard missing.isEmpty else {
                throw StoreError.corrupt("missing table \(missing.joined(separator: ", "))")
            }
        }
    }

    /// The unit code and time zone kept in clear in `meta`. A store made before the time zone
    /// was kept (or naming a zone this machine does not know) uses the machine's.
    static func unitInfo(_ db: Database) throws -> UnitInfo {
        let code = try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'unit'") ?? ""
        let zone = try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'time_zone'")
            .flatMap(TimeZone.init(identifier:))
        return UnitInfo(code: code, timeZone: zone ?? .current)
    }

    /// Runs `body`, translating SQLite errors into `StoreError`. Messages carry SQLite's words
    /// and never statement arguments.
    static func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw StoreError.corrupt("the file is not an SQLite database")
            case .SQLITE_CORRUPT:
                throw StoreError.corrupt(error.message ?? "SQLite reports the file damaged")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw StoreError.busy
            default:
                throw StoreError.database(error.message ?? "SQLite error \(error.resultCode.rawValue)")
            }
        }
    }
}
