import Foundation

/// A child sent to another unit (`care transfer export`): to whom (the receiving unit's code and
/// authority fingerprint), the youth's consent as recorded first, who sent it and when, and how
/// far it has gone (`TransferWorkflow`). While it is pending the child stays this unit's, open
/// and editable; accepted, the sending copy is closed and read-only; rejected or revoked, the
/// child is an ordinary open case again and the record says why.
public struct TransferOut: Hashable, Codable, Sendable {
    /// The transfer's own id (random, names no one), carried sealed in the file and its answer.
    /// Nil in a record written before transfers waited for an answer.
    public var id: String?
    /// The receiving unit's authority fingerprint (`UnitAuthority.fingerprint`): no name.
    public var toAuthority: String
    /// The receiving unit's code, as its transfer key names it; nil for a key that names none.
    public var toUnit: String?
    /// The receiving unit's transfer key as given (`care transfer key`), so a revoke is sealed to it.
    public var toKey: String?
    /// The consent as recorded before the file was sealed (who agreed, when, how).
    public var consent: String
    public var by: WorkerID
    public var at: Date
    /// Nil in a record written before transfers waited for an answer: those were accepted at once.
    public var state: TransferState?
    /// The answer (accepted, rejected) or the revoke; nil while pending.
    public var outcome: Outcome?

    /// What ended the wait: the receiving unit's answer, or this unit's revoke.
    public struct Outcome: Hashable, Codable, Sendable {
        /// When the receiving unit answered, or when this unit revoked.
        public var at: Date
        /// Who recorded it here (imported the answer, or revoked).
        public var recordedBy: WorkerID
        public var recordedAt: Date
        /// The rejection's or the revoke's reason; empty for an acceptance.
        public var reason: String
        /// The child's case number in the receiving unit, on acceptance.
        public var caseNumberThere: String?

        public init(at: Date, recordedBy: WorkerID, recordedAt: Date, reason: String = "", caseNumberThere: String? = nil) {
            self.at = at
            self.recordedBy = recordedBy
            self.recordedAt = recordedAt
            self.reason = reason
            self.caseNumberThere = caseNumberThere
        }
    }

    public init(id: String? = nil, toAuthority: String, toUnit: String? = nil, toKey: String? = nil, consent: String, by: WorkerID,
                at: Date, state: TransferState? = .pending, outcome: Outcome? = nil) {
        self.id = id
        self.toAuthority = toAuthority
        self.toUnit = toUnit
        self.toKey = toKey
        self.consent = consent
        self.by = by
        self.at = at
        self.state = state
        self.outcome = outcome
    }

    /// Where the transfer is (a record from before answers counts as accepted).
    public var currentState: TransferState { state ?? .accepted }

    /// The sending copy is read-only once the receiving unit has the child.
    public var makesReadOnly: Bool { currentState == .accepted }

    /// The receiving unit as people say it: its code, or its authority fingerprint.
    public var receiver: String { toUnit ?? "the unit with authority key \(toAuthority)" }

    /// What the record and every refusal to change it say.
    public func words(zone: TimeZone) -> String {
        switch currentState {
        case .notSent, .pending: "transfer to \(receiver) pending since \(TimeText.format(at, zone: zone))"
        case .accepted:
            "transferred to \(receiver) on \(TimeText.format(outcome?.at ?? at, zone: zone))"
                + (outcome?.caseNumberThere.map { " (\($0) there)" } ?? "")
        case .rejected: "transfer to \(receiver) rejected on \(TimeText.format(outcome?.at ?? at, zone: zone)): \(outcome?.reason ?? "")"
        case .revoked: "transfer to \(receiver) revoked on \(TimeText.format(outcome?.at ?? at, zone: zone)): \(outcome?.reason ?? "")"
        }
    }
}
