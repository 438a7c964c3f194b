import Foundation

/// What a command did: the records as stored (new versions), and the changes it put in the feed.
public struct CommandOutcome: Sendable, Equatable {
    /// Every record written, the command's main record first.
    public var saved: [AnyRecord]
    /// The feed entries of this command's writes.
    public var changes: [RecordChange]
    /// The words of the audit event written with it.
    public var summary: String

    public init(saved: [AnyRecord], changes: [RecordChange], summary: String) {
        self.saved = saved
        self.changes = changes
        self.summary = summary
    }

    /// The command's main record.
    public var record: AnyRecord? { saved.first }
}

/// One entry of the change feed: which record changed, whose it is, and its place in the feed.
public struct RecordChange: Hashable, Sendable {
    public var kind: RecordKind
    public var id: String
    public var child: ChildID?
    /// Increases with every write to the store, across processes.
    public var sequence: Int64

    public init(kind: RecordKind, id: String, child: ChildID?, sequence: Int64) {
        self.kind = kind
        self.id = id
        self.child = child
        self.sequence = sequence
    }

    /// Whether the change touches the catalogue every child's row depends on (workers, services)
    /// or a response to an alert about no child.
    public var touchesCatalogue: Bool {
        switch kind {
        case .worker, .service, .reviewChecklist, .closureReasons: true
        case .alertResponse: child == nil
        default: false
        }
    }
}

/// The changes after a cursor, and the cursor to ask from next time.
public struct ChangeBatch: Sendable, Equatable {
    public var changes: [RecordChange]
    /// The sequence of the last change in the batch (or the cursor asked from, when empty).
    public var cursor: Int64

    public init(changes: [RecordChange], cursor: Int64) {
        self.changes = changes
        self.cursor = cursor
    }

    /// The children these changes touch.
    public var children: Set<ChildID> { Set(changes.compactMap(\.child)) }

    /// Whether any change needs the catalogue reloaded.
    public var touchesCatalogue: Bool { changes.contains(where: \.touchesCatalogue) }
}
