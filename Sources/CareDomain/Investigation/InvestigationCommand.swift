import Foundation

/// Everything a person can change about persons of interest, places of concern, their links to
/// children and leads. Applied through `InvestigationRules` by both stores, inside the same
/// transaction as the audit event, like every `CaseCommand`.
public enum InvestigationCommand: Sendable, Equatable {
    /// A new person (version 0) or a change to one (the version read). Police and supervisors.
    case savePerson(PersonOfInterest)
    /// A new place (version 0) or a change to one. Police and supervisors.
    case savePlace(PlaceOfConcern)
    /// Links a child to a person or place. Police and supervisors.
    case link(InvestigationLink)
    /// Changes an active link's date, source, confidence and note (the version read); the child
    /// and the person or place stay. Police and supervisors.
    case editLink(InvestigationLink)
    /// Marks a link removed, with the reason; the link stays with its removal.
    case unlink(InvestigationLinkID, reason: String)
    /// Merges `merged` into `kept`: `kept` takes the other's aliases, numbers, handles and
    /// vehicles; `merged` points at `kept`; neither's links change. Never done by care alone.
    case mergePersons(kept: PersonID, merged: PersonID)
    /// A lead from a child's record, sealed for the police. Child protection and liaisons.
    case reportLead(Lead)

    public var label: String {
        switch self {
        case .savePerson(let person): person.version == 0 ? "person of interest added" : "person of interest updated"
        case .savePlace(let place): place.version == 0 ? "place of concern added" : "place of concern updated"
        case .link: "linked to the child"
        case .editLink: "investigation link changed"
        case .unlink: "investigation link removed"
        case .mergePersons: "persons merged"
        case .reportLead: "lead reported to the police"
        }
    }
}
