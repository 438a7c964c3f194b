import Foundation

public typealias LeadID = RecordID<Lead>

/// What a child protection worker or a liaison heard and thinks the police should know ("youth
/// mentioned an older man who drives a grey car"), reported from a child's record. It is sealed
/// for the police: the store seals it under the `investigation` class even when the reporter
/// holds no key to that class (docs/security.md "Leads"), so the reporter keeps only the fact
/// that they reported it.
public struct Lead: CareRecord {
    public static let kind = RecordKind.lead

    public var id: LeadID
    public var version: Int
    public var child: ChildID
    public var text: String
    public var source: InvestigationLink.Source
    public var reportedBy: WorkerID
    public var reportedAt: Date

    public init(
        id: LeadID = .make(), version: Int = 0, child: ChildID, text: String, source: InvestigationLink.Source,
        reportedBy: WorkerID, reportedAt: Date
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.text = text
        self.source = source
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }
    public var visibilityClass: VisibilityClass { .investigation }
}
