import CareDomain
import Foundation
import GRDB

/// The whole-store check behind `care check`.
extension SQLiteCaseStore {
    /// SQLite's integrity check, every record against the last version the audit trail wrote of
    /// it (so rows deleted, put back at an older version, moved to another child or changed are
    /// named, each by kind and id), every record this account may read opened as its kind, and
    /// the audit chain from its first event to its keyed head. Reveals nothing sealed.
    public func verify() throws -> StoreCheckReport {
        try read { db, keys in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let decoder = RecordCoding.decoder()
            var checked = 0
            var notReadable = 0
            var problems: [StoreCheckReport.RecordProblem] = []
            let latest = """
                WITH latest AS (
                    SELECT kind, id, version, child_id, row_hash, MAX(seq) AS seq FROM audit_rows GROUP BY kind, id
                )
                """
            let rows = try Row.fetchCursor(db, sql: """
                \(latest)
                SELECT r.kind, r.id, r.child_id, r.version, r.sort_at, r.updated_at, r.change_seq, r.class, r.seal, r.payload,
                       l.version AS trail_version, l.child_id AS trail_child, l.row_hash AS trail_hash, l.seq AS trail_seq
                FROM records r LEFT JOIN latest l ON l.kind = r.kind AND l.id = r.id
                ORDER BY r.rowid
                """)
            while let stored = try rows.next() {
                checked += 1
                // A damaged row is named as well as its bytes allow, never a reason to stop.
                let kind = (try? stored.stored("kind", as: String?.self)).flatMap { $0 } ?? "record"
                let id = (try? stored.stored("id", as: String?.self)).flatMap { $0 } ?? "with no readable id"
                func problem(_ reason: StoreCheckReport.RecordProblem.Reason) {
                    problems.append(.init(kind: kind, id: id, reason: reason))
                }
                let row: RecordRow
                do {
                    row = try RecordRow(row: stored)
                } catch {
                    problem(.damaged("\(error)"))
                    continue
                }
                if (try stored.stored("trail_seq", as: Int64?.self)) == nil {
                    problem(.notInTrail)
                    continue
                }
                let trailVersion: Int = try stored.stored("trail_version")
                let trailChild: String? = try stored.stored("trail_child")
                if row.version < trailVersion {
                    problem(.rolledBack(stored: row.version, trail: trailVersion))
                } else if row.version > trailVersion {
                    problem(.unknownVersion(stored: row.version, trail: trailVersion))
                } else if row.childID != trailChild {
                    problem(.moved(from: trailChild, to: row.childID))
                } else if row.hash != (try stored.stored("trail_hash", as: Data.self)) {
                    problem(.altered)
                } else if !keys.keyring.holds(row.visibility) {
                    notReadable += 1
                } else if row.seal == .bound {
                    do {
                        _ = try Self.openAnyRecord(row, keys: keys, decoder: decoder)
                    } catch StoreError.sealBroken {
                        problem(.sealBroken)
                    } catch {
                        problem(.damaged("\(error)"))
                    }
                } else {
                    // A first-format seal left for someone who may read its class: it was
                    // checked when the store was upgraded, and its row hash still matches.
                    notReadable += 1
                }
            }
            let deleted = try Row.fetchAll(db, sql: """
                \(latest)
                SELECT l.kind, l.id, l.version FROM latest l LEFT JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE r.id IS NULL ORDER BY l.seq
                """)
            for row in deleted {
                problems.append(.init(kind: try row.stored("kind"), id: try row.stored("id"), reason: .deleted(version: try row.stored("version"))))
            }
            return StoreCheckReport(
                integrityProblems: integrity, recordsChecked: checked, recordsNotReadable: notReadable, problems: problems,
                audit: try AuditLog(keys: keys).verifyChain(db))
        }
    }
}

/// `care check`: a store checked before anyone signs in to it. Opening it unlocks the account's
/// keys and writes nothing (a store made by an earlier version is upgraded first, which
/// verifies its old trail before it writes); a sign-in event is written only once the check has
/// found the trail whole, so a check never anchors a cut trail under a new head.
public final class StoreInspection {
    let store: SQLiteCaseStore

    public static func open(options: StoreOptions, account: String, passphrase: String) throws -> StoreInspection {
        StoreInspection(store: try SQLiteCaseStore.open(options: options, account: account, passphrase: passphrase, mode: .inspect))
    }

    init(store: SQLiteCaseStore) { self.store = store }

    /// What the person should be told (a read-only store, a store behind this machine's record).
    public var notices: [String] { store.notices }

    public func verify() throws -> StoreCheckReport { try store.verify() }

    /// Writes the check to the trail (with any failed logins waiting) once `report` found the
    /// chain whole; a store that cannot be written, or a broken chain, gets nothing.
    public func recordCheck(_ report: StoreCheckReport) throws {
        guard report.audit.isIntact, !store.isReadOnly else { return }
        try store.write { db, keys in
            try SQLiteCaseStore.foldFailedLogins(db, keys: keys)
            try store.appendEvent(
                db, keys: keys, action: .login,
                summary: "signed in as \(store.worker.accountName) to check the store (\(report.isHealthy ? "healthy" : "problems found"))")
        }
    }

    public func close() throws { try store.close() }
}
