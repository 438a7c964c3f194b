import CareDomain
import Foundation
import GRDB

/// Reading what the handover screen needs: a saved handover, and when contacts happened.
extension SQLiteCaseStore {
    public func loadHandover(_ id: HandoverID) throws -> HandoverState? {
        try require(.viewCaseload)
        let acknowledgements = try handoverAcknowledgements(of: id)
        return try read { db, keys in
            try Self.fetchRecord(Handover.self, id: id.rawValue, db: db, keys: keys)
                .map { HandoverState(handover: $0, acknowledgements: acknowledgements) }
        }
    }

    /// From the clear columns only (child and time): nothing sealed is opened to count contacts.
    /// Only notes of classes the reader may see count (police do not learn when restricted
    /// notes were written from the handover's numbers).
    public func contactStamps(from start: Date, to end: Date) throws -> [ContactStamp] {
        try require(.viewCaseload)
        let readable = role.readableClasses.map(\.rawValue)
        return try read { db, _ in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT child_id, sort_at FROM records
                WHERE kind = ? AND sort_at >= ? AND sort_at < ? AND child_id IS NOT NULL
                  AND class IN (\(databaseQuestionMarks(count: readable.count)))
                ORDER BY sort_at, child_id
                """, arguments: StatementArguments([RecordKind.contact.rawValue, start.timeIntervalSince1970, end.timeIntervalSince1970] as [any DatabaseValueConvertible])
                    + StatementArguments(readable))
            var stamps: [ContactStamp] = []
            while let row = try rows.next() {
                stamps.append(ContactStamp(child: ChildID(rawValue: try row.stored("child_id")), at: Date(timeIntervalSince1970: try row.stored("sort_at"))))
            }
            return stamps
        }
    }
}
