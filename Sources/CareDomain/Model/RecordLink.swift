import Foundation

/// Names one record by its kind and id, as a link's far end.
public struct RecordRef: Hashable, Codable, Sendable {
    public var kind: RecordKind
    public var id: String

    public init(kind: RecordKind, id: String) {
        self.kind = kind
        self.id = id
    }

    public init<Record: CareRecord>(_ record: Record) {
        self.init(kind: Record.kind, id: record.recordID)
    }
}

/// A link from a child to another record: another child seen with them, and later a person of
/// interest or a place of concern (DOMAIN.md "Investigation support"). Unlinking keeps the link
/// with its removal, so the history stays.
public struct RecordLink: CareRecord {
    public static let kind = RecordKind.link

    /// The one `Removal` every removable part of a record shares (same stored JSON).
    public typealias Removal = CareDomain.Removal

    public var id: LinkID
    public var version: Int
    public var child: ChildID
    public var target: RecordRef
    /// Why they are linked, in the worker's words ("seen together at the test mall").
    public var note: String
    /// Where the information came from (youth, police, school, ...).
    public var source: String
    public var createdBy: WorkerID
    public var createdAt: Date
    public var removal: Removal?

    public init(
        id: LinkID = .make(), version: Int = 0, child: ChildID, target: RecordRef, note: String, source: String = "",
        createdBy: WorkerID, createdAt: Date, removal: Removal? = nil
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.target = target
        self.note = note
        self.source = source
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.removal = removal
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { createdAt }
    public var isActive: Bool { removal == nil }
}
