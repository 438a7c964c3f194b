import Foundation

public typealias InvestigationLinkID = RecordID<InvestigationLink>

/// Ties a child to a person of interest or a place of concern, with when, who said so and how
/// sure it is. Sealed under the `investigation` key; the child's id is inside the seal, not in a
/// clear column, so a copied file does not even say which children have links.
public struct InvestigationLink: CareRecord {
    public static let kind = RecordKind.investigationLink

    /// Where the information came from.
    public enum Source: String, Codable, Sendable, CaseIterable {
        case youth, family, police, placement, worker
    }

    public enum Confidence: String, Codable, Sendable, CaseIterable {
        case reported, corroborated
    }

    /// The one `Removal` every removable part of a record shares (same stored JSON).
    public typealias Removal = CareDomain.Removal

    public var id: InvestigationLinkID
    public var version: Int
    public var child: ChildID
    public var target: InvestigationTarget
    /// The day the child and the person or place were together (or the report says so).
    public var date: DayDate
    public var source: Source
    public var confidence: Confidence
    public var note: String
    public var createdBy: WorkerID
    public var createdAt: Date
    public var removal: Removal?

    public init(
        id: InvestigationLinkID = .make(), version: Int = 0, child: ChildID, target: InvestigationTarget, date: DayDate,
        source: Source, confidence: Confidence = .reported, note: String = "", createdBy: WorkerID, createdAt: Date,
        removal: Removal? = nil
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.target = target
        self.date = date
        self.source = source
        self.confidence = confidence
        self.note = note
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.removal = removal
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }
    public var visibilityClass: VisibilityClass { .investigation }
    public var isActive: Bool { removal == nil }
}
