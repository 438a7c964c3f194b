import Foundation

/// A child as the caseload holds them: what the list's rows, the alerts, the preview header, the
/// handover and the referral queue read, and nothing else. The whole `Child` (society,
/// placement, gender, the reason a case was closed, removed flags, representatives' contacts)
/// loads with the opened record (`ChildDetail`), which is where the profile form takes it from.
public struct ChildSummary: Sendable, Equatable, Codable, Identifiable {
    // Declared in the order that packs them (Swift lays a struct out in declaration order): the
    // word-sized fields, then the whereabouts' odd byte filled by the three statuses and the
    // opening day, then the narrow rest. 272 bytes a child, against 360 (SnapshotLayoutTests);
    // the summary codec has its own order, and the JSON's keys are sorted.
    public var id: ChildID
    /// The child record's version this summary was made from.
    public var version: Int
    public var caseNumber: CaseNumber
    public var legalName: String
    public var preferredName: String
    public var pronouns: String
    public var team: Team
    public var indigenousIdentity: IndigenousIdentity
    public var languages: [String]
    /// The flags not removed.
    public var activeFlags: [Flag]
    /// The record's short history of which profile fields changed, when and by whom (no values):
    /// what the handover's "what changed" lines say of the profile.
    public var profileChanges: [ProfileChange]
    /// The latest closure request and its answer: the supervisor's pending list, and the
    /// worker's sight of a rejection's comment.
    @Rare public var closureRequest: ClosureRequest?
    /// The youth's transition plan: what the aging-out alert names.
    @Rare public var transitionPlan: TransitionPlan?
    /// The child's phone numbers as typed: the caseload filter matches typed digits against them
    /// without opening the record.
    public var phones: [String]
    /// Last known place when not missing (an open missing episode overrides it on screen).
    public var whereabouts: Whereabouts
    public var careStatus: CareStatus
    public var riskLevel: RiskLevel
    public var exploitationStatus: ExploitationStatus
    public var openedOn: DayDate
    /// When the closure was approved (nil for a closure made before approvals): the handover of
    /// that shift lists the child once.
    public var closedAt: Date?
    /// The day the case was closed; nil while it is open.
    public var closedOn: DayDate?
    public var birth: Birth

    public init(
        id: ChildID, version: Int, caseNumber: CaseNumber, legalName: String, preferredName: String, pronouns: String,
        birth: Birth, indigenousIdentity: IndigenousIdentity, languages: [String], careStatus: CareStatus, riskLevel: RiskLevel,
        exploitationStatus: ExploitationStatus, whereabouts: Whereabouts, team: Team, openedOn: DayDate, closedOn: DayDate?,
        activeFlags: [Flag], profileChanges: [ProfileChange] = [], closureRequest: ClosureRequest? = nil, closedAt: Date? = nil,
        transitionPlan: TransitionPlan? = nil, phones: [String] = []
    ) {
        self.id = id
        self.version = version
        self.caseNumber = caseNumber
        self.legalName = legalName
        self.preferredName = preferredName
        self.pronouns = pronouns
        self.birth = birth
        self.indigenousIdentity = indigenousIdentity
        self.languages = languages
        self.careStatus = careStatus
        self.riskLevel = riskLevel
        self.exploitationStatus = exploitationStatus
        self.whereabouts = whereabouts
        self.team = team
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.activeFlags = activeFlags
        self.profileChanges = profileChanges
        self.closureRequest = closureRequest
        self.closedAt = closedAt
        self.transitionPlan = transitionPlan
        self.phones = phones
    }

    /// The summary of `child` as it is stored.
    public init(_ child: Child) {
        self.init(
            id: child.id, version: child.version, caseNumber: child.caseNumber, legalName: child.legalName,
            preferredName: child.preferredName, pronouns: child.pronouns, birth: child.birth,
            indigenousIdentity: child.indigenousIdentity, languages: child.languages, careStatus: child.careStatus,
            riskLevel: child.riskLevel, exploitationStatus: child.exploitationStatus, whereabouts: child.whereabouts,
            team: child.team, openedOn: child.openedOn, closedOn: child.closure?.on, activeFlags: child.activeFlags,
            profileChanges: child.profileChanges ?? [], closureRequest: child.closureRequest, closedAt: child.closure?.at,
            transitionPlan: child.transitionPlan, phones: child.phones ?? [])
    }

    public var isOpen: Bool { closedOn == nil }

    /// Open with a closure request waiting for a supervisor.
    public var closurePending: Bool { isOpen && closureRequest?.isPending == true }
}

extension ChildSummary: ChildNaming {}

/// A risk indicator not yet resolved, as the preview header and the resolve form show it. Its
/// note and source load with the opened record.
public struct OpenIndicator: Sendable, Equatable, Codable, Identifiable {
    public var id: IndicatorID
    public var kind: RiskIndicator.Kind
    public var observedOn: DayDate

    public init(id: IndicatorID, kind: RiskIndicator.Kind, observedOn: DayDate) {
        self.id = id
        self.kind = kind
        self.observedOn = observedOn
    }

    public init(_ indicator: RiskIndicator) {
        self.init(id: indicator.id, kind: indicator.kind, observedOn: indicator.observedOn)
    }
}
