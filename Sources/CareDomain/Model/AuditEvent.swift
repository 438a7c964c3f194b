import Foundation

/// What happened, for the audit trail.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    /// A full view of a child's record (Enter).
    case view
    /// The child pane's details beyond the caseload row, once per child per session.
    case preview
    case create, update, export, login
    case loginFailed = "login-failed"
    case lock, unlock, acknowledge, snooze
    case accountChange = "account-change"
    /// Something the store noticed and told the person in words (e.g. a store behind what this
    /// machine had seen).
    case notice
    /// A draft kept, restored or discarded (`Draft`); the words name the form, never the text.
    case draft
}

/// One entry of the tamper-evident audit trail. `sequence` and `hash` are assigned by the store;
/// the hash chains each event to the one before it under a key only passphrase holders can derive.
public struct AuditEvent: Hashable, Codable, Sendable {
    public var sequence: Int64
    public var at: Date
    public var actor: WorkerID?
    public var action: AuditAction
    public var targetKind: RecordKind?
    public var targetID: String?
    /// The child the event concerns, so a child's trail can be listed.
    public var child: ChildID?
    /// Words for people; sealed in the store because it may describe the child.
    public var summary: String
    public var hash: Data

    public init(
        sequence: Int64 = 0, at: Date, actor: WorkerID?, action: AuditAction, targetKind: RecordKind? = nil,
        targetID: String? = nil, child: ChildID? = nil, summary: String, hash: Data = Data()
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.targetKind = targetKind
        self.targetID = targetID
        self.child = child
        self.summary = summary
        self.hash = hash
    }
}
