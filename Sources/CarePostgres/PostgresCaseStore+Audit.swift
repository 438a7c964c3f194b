import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// The audit trail on the server: the same rows as the SQLite store's (`audit`, `audit_rows`,
/// the keyed head in `meta`), linked and checked by `AuditLinking`.
extension PostgresCaseStore {
    /// Appends `event` inside a writer's transaction and moves the head; refuses (writing
    /// nothing) when the trail no longer reaches its head.
    @discardableResult
    static func appendEvent(_ transaction: PostgresLink.Transaction, keys: SessionKeys, _ event: AuditLinking.Pending) throws -> AuditEvent {
        let head = try verifiedTail(transaction, keys: keys)
        let linked = try AuditLinking.link(event, after: head, keys: keys)
        let row = linked.row
        try transaction.query(
            "INSERT INTO audit(seq, at, action, actor_key, target_key, child_key, payload, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [.integer(row.seq), .real(row.at), .text(row.action), .bytes(row.actorKey), .bytes(row.targetKey), .bytes(row.childKey),
             .bytes(row.payload), .bytes(row.hash)])
        for (ord, entry) in linked.entries.enumerated() {
            try transaction.query(
                "INSERT INTO audit_rows(seq, ord, kind, id, version, child_id, row_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [.integer(row.seq), .int(ord), .text(entry.kind), .text(entry.id), .int(entry.version), .text(entry.childID),
                 .bytes(entry.rowHash)])
        }
        try storeHead(linked.head, transaction)
        return linked.event
    }

    static func storeHead(_ head: AuditHead, _ transaction: PostgresLink.Transaction) throws {
        try transaction.query(
            "INSERT INTO meta(key, value) VALUES ('audit_head', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [.bytes(head.stored)])
    }

    static func storedHead(_ transaction: PostgresLink.Transaction) throws -> AuditHead? {
        try transaction.query("SELECT value FROM meta WHERE key = 'audit_head'").first
            .flatMap { try $0.optionalBytes("value") }.flatMap(AuditHead.init(stored:))
    }

    /// The head, after checking the trail reaches it (cheap: two rows; runs before every write).
    static func verifiedTail(_ transaction: PostgresLink.Transaction, keys: SessionKeys) throws -> AuditHead {
        let lastTwo = try transaction.query("SELECT \(AuditRow.columns) FROM audit ORDER BY seq DESC LIMIT 2").map(auditRow)
        let head = try storedHead(transaction)
        let after = try transaction.query(
            "SELECT EXISTS(SELECT 1 FROM audit_rows WHERE seq > $1) AS found", [.integer(head?.sequence ?? 0)]
        ).first?.stored("found", as: Bool.self) ?? false
        return try AuditLinking.checkTail(head: head, lastTwo: lastTwo, entriesAfterHead: after, keys: keys) { previous, newest in
            keys.chain.link(previous: previous, newest, entries: try entries(of: newest.seq, transaction))
        }
    }

    static func entries(of seq: Int64, _ transaction: PostgresLink.Transaction) throws -> [RecordTrailEntry] {
        try transaction.query("SELECT kind, id, version, child_id, row_hash FROM audit_rows WHERE seq = $1 ORDER BY ord", [.integer(seq)])
            .map(trailEntry)
    }

    static func auditRow(_ row: PostgresRandomAccessRow) throws -> AuditRow {
        AuditRow(
            seq: try row.stored("seq"), at: try row.stored("at"), action: try row.stored("action"), actorKey: try row.optionalBytes("actor_key"),
            targetKey: try row.optionalBytes("target_key"), childKey: try row.optionalBytes("child_key"), payload: try row.bytes("payload"),
            hash: try row.bytes("hash"))
    }

    static func trailEntry(_ row: PostgresRandomAccessRow) throws -> RecordTrailEntry {
        RecordTrailEntry(
            kind: try row.stored("kind"), id: try row.stored("id"), version: Int(try row.stored("version", as: Int64.self)),
            childID: try row.stored("child_id", as: String?.self), rowHash: try row.bytes("row_hash"))
    }

    /// Walks the whole chain, as `care check` does on a SQLite store.
    public func verifyAuditChain() throws -> AuditVerification {
        try Permission.readAudit.require(role)
        return try read { transaction, keys in try Self.walkChain(transaction, keys: keys) }
    }

    /// The chain from its first event to its keyed head (`AuditLinking.verify`).
    static func walkChain(_ transaction: PostgresLink.Transaction, keys: SessionKeys) throws -> AuditVerification {
        let rows = try transaction.query("SELECT \(AuditRow.columns) FROM audit ORDER BY seq").map(Self.auditRow)
        var entries: [Int64: [RecordTrailEntry]] = [:]
        for row in try transaction.query("SELECT seq, kind, id, version, child_id, row_hash FROM audit_rows ORDER BY seq, ord") {
            entries[try row.stored("seq", as: Int64.self), default: []].append(try Self.trailEntry(row))
        }
        let last = rows.last?.seq ?? 0
        let after = entries.keys.contains { $0 > last }
        return AuditLinking.verify(rows: rows, entries: entries, head: try Self.storedHead(transaction), entriesAfterLast: after, keys: keys)
    }

    // MARK: The port

    public func auditEvents(child: ChildID?, actor: WorkerID?, since: Date?) throws -> [AuditEvent] {
        do { try Permission.readAudit.require(role) } catch { throw CommandError.denied(error) }
        return try read { transaction, keys in
            var conditions: [String] = []
            var values: [SQLValue] = []
            if let child {
                let tags = keys.index.childTags(child.rawValue)
                conditions.append("child_key IN (\(tags.indices.map { "$\(values.count + $0 + 1)" }.joined(separator: ", ")))")
                values += tags.map { .bytes($0) }
            }
            if let actor {
                values.append(.bytes(keys.index.actor(actor.rawValue)))
                conditions.append("actor_key = $\(values.count)")
            }
            if let since {
                values.append(.real(since.timeIntervalSince1970))
                conditions.append("at >= $\(values.count)")
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try transaction.query("SELECT \(AuditRow.columns) FROM audit \(filter) ORDER BY seq", values)
                .map { try AuditLinking.event(try Self.auditRow($0), keys: keys) }
        }
    }

    public func auditTrail(of child: ChildID) throws -> [AuditEvent] {
        try auditEvents(child: child, actor: nil, since: nil)
    }

    // MARK: The change counter

    static func changeCounter(_ transaction: PostgresLink.Transaction) throws -> Int64 {
        guard let value = try transaction.query("SELECT value FROM meta WHERE key = 'changes'").first.flatMap({ try $0.optionalBytes("value") }),
              let number = Int64(String(decoding: value, as: UTF8.self))
        else { return 0 }
        return number
    }

    /// Takes `count` consecutive change sequences inside a writer's transaction; the first.
    /// Writers hold the head's lock, so sequences commit in the order they were taken and a
    /// reader's cursor never passes a change still to commit.
    static func reserveChangeSequences(_ transaction: PostgresLink.Transaction, count: Int) throws -> Int64 {
        let last = try changeCounter(transaction) + Int64(max(count, 1))
        try transaction.query(
            "INSERT INTO meta(key, value) VALUES ('changes', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [.bytes(Data(String(last).utf8))])
        return last - Int64(max(count, 1)) + 1
    }
}
