import CareDomain
import Foundation
import GRDB

/// The building blocks every operation uses: transactions, record rows, and audit events.
extension SQLiteCaseStore {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: the change and its audit event commit
    /// together or not at all. Takes the write lock up front, so other processes wait (up to the
    /// busy timeout) instead of failing half-way.
    @discardableResult
    func write<T>(keys: SessionKeys? = nil, _ body: (Database, SessionKeys) throws -> T) throws -> T {
        let keys = try keys ?? session.keys()
        return try StoreDatabase.mapErrors {
            try dbQueue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db, keys)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs `body` in a read transaction (one consistent snapshot).
    func read<T>(_ body: (Database, SessionKeys) throws -> T) throws -> T {
        let keys = try session.keys()
        return try StoreDatabase.mapErrors { try dbQueue.read { db in try body(db, keys) } }
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

    /// Opens one sealed payload as `Record`. The payload must open under its row's kind and id,
    /// and its own id and version must match the row's, so an older sealed copy put back in place
    /// of a newer one is refused too.
    static func openRecord<Record: CareRecord>(
        _ type: Record.Type, id: String, version: Int, payload: Data, keys: SessionKeys, decoder: JSONDecoder
    ) throws -> Record {
        let plain = try keys.sealer.open(payload, kind: Record.kind.rawValue, id: id)
        let record: Record
        do {
            record = try decoder.decode(Record.self, from: plain)
        } catch {
            throw StoreError.corrupt("the \(Record.kind.rawValue) record \(id) does not decode")
        }
        guard record.recordID == id, record.version == version else {
            throw StoreError.sealBroken(kind: Record.kind.rawValue, id: id)
        }
        return record
    }

    /// Opens one sealed payload as whatever record its kind names, with the same checks as
    /// `openRecord`.
    static func openAnyRecord(
        _ kind: RecordKind, id: String, version: Int, payload: Data, keys: SessionKeys, decoder: JSONDecoder
    ) throws -> AnyRecord {
        let plain = try keys.sealer.open(payload, kind: kind.rawValue, id: id)
        let record: AnyRecord
        do {
            record = try AnyRecord.decode(kind, from: plain, using: decoder)
        } catch {
            throw StoreError.corrupt("the \(kind.rawValue) record \(id) does not decode")
        }
        guard record.recordID == id, record.version == version else {
            throw StoreError.sealBroken(kind: kind.rawValue, id: id)
        }
        return record
    }

    static func fetchAnyRecord(_ kind: RecordKind, id: String, db: Database, keys: SessionKeys, decoder: JSONDecoder) throws -> AnyRecord? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT version, payload FROM records WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id])
        else { return nil }
        return try openAnyRecord(kind, id: id, version: row["version"], payload: row["payload"], keys: keys, decoder: decoder)
    }

    static func fetchRecord<Record: CareRecord>(
        _ type: Record.Type, id: String, db: Database, keys: SessionKeys
    ) throws -> Record? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT version, payload FROM records WHERE kind = ? AND id = ?",
            arguments: [Record.kind.rawValue, id])
        else { return nil }
        return try openRecord(Record.self, id: id, version: row["version"], payload: row["payload"], keys: keys, decoder: RecordCoding.decoder())
    }

    /// Every record of one kind (optionally one child's), opened in bulk.
    static func fetchAll<Record: CareRecord>(
        _ type: Record.Type, child: ChildID? = nil, db: Database, keys: SessionKeys, decoder: JSONDecoder
    ) throws -> [Record] {
        let rows: RowCursor
        if let child {
            rows = try Row.fetchCursor(
                db, sql: "SELECT id, version, payload FROM records WHERE kind = ? AND child_id = ? ORDER BY sort_at DESC, updated_at DESC, id",
                arguments: [Record.kind.rawValue, child.rawValue])
        } else {
            rows = try Row.fetchCursor(
                db, sql: "SELECT id, version, payload FROM records WHERE kind = ? ORDER BY sort_at DESC, updated_at DESC, id",
                arguments: [Record.kind.rawValue])
        }
        var records: [Record] = []
        while let row = try rows.next() {
            records.append(try openRecord(Record.self, id: row["id"], version: row["version"], payload: row["payload"], keys: keys, decoder: decoder))
        }
        return records
    }

    /// Seals `record` into its row, inserting it or replacing the row still at `expectedVersion`,
    /// stamped with `changeSequence`. Returns false when an update found no row at that version
    /// (someone saved first: a conflict). An insert over an existing row throws SQLite's
    /// constraint error, for the caller to put in words.
    ///
    /// `sort_at` is `timeIntervalSince1970`, the value the sealed JSON holds, so a contact read
    /// back gives a cursor that compares equal to its own row.
    static func writeRow<Record: CareRecord>(
        _ record: Record, insert: Bool, expectedVersion: Int, at: Date, changeSequence: Int64,
        db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> Bool {
        let payload = try keys.sealer.seal(encoder.encode(record), kind: Record.kind.rawValue, id: record.recordID)
        let arguments: StatementArguments = [
            record.childID?.rawValue, record.version, record.sortDate?.timeIntervalSince1970,
            at.timeIntervalSince1970, payload, changeSequence, Record.kind.rawValue, record.recordID,
        ]
        if insert {
            try db.cachedStatement(sql: """
                INSERT INTO records(child_id, version, sort_at, updated_at, payload, change_seq, kind, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: arguments)
            return true
        }
        try db.cachedStatement(sql: """
            UPDATE records SET child_id = ?, version = ?, sort_at = ?, updated_at = ?, payload = ?, change_seq = ?
            WHERE kind = ? AND id = ? AND version = ?
            """).execute(arguments: arguments + [expectedVersion])
        return db.changesCount == 1
    }

    /// `writeRow` for a record known only as `AnyRecord`.
    static func writeAnyRow(
        _ record: AnyRecord, insert: Bool, expectedVersion: Int, at: Date, changeSequence: Int64,
        db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> Bool {
        func write<Record: CareRecord>(_ concrete: Record) throws -> Bool {
            try writeRow(concrete, insert: insert, expectedVersion: expectedVersion, at: at, changeSequence: changeSequence,
                         db: db, keys: keys, encoder: encoder)
        }
        return try write(record.record)
    }

    // MARK: Audit

    /// Appends one event to the chain inside the current transaction and moves the chain head.
    @discardableResult
    func appendEvent(
        _ db: Database, keys: SessionKeys, action: AuditAction, actor: String?? = .none, at: Date? = nil,
        targetKind: RecordKind? = nil, targetID: String? = nil, child: ChildID? = nil, summary: String
    ) throws -> AuditEvent {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let previous: Data = last?["hash"] ?? AuditChain.genesis
        let time = at ?? clock.now()
        let payload = try keys.sealer.seal(
            RecordCoding.encoder().encode(AuditPayload(summary: summary)), kind: "audit", id: String(seq))
        var row = AuditRow(
            seq: seq, at: time.timeIntervalSince1970, actor: actor ?? worker.id.rawValue, action: action.rawValue,
            targetKind: targetKind?.rawValue, targetID: targetID, childID: child?.rawValue, payload: payload, hash: Data())
        row.hash = keys.chain.link(previous: previous, row)
        try db.execute(
            sql: """
                INSERT INTO audit(seq, at, actor, action, target_kind, target_id, child_id, payload, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [row.seq, row.at, row.actor, row.action, row.targetKind, row.targetID, row.childID, row.payload, row.hash])
        var head = withUnsafeBytes(of: seq.bigEndian) { Data($0) }
        head.append(row.hash)
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head', ?)", arguments: [head])
        return AuditEvent(
            sequence: seq, at: Date(timeIntervalSince1970: row.at), actor: row.actor.map(WorkerID.init(rawValue:)),
            action: action, targetKind: targetKind, targetID: targetID, child: child, summary: summary, hash: row.hash)
    }

    /// Moves failed logins noted in clear into the keyed chain as `loginFailed` events.
    func foldFailedLogins(_ db: Database, keys: SessionKeys) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.at, f.account, a.id AS worker FROM failed_logins f
            LEFT JOIN accounts a ON a.account_name = f.account AND f.account <> ''
            ORDER BY f.id
            """)
        for row in rows {
            let account: String = row["account"]
            let summary = account.isEmpty
                ? "failed sign-in with an account name that does not exist"
                : "failed sign-in for \(account): wrong passphrase"
            try appendEvent(
                db, keys: keys, action: .loginFailed, actor: .some(row["worker"]),
                at: Date(timeIntervalSince1970: row["at"]), summary: summary)
        }
        try db.execute(sql: "DELETE FROM failed_logins")
    }
}
