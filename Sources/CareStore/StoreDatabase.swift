import CareDomain
import Foundation
import GRDB
import GRDBSQLite

/// Opening the SQLite file with the store's settings, and turning SQLite's errors into words.
enum StoreDatabase {
    /// Ten times SQLite's default (40 MB of WAL): a net under `WALCheckpointer`.
    static let autoCheckpointPages = 10_000

    /// WAL with `synchronous = FULL` (a committed change survives power loss), waits for other
    /// processes on the same host as `lockWaits` says (five seconds unless a caller bounds it),
    /// and foreign keys on. New files are created
    /// under umask 0077 (0600); existing files keep the modes the operator gave them. A
    /// read-only store is opened read-only.
    static func open(_ location: StoreLocation, readOnly: Bool = false, lockWaits: LockWaitPolicy = LockWaitPolicy()) throws -> DatabaseQueue {
        if location.isFolder { throw location.folderRefusal }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .callback { tries in lockWaits.retry(tries) }
        config.label = "care.store"
        config.readonly = readOnly
        config.prepareDatabase { db in
            if !readOnly {
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode?.lowercased() == "wal" else {
                    throw StoreError.database("could not switch the store to WAL journaling")
                }
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // The session's own checkpoints run off the writer's thread (`WALCheckpointer`);
                // this connection checkpoints only if those fall far behind.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(autoCheckpointPages)")
            }
            // Sorts and temporary tables stay in memory: sealed payloads are never spilled
            // into temp files outside the store's own files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let path = readOnly ? try readOnlyPath(location) : location.path
        return try mapErrors(at: location) {
            try StoreLocation.withPrivateUmask { try DatabaseQueue(path: path, configuration: config) }
        }
    }

    /// `body` in a read transaction of a read-only connection of its own, opened for it and
    /// closed after: for reading the store on another thread beside the session's connection
    /// (`CaseloadPrefetch`, `RangedSummaryRead`).
    static func readAside<T>(_ location: StoreLocation, label: String, _ body: (Database) throws -> T) throws -> T {
        var config = Configuration()
        config.readonly = true
        config.label = label
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        let queue = try DatabaseQueue(path: location.path, configuration: config)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// Where to open a store that cannot be written. On a disk mounted read-only, SQLite cannot
    /// make the `-shm` file its WAL mode reads through, and fails with "unable to open database
    /// file"; a store closed cleanly has nothing in a `-wal` file, so it is opened as immutable
    /// (nobody can change it through this mount). One whose last changes are still in its `-wal`
    /// is opened as usual, and said in words when SQLite cannot read it there.
    static func readOnlyPath(_ location: StoreLocation) throws -> String {
        guard DiskState(location)?.readOnlyMount == true else { return location.path }
        let walBytes = (try? FileManager.default.attributesOfItem(atPath: location.walPath)[.size] as? Int) ?? 0
        guard walBytes == 0 else { return location.path }
        var uri = URLComponents()
        uri.scheme = "file"
        uri.path = location.path
        uri.queryItems = [URLQueryItem(name: "immutable", value: "1")]
        return uri.string ?? location.path
    }

    /// Refuses a file that is SQLite but not a care store, before any migration could write
    /// tables into it; refuses a store written by a newer version. Then migrates (a read-only
    /// store that needs migrating is refused in words).
    static func requireStore(_ queue: DatabaseQueue, readOnlyReason: String? = nil) throws {
        try mapErrors(at: StoreLocation(path: queue.path)) {
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
            if let readOnlyReason {
                let applied = try queue.read { try migrator.appliedIdentifiers($0) }
                guard applied.contains(Schema.readableFrom) else {
                    throw StoreError.readOnly("\(readOnlyReason), and this store was made by an earlier version of care, which must first be upgraded with write access")
                }
            } else {
                try migrator.migrate(queue)
            }
            let missing = try queue.read { db in
                try ["accounts", "records", "audit", "audit_rows", "failed_logins", "case_counters", "key_grants", "keyring"]
                    .filter { try !db.tableExists($0) }
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

    /// The store's random id, bound into every seal, grant and head.
    static func storeID(_ db: Database) throws -> String {
        guard let id = try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'store_id'"), !id.isEmpty else {
            throw StoreError.corrupt("it has no store id")
        }
        return id
    }

    /// Whether the store's data is in the current format (`StoreUpgrade` has run, or it was made so).
    static func isUpgraded(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'sealing'") == Schema.sealing
    }

    /// Runs `body`, translating SQLite errors into `StoreError` in words (`SQLiteDiagnosis`), the
    /// store's disk looked at when SQLite's code does not say what happened. Messages carry
    /// SQLite's words and never statement arguments.
    static func mapErrors<T>(at location: StoreLocation? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SQLiteDiagnosis.storeError(error, location: location)
        }
    }
}

extension Database {
    /// Refuses to write into a store file that was deleted or moved while it was open. SQLite
    /// goes on writing into the unlinked file in WAL mode, and everything saved there would
    /// vanish when the session closed, each save having said "Saved".
    func requireFileInPlace() throws {
        var moved: Int32 = 0
        guard sqlite3_file_control(sqliteConnection, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK else { return }
        if moved != 0 { throw StoreError.storeGone("its file was moved or deleted while care had it open") }
    }
}
