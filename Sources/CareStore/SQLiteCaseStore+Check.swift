import CareDomain
import Foundation
import GRDB

/// The whole-store check behind `care check`.
extension SQLiteCaseStore {
    /// SQLite's integrity check, every record against the last version the audit trail wrote of
    /// it (so rows deleted, put back at an older version, moved to another child or changed are
    /// named, each by kind and id: `RecordCheck`, shared with the PostgreSQL store), every
    /// record this account may read opened as its kind, every
    /// caseload summary the same way and against the child's records (`checkSummaries`), and the
    /// audit chain from its first event to its keyed head. Reveals nothing sealed.
    public func verify() throws -> StoreCheckReport {
        try read { db, keys in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            var records = RecordCheck(keys: keys)
            let latest = """
                WITH latest AS (
                    SELECT kind, id, version, child_id, row_hash, MAX(seq) AS seq FROM audit_rows
                    WHERE kind NOT IN ('\(Self.summaryKind)', '\(TeamKeyHistory.entryKind)') GROUP BY kind, id
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
                let written: RecordCheck.Written? = if (try stored.stored("trail_seq", as: Int64?.self)) != nil {
                    RecordCheck.Written(
                        version: try stored.stored("trail_version"), childID: try stored.stored("trail_child"),
                        rowHash: try stored.stored("trail_hash"))
                } else { nil }
                records.check(
                    kind: (try? stored.stored("kind", as: String?.self)) ?? nil, id: (try? stored.stored("id", as: String?.self)) ?? nil,
                    childID: (try? stored.stored("child_id", as: String?.self)) ?? nil, row: Result { try RecordRow(row: stored) },
                    written: written)
            }
            let deleted = try Row.fetchAll(db, sql: """
                \(latest)
                SELECT l.kind, l.id, l.version, l.child_id FROM latest l LEFT JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE r.id IS NULL ORDER BY l.seq
                """)
            for row in deleted {
                records.deleted(kind: try row.stored("kind"), id: try row.stored("id"), version: try row.stored("version"), childID: try row.stored("child_id"))
            }
            var checked = records.checked
            var notReadable = records.notReadable
            var problems = records.problems
            let troubled = records.troubled
            let summaries = try Self.checkSummaries(db: db, keys: keys, troubled: troubled)
            checked += summaries.checked
            notReadable += summaries.notReadable
            problems += summaries.problems
            let accounts = try Certificates.problems(
                keyring: keys.keyring, seenAuthority: options.anchors?.authority(storeID: keys.storeID), db: db)
            return StoreCheckReport(
                integrityProblems: integrity, recordsChecked: checked, recordsNotReadable: notReadable, problems: problems,
                audit: try AuditLog(keys: keys).verifyChain(db), accountProblems: accounts,
                accountsCertified: try Certificates.authorityKey(db) != nil,
                anchorProblem: try SignIn.anchorNotice(db: db, keys: keys, anchors: options.anchors, path: options.path))
        }
    }
}

extension SQLiteCaseStore {
    /// Every summary against the last version the trail wrote of it (as every record is), opened
    /// when this account holds its class's key and compared with the entry made from the child's
    /// records now; a child missing the summary of a class the store keeps is named too.
    ///
    /// The children in `troubled` (whose records the check already names) are not compared: what
    /// their summary holds differs from records that were tampered with or lost, and saying so
    /// again adds nothing. Nor is a child with a record that does not open.
    static func checkSummaries(
        db: Database, keys: SessionKeys, troubled: Set<String>
    ) throws -> (checked: Int, notReadable: Int, problems: [StoreCheckReport.RecordProblem]) {
        guard try db.tableExists("summaries") else { return (0, 0, []) }
        let latest = """
            WITH latest AS (
                SELECT id, version, child_id, row_hash, MAX(seq) AS seq FROM audit_rows WHERE kind = '\(summaryKind)' GROUP BY id
            )
            """
        var summaries = SummaryCheck(
            keys: keys, made: try SummaryCheck.made(kept: try summarizedClasses(db), keys: keys) { visibility, damaged in
                try caseloadEntries(of: nil, visibility, db: db, keys: keys) { record, _ in damaged(record) }
            }, troubled: troubled)
        let rows = try Row.fetchCursor(db, sql: """
            \(latest)
            SELECT s.child_id, s.class, s.version, s.updated_at, s.change_seq, s.payload,
                   l.version AS trail_version, l.child_id AS trail_child, l.row_hash AS trail_hash, l.seq AS trail_seq
            FROM summaries s LEFT JOIN latest l ON l.id = s.class || '/' || s.child_id
            ORDER BY s.rowid
            """)
        while let stored = try rows.next() {
            let id = "\((try? stored.stored("class", as: String?.self)).flatMap { $0 } ?? "")/\((try? stored.stored("child_id", as: String?.self)).flatMap { $0 } ?? "")"
            let written: RecordCheck.Written? = if let version = try stored.stored("trail_version", as: Int?.self) {
                RecordCheck.Written(version: version, childID: try stored.stored("trail_child"), rowHash: try stored.stored("trail_hash"))
            } else { nil }
            summaries.check(id: id, row: Result { try summaryRow(stored) }, written: written)
        }
        let deleted = try Row.fetchAll(db, sql: """
            \(latest)
            SELECT l.id, l.version FROM latest l LEFT JOIN summaries s ON l.id = s.class || '/' || s.child_id
            WHERE s.child_id IS NULL ORDER BY l.seq
            """)
        for row in deleted { summaries.deleted(id: try row.stored("id"), version: try row.stored("version")) }
        summaries.finish()
        return (summaries.checked, summaries.notReadable, summaries.problems)
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
            // A store behind this machine's anchor is said in the trail too, every time.
            if let behind = report.anchorProblem {
                try store.appendEvent(db, keys: keys, action: .notice, summary: behind)
            }
            try store.appendEvent(
                db, keys: keys, action: .login,
                summary: "signed in as \(store.worker.accountName) to check the store (\(report.isHealthy ? "healthy" : "problems found"))")
        }
    }

    public func close() throws { try store.close() }
}
