import Foundation

public typealias PlaceID = RecordID<PlaceOfConcern>

/// A place that turns up around children at risk: a motel, an address, a bus terminal, an
/// online venue. Sealed under the `investigation` key like a person of interest.
public struct PlaceOfConcern: CareRecord {
    public static let kind = RecordKind.placeOfConcern

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case hotelMotel = "hotel/motel"
        case privateAddress = "private address"
        case transitHub = "transit hub"
        case onlineVenue = "online venue"
        case other
    }

    public var id: PlaceID
    public var version: Int
    public var kind: Kind
    public var name: String
    /// A street address, or a handle or site for an online venue.
    public var address: String
    public var notes: String
    public var createdBy: WorkerID
    public var createdAt: Date

    public init(
        id: PlaceID = .make(), version: Int = 0, kind: Kind, name: String, address: String = "", notes: String = "",
        createdBy: WorkerID, createdAt: Date
    ) {
        self.id = id
        self.version = version
        self.kind = kind
        self.name = name
        self.address = address
        self.notes = notes
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }
    public var visibilityClass: VisibilityClass { .investigation }
}
