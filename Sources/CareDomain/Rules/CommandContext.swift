import Foundation

/// What `CommandRules` may read while a store applies a command: the records as they are inside
/// the store's transaction, who acts and when, and the store's case-number counter.
public protocol CommandContext {
    var actor: Worker { get }
    var now: Date { get }
    var unit: UnitInfo { get }
    /// The current record of `kind` with `id`, or nil.
    func record(_ kind: RecordKind, id: String) throws -> AnyRecord?
    /// Every current record of `kind` that belongs to `child`.
    func records(_ kind: RecordKind, child: ChildID) throws -> [AnyRecord]
    /// Takes the next case number of this unit for `year` from the store's counter. Called only
    /// when a child is created, inside the same transaction, so two processes never get the same.
    func nextCaseNumber(year: Int) throws -> CaseNumber
}

/// What a store must write for one command, worked out by `CommandRules.prepare`.
public struct PreparedCommand: Sendable, Equatable {
    /// One record to write. `record.version` is the version it is stored with; a new record is
    /// stored with version 1, a changed one with the version read plus one (the store's update
    /// is conditional on the version read, `record.version - 1`).
    public struct Write: Sendable, Equatable {
        public var record: AnyRecord
        public var isNew: Bool

        public init(record: AnyRecord, isNew: Bool) {
            self.record = record
            self.isNew = isNew
        }

        public var expectedVersion: Int { isNew ? 0 : record.version - 1 }
    }

    public var writes: [Write]
    /// The audit event written in the same transaction.
    public var action: AuditAction
    public var target: RecordRef
    public var child: ChildID?
    public var summary: String

    public init(writes: [Write], action: AuditAction, target: RecordRef, child: ChildID?, summary: String) {
        self.writes = writes
        self.action = action
        self.target = target
        self.child = child
        self.summary = summary
    }
}
