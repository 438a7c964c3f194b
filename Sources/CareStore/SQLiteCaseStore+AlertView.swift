import CareDomain
import Foundation
import GRDB

extension SQLiteCaseStore {
    /// The alert reader's `view` event, committed before the reader shows an alert about `child`
    /// whole (its words, the child's name, since when), every time: reading it is a look at
    /// the child, as the referral detail and the handover cards are.
    public func viewAlert(_ alertID: String, of child: ChildID) throws {
        try require(.viewCaseload)
        if let readOnlyReason {
            throw StoreError.readOnly("\(readOnlyReason), so reading an alert whole cannot be audited and it is not shown")
        }
        try write { db, keys in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE kind = ? AND id = ?)",
                arguments: [RecordKind.child.rawValue, child.rawValue]) ?? false
            // A child whose own record does not open is still a child the alert names.
            let named = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE child_id = ?)", arguments: [child.rawValue]) ?? false
            guard exists || named else { throw CommandError.notFound(kind: .child, id: child.rawValue) }
            try appendEvent(db, keys: keys, action: .view, targetKind: .child, targetID: child.rawValue, child: child,
                            summary: "read an alert in full")
        }
    }
}
