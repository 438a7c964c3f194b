import CareDomain
import Foundation
import GRDB

/// A store put back on purpose (a restore from a backup) is behind this machine's anchor, and
/// is named at every opening and check until a supervisor accepts it: the anchor never moves
/// back by itself.
extension SQLiteCaseStore {
    /// What accepting changed: the head this machine had seen (nil: none) and the store's head
    /// it now holds.
    public struct AcceptedHead: Sendable, Equatable {
        public var seen: StoreAnchor?
        public var accepted: AuditHeadSummary
    }

    /// Takes the store's present head as this machine's anchor, audited as a `notice` event
    /// naming the head it had seen, so a deliberate restore stops being reported. Supervisors
    /// only (`care anchor accept`).
    public func acceptRestore() throws -> AcceptedHead {
        try require(.manageAccounts)
        guard let anchors = options.anchors else {
            throw StoreError.invalid("This session keeps no anchors on this machine, so there is nothing to accept.")
        }
        let storeID = try session.keys().storeID
        let seen = anchors.anchor(storeID: storeID, path: options.path)
        try write { db, keys in
            let head = try AuditLog(keys: keys).verifiedTail(db)
            let before = seen.map { "event \($0.sequence)" } ?? "nothing"
            try appendEvent(
                db, keys: keys, action: .notice,
                summary: "accepted this store as restored on purpose at event \(head.sequence + 1); this machine had seen \(before)")
        }
        rememberHead(accepting: true)
        let accepted = try read { db, keys in try AuditLog(keys: keys).verifiedTail(db).summary(storeID: keys.storeID) }
        return AcceptedHead(seen: seen, accepted: accepted)
    }
}
