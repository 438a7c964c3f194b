import Foundation

/// The kinds of record a store holds. The raw value is kept in clear beside each sealed payload
/// and is part of the payload's associated data, so a blob moved to a row of another kind fails
/// to open.
public enum RecordKind: String, Codable, Sendable, CaseIterable {
    case worker
    case child
    case contact
    case missingEpisode = "missing-episode"
    case indicator
    case safetyPlan = "safety-plan"
    case referral
    case service
    case appointment
    case handover
    /// A person's acknowledgement or snooze of an alert.
    case alertResponse = "alert-response"
    /// One incoming worker's acknowledgement of one handover entry (its own record, so two
    /// workers acknowledging at shift change never conflict).
    case handoverAcknowledgement = "handover-ack"
    /// A link between a child and another record ("seen together", later persons of interest).
    case link
    /// The unit's cultural-safety review checklist (one per store).
    case reviewChecklist = "review-checklist"
    /// The unit's closure reasons (one per store, `ClosureReasonList`).
    case closureReasons = "closure-reasons"
    /// What a worker typed into a form and did not save (`Draft`).
    case draft
    /// Investigation records, sealed under the `investigation` key (`PersonOfInterest`,
    /// `PlaceOfConcern`, `InvestigationLink`, `Lead`).
    case personOfInterest = "person-of-interest"
    case placeOfConcern = "place-of-concern"
    case investigationLink = "investigation-link"
    case lead
}

/// A record the store can seal, version and audit. Conforming types are plain values; the store
/// keeps `recordID`, `kind`, `version`, `childID` and `sortDate` in clear and seals the rest.
public protocol CareRecord: Codable, Sendable, Equatable {
    static var kind: RecordKind { get }
    /// The id as the store keeps it.
    var recordID: String { get }
    /// Incremented by the store on every save; a save carrying an older version is a conflict.
    var version: Int { get set }
    /// The child this record belongs to, if any. Kept in clear so a child's records load together.
    var childID: ChildID? { get }
    /// A time the store may keep in clear for ordering and for cheap queries (e.g. last contact).
    var sortDate: Date? { get }
    /// Which roles may read this record; the store seals it under that class's key.
    var visibilityClass: VisibilityClass { get }
}

extension CareRecord {
    public var sortDate: Date? { nil }
    public var visibilityClass: VisibilityClass { .team }
}
