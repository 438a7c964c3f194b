import Foundation

/// A referral of a child to a service, with its consent, its cultural-safety review and a
/// timeline of every status change. Transitions are made by `ReferralWorkflow`, not by hand.
public struct Referral: CareRecord {
    public static let kind = RecordKind.referral

    public enum Priority: String, Codable, Sendable, CaseIterable {
        case routine, urgent
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case draft
        case awaitingReview = "awaiting review"
        case readyToSend = "ready to send"
        case sent
        case waitlisted
        case accepted
        case active
        case completed
        case declined
        case withdrawn

        public var isFinal: Bool { self == .completed || self == .declined || self == .withdrawn }
    }

    public struct Consent: Hashable, Codable, Sendable {
        public enum State: String, Codable, Sendable, CaseIterable {
            case given, refused, pending
        }

        // Widest first, so the state's byte follows the time's odd one (48 bytes, not 56).
        /// Who gave or refused it, in words: the youth, or a guardian with the youth.
        public var by: String
        /// The worker who recorded it; the store sets it when the consent changes.
        public var recordedBy: WorkerID?
        /// When it was given or refused.
        public var at: Date?
        public var state: State

        public init(state: State = .pending, by: String = "", at: Date? = nil, recordedBy: WorkerID? = nil) {
            self.state = state
            self.by = by
            self.at = at
            self.recordedBy = recordedBy
        }
    }

    // Declared in the order that packs them (Swift lays a struct out in declaration order): the
    // word-sized fields, then the consent with the priority and status in its tail, then the
    // review. 208 bytes a referral, against 240 (SnapshotLayoutTests); the summary codec has its
    // own order, and the JSON's keys are sorted.
    public var id: ReferralID
    public var version: Int
    public var child: ChildID
    public var service: ServiceID
    public var reason: String
    public var createdBy: WorkerID
    public var createdAt: Date
    public var timeline: [Transition]
    public var consent: Consent
    public var priority: Priority
    public var status: Status
    public var review: CulturalSafetyReview

    public init(
        id: ReferralID = .make(), version: Int = 0, child: ChildID, service: ServiceID, reason: String,
        priority: Priority = .routine, consent: Consent = Consent(), review: CulturalSafetyReview = CulturalSafetyReview(),
        status: Status = .draft, createdBy: WorkerID, createdAt: Date, timeline: [Transition] = []
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.service = service
        self.reason = reason
        self.priority = priority
        self.consent = consent
        self.review = review
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.timeline = timeline
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { createdAt }

    /// When the referral entered its current status (the last transition), or its creation.
    public var statusSince: Date { timeline.last?.at ?? createdAt }
}

/// One status change on a referral's timeline.
public struct Transition: Hashable, Codable, Sendable {
    public var from: Referral.Status
    public var to: Referral.Status
    public var by: WorkerID
    public var at: Date
    public var note: String

    public init(from: Referral.Status, to: Referral.Status, by: WorkerID, at: Date, note: String = "") {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
        self.note = note
    }
}

/// The Indigenous liaison's cultural-safety review of a referral.
public struct CulturalSafetyReview: Hashable, Codable, Sendable {
    public enum Answer: String, Codable, Sendable, CaseIterable {
        case yes, no
        case notApplicable = "n/a"
    }

    public enum Decision: String, Codable, Sendable {
        case approved, returned
        /// A supervisor approved without a liaison; needs a reason and is shown on the referral.
        case overridden
    }

    public struct Item: Hashable, Codable, Sendable {
        public var question: String
        public var answer: Answer?
        public var comment: String

        public init(question: String, answer: Answer? = nil, comment: String = "") {
            self.question = question
            self.answer = answer
            self.comment = comment
        }
    }

    /// The default checklist; a unit may edit its own.
    public static let defaultQuestions: [String] = [
        "Youth consulted on the choice of service and on involving family, community or Elders",
        "Youth's identity and communities considered (representative notified where the youth agrees)",
        "Service is Indigenous-led or has shown cultural competence",
        "Youth's language is available",
        "Trauma-informed practice confirmed",
        "Location and travel are feasible (fly-in and remote communities)",
    ]

    // Widest first, so the flags and the decision share the time's last word (56 bytes, not 72).
    public var reviewer: WorkerID?
    public var comment: String
    public var checklist: [Item]
    public var decidedAt: Date?
    public var required: Bool
    /// Set when a supervisor marked a review required that the rules did not require.
    public var requiredBySupervisor: Bool
    public var decision: Decision?

    public init(
        required: Bool = false, requiredBySupervisor: Bool = false, reviewer: WorkerID? = nil,
        checklist: [Item] = CulturalSafetyReview.defaultQuestions.map { Item(question: $0) },
        decision: Decision? = nil, comment: String = "", decidedAt: Date? = nil
    ) {
        self.required = required
        self.requiredBySupervisor = requiredBySupervisor
        self.reviewer = reviewer
        self.checklist = checklist
        self.decision = decision
        self.comment = comment
        self.decidedAt = decidedAt
    }
}
