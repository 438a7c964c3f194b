import Foundation

/// What one screen (or one export) asks to see of the investigation records. A store writes a
/// `view` event for every person, place, link and lead the answer holds, and commits it, before
/// it hands the answer back (`CaseInvestigations.investigation`).
public enum InvestigationView: Hashable, Sendable {
    /// Every person and place, with their links, and the leads (the investigation screen).
    case list
    /// One person (with those merged into them) and their links.
    case person(PersonID)
    /// One place and its links.
    case place(PlaceID)
    /// One child's links and what they link to, with the other links of those persons and
    /// places (for the pattern warning), and the leads reported about the child.
    case child(ChildID)
    /// The police queue of leads.
    case leads
    /// The persons and places with a pattern warning and their active links (the persons
    /// merged into them included): the dashboard's pattern alerts.
    case warnings
}

/// Why the records are read: to be shown on a screen, or written to a file for disclosure.
public enum InvestigationPurpose: String, Sendable {
    case shown
    case exported

    public var action: AuditAction { self == .shown ? .view : .export }
}
