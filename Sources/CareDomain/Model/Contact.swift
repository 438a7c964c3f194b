import Foundation

/// A case note: one contact with or about the child.
public struct Contact: CareRecord {
    public static let kind = RecordKind.contact

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case inPerson = "in person"
        case phone
        case textOrSocial = "text/social"
        case attempted
        case collateral
        /// With the child's placement or caregiver (foster parent, group home staff, kinship
        /// carer, parent): while the child is missing, the step the missing alert asks for
        /// ("no contact with placement").
        case placement = "placement/caregiver"
    }

    /// `restricted` notes are hidden from the police role.
    public enum Visibility: String, Codable, Sendable, CaseIterable {
        case team
        case restricted
    }

    public var id: ContactID
    public var version: Int
    public var child: ChildID
    public var occurredAt: Date
    public var author: WorkerID
    public var kind: Kind
    public var location: String
    public var summary: String
    public var nextSteps: String
    public var visibility: Visibility

    public init(
        id: ContactID = .make(), version: Int = 0, child: ChildID, occurredAt: Date, author: WorkerID,
        kind: Kind, location: String = "", summary: String, nextSteps: String = "", visibility: Visibility = .team
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.occurredAt = occurredAt
        self.author = author
        self.kind = kind
        self.location = location
        self.summary = summary
        self.nextSteps = nextSteps
        self.visibility = visibility
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { occurredAt }
    public var visibilityClass: VisibilityClass { visibility == .restricted ? .restricted : .team }
}
