import CareDomain
import Foundation
import GRDB

/// Reading the audit trail.
extension SQLiteCaseStore {
    public func auditTrail(of child: ChildID) throws -> [AuditEvent] {
        try audit(child: child)
    }

    public func auditEvents(child: ChildID?, actor: WorkerID?, since: Date?) throws -> [AuditEvent] {
        try audit(child: child, actor: actor?.rawValue, since: since)
    }

    /// Audit events, oldest first, optionally for one child, one actor (a worker id) and from a
    /// time on. The child and actor are found by their keyed tags. Supervisors only.
    public func audit(child: ChildID? = nil, actor: String? = nil, since: Date? = nil) throws -> [AuditEvent] {
        try require(.readAudit)
        return try read { db, keys in
            try AuditLog(keys: keys).events(db, child: child?.rawValue, actor: actor, since: since)
        }
    }

    /// Walks the audit chain from the first event to its keyed head, naming the first event
    /// that does not verify.
    public func verifyAuditChain() throws -> AuditVerification {
        try read { db, keys in try AuditLog(keys: keys).verifyChain(db) }
    }
}
