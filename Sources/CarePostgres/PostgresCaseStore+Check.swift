import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// `care check` on the server: the records and the chain checked by the same rules as in the
/// SQLite file (`RecordCheck`, `AuditLinking.verify`).
extension PostgresCaseStore {
    /// Every record against the last version the audit trail wrote of it and, when this account
    /// holds its class's key, opened as its kind; what the trail wrote that is gone; then the
    /// chain from its first event to its keyed head. Reveals nothing sealed.
    ///
    /// Not here yet: the caseload summaries (the PostgreSQL store keeps none, and those a
    /// migrated file brought are not read) and the accounts' certificates (each sign-in checks
    /// its own account's), which the report says it did not check.
    public func verify() throws -> StoreCheckReport {
        do { try Permission.readAudit.require(role) } catch { throw CommandError.denied(error) }
        return try read { transaction, keys in
            var records = RecordCheck(keys: keys)
            // The newest entry the trail wrote of each record (`DISTINCT ON` keeps the first row
            // of each kind and id, which the order makes the newest).
            let latest = """
                WITH latest AS (
                    SELECT DISTINCT ON (kind, id) kind, id, version, child_id, row_hash, seq FROM audit_rows
                    WHERE kind <> 'summary' ORDER BY kind, id, seq DESC
                )
                """
            let rows = try transaction.query("""
                \(latest)
                SELECT r.kind, r.id, r.child_id, r.version, r.sort_at, r.updated_at, r.change_seq, r.class, r.seal, r.payload,
                       l.version AS trail_version, l.child_id AS trail_child, l.row_hash AS trail_hash, l.seq AS trail_seq
                FROM records r LEFT JOIN latest l ON l.kind = r.kind AND l.id = r.id
                ORDER BY r.kind, r.id
                """)
            for stored in rows {
                let written: RecordCheck.Written? = if try stored.stored("trail_seq", as: Int64?.self) != nil {
                    RecordCheck.Written(
                        version: Int(try stored.stored("trail_version", as: Int64.self)), childID: try stored.stored("trail_child", as: String?.self),
                        rowHash: try stored.bytes("trail_hash"))
                } else { nil }
                records.check(
                    kind: (try? stored.stored("kind", as: String?.self)) ?? nil, id: (try? stored.stored("id", as: String?.self)) ?? nil,
                    childID: (try? stored.stored("child_id", as: String?.self)) ?? nil, row: Result { try Self.recordRow(stored) },
                    written: written)
            }
            let deleted = try transaction.query("""
                \(latest)
                SELECT l.kind, l.id, l.version, l.child_id FROM latest l LEFT JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE r.id IS NULL ORDER BY l.seq
                """)
            for row in deleted {
                records.deleted(
                    kind: try row.stored("kind"), id: try row.stored("id"), version: Int(try row.stored("version", as: Int64.self)),
                    childID: try row.stored("child_id", as: String?.self))
            }
            var report = StoreCheckReport(
                integrityProblems: [], recordsChecked: records.checked, recordsNotReadable: records.notReadable, problems: records.problems,
                audit: try Self.walkChain(transaction, keys: keys), engineCheck: nil)
            report.accountsChecked = false
            return report
        }
    }
}
