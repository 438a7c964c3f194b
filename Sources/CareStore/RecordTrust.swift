import CareDomain
import Foundation
import GRDB

/// Opening a child's record checks its rows against the trail, as loading the caseload checks
/// each summary: the child's own row, every record filed under the child (drafts included) and
/// the child's summaries, each against the last version the audit trail wrote of it (version,
/// child and row hash). A row put back at an older version — its seal still opens — or changed
/// outside care makes the record untrusted: it is still shown, with the words and the critical
/// alert of a summary behind the trail (`UntrustedChild`), never hidden.
///
/// A record the trail last wrote under the child that the table no longer holds — deleted
/// outright, which care never does — is named too, found by the trail's index by child
/// (`audit_rows_by_child`).
///
/// Each row is one lookup in the trail's index by kind and id, so the cost follows the child's
/// own records, not the caseload.
extension SQLiteCaseStore {
    static func rowsNotAsTrailed(of child: ChildID, db: Database) throws -> [DamagedRecord] {
        // The child's own row is found by its id (it may carry its own id as its child too).
        let kinds = RecordKind.allCases.filter { $0 != .child }.map(\.rawValue)
        let marks = kinds.map { _ in "?" }.joined(separator: ", ")
        var stored = try Row.fetchAll(db, sql: """
            SELECT \(RecordRow.columns) FROM records WHERE kind IN (\(marks)) AND child_id = ?
            """, arguments: StatementArguments(kinds + [child.rawValue]))
        stored += try Row.fetchAll(
            db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND id = ?", arguments: [RecordKind.child.rawValue, child.rawValue])
        var untrusted: [DamagedRecord] = []
        var rows: [RecordRow] = []
        let held = Set(stored.map { "\(($0["kind"] as String?) ?? "")/\(($0["id"] as String?) ?? "")" })
        for entry in stored {
            // A row whose columns do not even read is not as the trail wrote it either.
            guard let row = try? RecordRow(row: entry) else {
                untrusted.append(DamagedRecord(kind: (try? entry.stored("kind", as: String.self)) ?? "record",
                                               id: (try? entry.stored("id", as: String.self)) ?? "", child: child))
                continue
            }
            rows.append(row)
        }
        var summaries: [String: RecordRow] = [:]
        if try db.tableExists("summaries") {
            for entry in try Row.fetchAll(db, sql: "SELECT \(summaryColumns) FROM summaries WHERE child_id = ?", arguments: [child.rawValue]) {
                guard let row = try? summaryRow(entry) else {
                    untrusted.append(DamagedRecord(kind: summaryKind, id: "summary of \(child.rawValue)", child: child))
                    continue
                }
                summaries[row.id] = row
            }
        }
        for row in rows + summaries.values.sorted(by: { $0.id < $1.id }) where try !isAsTrailed(row, db: db) {
            untrusted.append(DamagedRecord(kind: row.kind, id: row.id, child: child))
        }
        // A summary the trail wrote that the table no longer holds.
        let summarized = try summarizedClasses(db)
        for visibility in summaryClasses where summarized.contains(visibility) {
            let id = summaryID(child, visibility)
            if summaries[id] == nil, try latestTrailed(kind: summaryKind, id: id, db: db) != nil {
                untrusted.append(DamagedRecord(kind: summaryKind, id: id, child: child))
            }
        }
        untrusted += try recordsDeleted(of: child, held: held, db: db)
        return untrusted
    }

    /// Records the trail last wrote under `child` (the child's own row included) that the table
    /// no longer holds. `held` is the child's rows as `kind/id`.
    private static func recordsDeleted(of child: ChildID, held: Set<String>, db: Database) throws -> [DamagedRecord] {
        var trailed = try Row.fetchAll(db, sql: """
            SELECT DISTINCT kind, id FROM audit_rows WHERE child_id = ? AND kind NOT IN (?, ?)
            """, arguments: [child.rawValue, summaryKind, TeamKeyHistory.entryKind]).map { (kind: $0["kind"] as String, id: $0["id"] as String) }
        trailed.append((RecordKind.child.rawValue, child.rawValue))
        var deleted: [DamagedRecord] = []
        var seen = Set<String>()
        for (kind, id) in trailed where !held.contains("\(kind)/\(id)") && seen.insert("\(kind)/\(id)").inserted {
            guard let latest = try latestTrailed(kind: kind, id: id, db: db) else { continue }
            // Moved on to another child by a later event: not this child's to miss.
            guard latest.childID == child.rawValue || kind == RecordKind.child.rawValue && id == child.rawValue else { continue }
            deleted.append(DamagedRecord(kind: kind, id: id, child: child))
        }
        return deleted
    }

    /// Whether `row` is exactly what the trail last wrote of it.
    static func isAsTrailed(_ row: RecordRow, db: Database) throws -> Bool {
        guard let trailed = try latestTrailed(kind: row.kind, id: row.id, db: db) else { return false }
        return trailed.version == row.version && trailed.childID == row.childID && trailed.rowHash == row.hash
    }

    /// The last entry the trail wrote of one row (by the `audit_rows_by_record` index). The
    /// statement is prepared once per connection: a record checks every row it has this way.
    static func latestTrailed(kind: String, id: String, db: Database) throws -> RecordTrailEntry? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT version, child_id, row_hash FROM audit_rows WHERE kind = ? AND id = ? ORDER BY seq DESC, ord DESC LIMIT 1
            """), arguments: [kind, id]).map { row in
            RecordTrailEntry(kind: kind, id: id, version: try row.stored("version"), childID: try row.stored("child_id"), rowHash: try row.stored("row_hash"))
        }
    }
}
