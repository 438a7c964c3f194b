import CareDomain
import Foundation
import GRDB

/// The building blocks every operation uses: transactions, record rows, and audit events.
extension SQLiteCaseStore {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: the change and its audit event commit
    /// together or not at all. Takes the write lock up front, so other processes wait (as long as
    /// `lockWaits` says: five seconds, or what the dashboard asked for) instead of failing
    /// half-way. A read-only store refuses in words.
    ///
    /// `durability` is `.synced` for every change; only the audit event of a look at a record is
    /// committed `.untilNextSync` (`Durability`), and the connection is set back to
    /// `synchronous = FULL` before this returns, whatever happened.
    @discardableResult
    func write<T>(keys: SessionKeys? = nil, durability: Durability = .synced, _ body: (Database, SessionKeys) throws -> T) throws -> T {
        let keys = try keys ?? session.keys()
        if let readOnlyReason { throw StoreError.readOnly(readOnlyReason) }
        // This session's own events move the machine's anchor on (at most once a second), so
        // a copy put back over them is named even if the process never quits cleanly; noted
        // off this thread, a moment later.
        defer { if headMemory.isDue(now: clock.now()) { rememberHeadSoon() } }
        defer { checkpointer.noteCommit() }
        return try givenUpInWords {
            try StoreDatabase.mapErrors(at: location) {
                try dbQueue.writeWithoutTransaction { db in
                    // Said at every commit, not assumed from the last: a change never commits
                    // without the wait, whatever became of a look's setting before it.
                    try db.execute(sql: "PRAGMA synchronous = \(durability == .synced ? "FULL" : "NORMAL")")
                    let outcome = Result { () throws -> T in
                        var result: T?
                        try db.inTransaction(.immediate) {
                            try db.requireFileInPlace()
                            try requireActiveAccount(db)
                            try requireCurrentKeys(db, keys)
                            result = try body(db, keys)
                            return .commit
                        }
                        return result!
                    }
                    // Set back at once too, for what else runs on this connection (migrations,
                    // the sign-in's own transaction).
                    if durability == .untilNextSync { try db.execute(sql: "PRAGMA synchronous = FULL") }
                    return try outcome.get()
                }
            }
        }
    }

    /// A wait for another session's lock that the person gave up (`LockWaitCancel`) says so,
    /// rather than that the other session held the store too long.
    func givenUpInWords<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.busy where lockWaits.wasGivenUp {
            throw StoreError.gaveUpWaiting
        }
    }

    /// Runs `body` in a read transaction (one consistent snapshot).
    func read<T>(_ body: (Database, SessionKeys) throws -> T) throws -> T {
        let keys = try session.keys()
        return try givenUpInWords {
            try StoreDatabase.mapErrors(at: location) {
                try dbQueue.read { db in
                    try requireActiveAccount(db)
                    try requireCurrentKeys(db, keys)
                    return try body(db, keys)
                }
            }
        }
    }

    /// A supervisor's `care user disable` reaches a session already open: the keys it unlocked
    /// stay in its memory, so every read and write checks the account first (one indexed row)
    /// and a disabled one is refused (`AccountDisabledWhileOpen`).
    func requireActiveAccount(_ db: Database) throws {
        let active = try Int.fetchOne(db, sql: "SELECT active FROM accounts WHERE id = ?", arguments: [worker.id.rawValue])
        guard active == 1 else { throw AccountDisabledWhileOpen(accountName: worker.accountName) }
    }

    /// A supervisor's `care keys rotate` reaches a session already open: the old class key it
    /// holds would read nothing more and seal new records nobody else can open, so every read
    /// and write compares the session's key checks with the keyring's (a few rows) and refuses
    /// in words until the session is unlocked again, which takes the new key. A class whose
    /// keyring row is missing is left to the notice that says so.
    func requireCurrentKeys(_ db: Database, _ keys: SessionKeys) throws {
        guard !keys.keyChecks.isEmpty else { return }
        for row in try Row.fetchAll(db, sql: "SELECT class, key_check FROM keyring") {
            guard let visibility = VisibilityClass(rawValue: try row.stored("class")),
                  let held = keys.keyChecks[visibility], held != (try row.stored("key_check", as: Data.self))
            else { continue }
            throw StoreError.invalid(
                "A supervisor changed the key to \(visibility.records) since this session signed in: lock (Ctrl-X) and unlock, or "
                    + "sign in again, to receive the new one. Nothing was read or saved.")
        }
    }

    /// Takes `count` numbers from the change counter in `meta` for the rows this transaction is
    /// about to write, and returns the first. Every written row carries one (`change_seq`), so
    /// the counter is always the highest sequence in the feed; nothing bumps it without a row,
    /// or a session would poll a cursor that no change explains.
    static func reserveChangeSequences(_ db: Database, count: Int) throws -> Int64 {
        try db.execute(
            sql: "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'changes'", arguments: [count])
        guard let last = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes'") else {
            throw StoreError.corrupt("the change counter is missing")
        }
        return last - Int64(count) + 1
    }

    // MARK: Records

    /// Opens one row as `Record`. The seal binds every clear column; the decoded record must
    /// also name the row's id, version and child, so a payload that disagrees with its row —
    /// even one sealed by someone holding the key — is refused.
    static func openRecord<Record: CareRecord>(_ type: Record.Type, row: RecordRow, keys: SessionKeys, decoder: JSONDecoder) throws -> Record {
        try RecordOpening.open(type, row: row, keys: keys, decoder: decoder)
    }

    /// Opens one row as whatever record its kind names, with the same checks as `openRecord`.
    static func openAnyRecord(_ row: RecordRow, keys: SessionKeys, decoder: JSONDecoder) throws -> AnyRecord {
        try RecordOpening.openAny(row, keys: keys, decoder: decoder)
    }

    static func fetchRow(_ kind: RecordKind, id: String, db: Database) throws -> RecordRow? {
        try Row.fetchOne(
            db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id]
        ).map(RecordRow.init(row:))
    }

    static func fetchAnyRecord(_ kind: RecordKind, id: String, db: Database, keys: SessionKeys, decoder: JSONDecoder) throws -> AnyRecord? {
        try fetchRow(kind, id: id, db: db).map { try openAnyRecord($0, keys: keys, decoder: decoder) }
    }

    static func fetchRecord<Record: CareRecord>(_ type: Record.Type, id: String, db: Database, keys: SessionKeys) throws -> Record? {
        try fetchRow(Record.kind, id: id, db: db).map { try openRecord(Record.self, row: $0, keys: keys, decoder: RecordCoding.decoder()) }
    }

    /// What to do with a row that does not open (`DamagedRecord`): throw (the default, where a
    /// rule or a command needs the record itself), or note it and go on (reading the caseload and
    /// a child's record, so one damaged row locks nobody out of the rest).
    typealias DamageHandler = RecordDamageHandler
    static func refuseDamage(_ record: DamagedRecord, _ error: StoreError) throws { try CareCore.refuseDamage(record, error) }

    /// Every record of one kind (optionally one child's) this session may read, opened in bulk.
    /// Rows of a class it holds no key to are passed over: its role may not read them.
    static func fetchAll<Record: CareRecord>(
        _ type: Record.Type, child: ChildID? = nil, db: Database, keys: SessionKeys, decoder: JSONDecoder,
        onDamage: DamageHandler = refuseDamage
    ) throws -> [Record] {
        let rows: RowCursor
        if let child {
            rows = try Row.fetchCursor(
                db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND child_id = ? ORDER BY sort_at DESC, updated_at DESC, id",
                arguments: [Record.kind.rawValue, child.rawValue])
        } else {
            rows = try Row.fetchCursor(
                db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? ORDER BY sort_at DESC, updated_at DESC, id",
                arguments: [Record.kind.rawValue])
        }
        return try openReadable(Record.self, rows, keys: keys, decoder: decoder, onDamage: onDamage)
    }

    /// Opens the rows of `cursor` this session holds the class key of, in their order. The rows
    /// are read first; many of them are then opened and decoded on every core
    /// (`ParallelOpening`), each with its own decoder. A row that does not open (its columns are
    /// damaged, its seal fails, or it does not decode) goes to `onDamage`, on this thread.
    static func openReadable<Record: CareRecord>(
        _ type: Record.Type, _ cursor: RowCursor, keys: SessionKeys, decoder: JSONDecoder, onDamage: DamageHandler = refuseDamage
    ) throws -> [Record] {
        var records: [Record] = []
        var rows: [RecordRow] = []
        // In batches, so no more than one batch of sealed payloads is held at a time.
        func openBatch() throws {
            let opened = ParallelOpening.results(rows, decoder: decoder) { row, decoder in
                try openRecord(Record.self, row: row, keys: keys, decoder: decoder)
            }
            for (row, outcome) in zip(rows, opened) {
                do {
                    records.append(try outcome.get())
                } catch let error as StoreError where error.isDamage {
                    try onDamage(DamagedRecord(kind: row.kind, id: row.id, child: row.childID.map(ChildID.init(rawValue:))), error)
                }
            }
            rows.removeAll(keepingCapacity: true)
        }
        while let stored = try cursor.next() {
            let row: RecordRow
            do {
                row = try RecordRow(row: stored)
            } catch let error as StoreError where error.isDamage {
                try onDamage(DamagedRecord(stored, kind: Record.kind), error)
                continue
            }
            guard keys.keyring.holds(row.visibility) else { continue }
            rows.append(row)
            if rows.count == ParallelOpening.batch { try openBatch() }
        }
        try openBatch()
        return records
    }

    /// Seals `record` into its row, inserting it or replacing the row still at `expectedVersion`,
    /// stamped with `changeSequence`. Returns the row as written, or nil when an update found no
    /// row at that version (someone saved first: a conflict). An insert over an existing row
    /// throws SQLite's constraint error, for the caller to put in words.
    ///
    /// `sort_at` is `timeIntervalSince1970`, the value the sealed JSON holds, so a contact read
    /// back gives a cursor that compares equal to its own row.
    static func writeRow<Record: CareRecord>(
        _ record: Record, insert: Bool, expectedVersion: Int, at: Date, changeSequence: Int64,
        db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> RecordRow? {
        if insert { return try insertRow(record, at: at, changeSequence: changeSequence, db: db, keys: keys, encoder: encoder) }
        let row = try sealedRow(record, at: at, changeSequence: changeSequence, db: db, keys: keys, encoder: encoder)
        return try row.update(db, expectedVersion: expectedVersion) ? row : nil
    }

    /// Seals `record` into a new row; SQLite's constraint error when its id is taken.
    static func insertRow<Record: CareRecord>(
        _ record: Record, at: Date, changeSequence: Int64, db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> RecordRow {
        let row = try sealedRow(record, at: at, changeSequence: changeSequence, db: db, keys: keys, encoder: encoder)
        try row.insert(db)
        return row
    }

    private static func sealedRow<Record: CareRecord>(
        _ record: Record, at: Date, changeSequence: Int64, db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> RecordRow {
        // A lead from someone who may not read leads goes to the police's drop (`LeadDrop`).
        try LeadDrop.sealedForWriting(record, at: at, changeSequence: changeSequence, keys: keys, encoder: encoder) {
            try LeadDrop.published(db)
        }
    }

    /// `writeRow` for a record known only as `AnyRecord`.
    static func writeAnyRow(
        _ record: AnyRecord, insert: Bool, expectedVersion: Int, at: Date, changeSequence: Int64,
        db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> RecordRow? {
        func write<Record: CareRecord>(_ concrete: Record) throws -> RecordRow? {
            try writeRow(concrete, insert: insert, expectedVersion: expectedVersion, at: at, changeSequence: changeSequence,
                         db: db, keys: keys, encoder: encoder)
        }
        return try write(record.record)
    }

    // MARK: Audit

    /// Appends one event to the chain inside the current transaction and moves the head; `rows`
    /// are the records it wrote, kept in the trail by version and row hash.
    @discardableResult
    func appendEvent(
        _ db: Database, keys: SessionKeys, action: AuditAction, actor: String?? = .none, at: Date? = nil,
        targetKind: RecordKind? = nil, targetID: String? = nil, child: ChildID? = nil, summary: String, rows: [RecordRow] = []
    ) throws -> AuditEvent {
        try AuditLog(keys: keys).append(db, AuditLog.NewEvent(
            action: action, actor: actor ?? worker.id.rawValue, at: at ?? clock.now(), targetKind: targetKind, targetID: targetID,
            child: child, summary: summary, rows: rows))
    }

    /// Moves failed logins noted in clear into the keyed chain as `loginFailed` events.
    static func foldFailedLogins(_ db: Database, keys: SessionKeys) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.at, f.account, a.id AS worker FROM failed_logins f
            LEFT JOIN accounts a ON a.account_name = f.account AND f.account <> ''
            ORDER BY f.id
            """)
        let log = AuditLog(keys: keys)
        for row in rows {
            let account: String = try row.stored("account")
            let summary = account.isEmpty
                ? "failed sign-in with an account name that does not exist"
                : "failed sign-in for \(account): wrong passphrase"
            try log.append(db, AuditLog.NewEvent(
                action: .loginFailed, actor: try row.stored("worker"), at: Date(timeIntervalSince1970: try row.stored("at")), summary: summary))
        }
        try db.execute(sql: "DELETE FROM failed_logins")
    }
}
