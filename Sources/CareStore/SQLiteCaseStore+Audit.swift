import CareDomain
import Foundation
import GRDB

/// Reading the audit trail and checking the whole store.
extension SQLiteCaseStore {
    public func auditTrail(of child: ChildID) throws -> [AuditEvent] {
        try audit(child: child)
    }

    public func auditEvents(child: ChildID?, actor: WorkerID?, since: Date?) throws -> [AuditEvent] {
        try audit(child: child, actor: actor?.rawValue, since: since)
    }

    /// Audit events, oldest first, optionally for one child, one actor (a worker id) and from a
    /// time on. Supervisors only.
    public func audit(child: ChildID? = nil, actor: String? = nil, since: Date? = nil) throws -> [AuditEvent] {
        try require(.readAudit)
        return try read { db, keys in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let child {
                conditions.append("child_id = ?")
                arguments += [child.rawValue]
            }
            if let actor {
                conditions.append("actor = ?")
                arguments += [actor]
            }
            if let since {
                conditions.append("at >= ?")
                arguments += [since.timeIntervalSince1970]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit \(filter) ORDER BY seq", arguments: arguments)
            let decoder = RecordCoding.decoder()
            var events: [AuditEvent] = []
            while let row = try rows.next() {
                let seq: Int64 = row["seq"]
                let plain = try keys.sealer.open(row["payload"], kind: "audit", id: String(seq))
                let payload = try decoder.decode(AuditPayload.self, from: plain)
                events.append(AuditEvent(
                    sequence: seq, at: Date(timeIntervalSince1970: row["at"]),
                    actor: (row["actor"] as String?).map(WorkerID.init(rawValue:)),
                    action: AuditAction(rawValue: row["action"]) ?? .view,
                    targetKind: (row["target_kind"] as String?).flatMap(RecordKind.init(rawValue:)),
                    targetID: row["target_id"], child: (row["child_id"] as String?).map(ChildID.init(rawValue:)),
                    summary: payload.summary, hash: row["hash"]))
            }
            return events
        }
    }

    /// Walks the audit chain from the first event, naming the first that does not verify.
    public func verifyAuditChain() throws -> AuditVerification {
        try read { db, keys in try Self.verifyChain(db, keys: keys) }
    }

    static func verifyChain(_ db: Database, keys: SessionKeys) throws -> AuditVerification {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq").map { row in
            AuditRow(
                seq: row["seq"], at: row["at"], actor: row["actor"], action: row["action"], targetKind: row["target_kind"],
                targetID: row["target_id"], childID: row["child_id"], payload: row["payload"], hash: row["hash"])
        }
        var head: (seq: Int64, hash: Data)?
        if let blob = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'audit_head'"), blob.count == 40 {
            let seq = blob.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
            head = (seq, Data(blob.suffix(32)))
        }
        return keys.chain.verify(rows, head: head)
    }

    /// The whole-store check behind `care check`: SQLite's integrity check, every record opened
    /// as its kind, and the audit chain. Reports the first bad record and event by id and
    /// sequence; reveals nothing sealed.
    public func verify() throws -> StoreCheckReport {
        try read { db, keys in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let decoder = RecordCoding.decoder()
            var checked = 0
            var bad: [StoreCheckReport.BadRecord] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT kind, id, version, payload FROM records ORDER BY rowid")
            while let row = try rows.next() {
                checked += 1
                let kindName: String = row["kind"]
                let id: String = row["id"]
                do {
                    guard let kind = RecordKind(rawValue: kindName) else { throw StoreError.corrupt("unknown record kind") }
                    _ = try Self.openAnyRecord(kind, id: id, version: row["version"], payload: row["payload"], keys: keys, decoder: decoder)
                } catch {
                    bad.append(.init(kind: kindName, id: id, reason: "\(error)"))
                }
            }
            return StoreCheckReport(
                integrityProblems: integrity, recordsChecked: checked, badRecords: bad, audit: try Self.verifyChain(db, keys: keys))
        }
    }
}
