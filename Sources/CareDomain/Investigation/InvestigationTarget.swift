import Foundation

/// What an investigation link ties a child to: a person of interest or a place of concern.
public enum InvestigationTarget: Hashable, Codable, Sendable {
    case person(PersonID)
    case place(PlaceID)

    public var kind: RecordKind {
        switch self {
        case .person: .personOfInterest
        case .place: .placeOfConcern
        }
    }

    public var id: String {
        switch self {
        case .person(let id): id.rawValue
        case .place(let id): id.rawValue
        }
    }
}
