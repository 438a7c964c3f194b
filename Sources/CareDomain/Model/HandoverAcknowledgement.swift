import Foundation

/// The incoming worker's acknowledgement of one handover entry (I-PASS "synthesis by receiver"),
/// with an optional read-back in their own words.
///
/// Kept as its own record rather than a field of the handover, so that two workers acknowledging
/// entries of the same handover at shift change each insert a row and never conflict.
public struct HandoverAcknowledgement: CareRecord {
    public static let kind = RecordKind.handoverAcknowledgement

    public var id: HandoverAcknowledgementID
    public var version: Int
    public var handover: HandoverID
    /// The entry acknowledged (a handover has one entry per child).
    public var child: ChildID
    public var by: WorkerID
    public var at: Date
    public var readBack: String

    public init(
        id: HandoverAcknowledgementID = .make(), version: Int = 0, handover: HandoverID, child: ChildID,
        by: WorkerID, at: Date, readBack: String = ""
    ) {
        self.id = id
        self.version = version
        self.handover = handover
        self.child = child
        self.by = by
        self.at = at
        self.readBack = readBack
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { at }
}
