import Foundation

/// A child or youth on the unit's caseload. Everything here except `id` and `version` names or
/// describes the child and is sealed by the store.
public struct Child: CareRecord {
    public static let kind = RecordKind.child

    public var id: ChildID
    public var version: Int
    /// `UNIT-YYYY-NNNN`, e.g. `KEN-2026-0042`.
    public var caseNumber: CaseNumber
    public var legalName: String
    /// The name the youth asked to be called; shown in lists. Empty means use the legal name.
    public var preferredName: String
    public var pronouns: String
    public var birth: Birth
    public var gender: String
    public var indigenousIdentity: IndigenousIdentity
    public var languages: [String]
    public var careStatus: CareStatus
    public var society: String
    public var placement: String
    public var riskLevel: RiskLevel
    public var exploitationStatus: ExploitationStatus
    /// Last known place when not missing. An open missing episode overrides it on screen.
    public var whereabouts: Whereabouts
    public var team: Team
    public var openedOn: DayDate
    public var closure: Closure?
    /// The latest closure request and its answer, owned by the lifecycle commands; nil until one is made.
    public var closureRequest: ClosureRequest?
    /// The latest reopening, shown as "reopened" until the case closes again.
    public var reopening: Reopening?
    /// The youth's plan for leaving care, from 16; saved by its own command.
    public var transitionPlan: TransitionPlan?
    /// Set when the child was sent to another unit: the record is closed and read-only.
    public var transferredOut: TransferOut?
    /// The case numbers the child had in units that transferred them here, oldest first.
    public var formerCaseNumbers: [CaseNumber]?
    public var flags: [Flag]
    /// Phone numbers the youth uses or is reached on, as typed ("(555) 010-0142"); the caseload
    /// filter finds the child by their digits. Nil in records saved before it was kept.
    public var phones: [String]?
    /// The last few saves of the profile that changed it: which fields, when, by whom, never the
    /// values (`ProfileChange`). Kept by `CommandRules` (whatever a form sends is replaced); nil
    /// in records saved before it was kept.
    public var profileChanges: [ProfileChange]?

    public init(
        id: ChildID = .make(), version: Int = 0, caseNumber: CaseNumber, legalName: String,
        preferredName: String = "", pronouns: String = "", birth: Birth, gender: String = "",
        indigenousIdentity: IndigenousIdentity = .unknown, languages: [String] = [],
        careStatus: CareStatus = .notInCare, society: String = "", placement: String = "",
        riskLevel: RiskLevel = .medium, exploitationStatus: ExploitationStatus = .unknown,
        whereabouts: Whereabouts = .unknown, team: Team = Team(), openedOn: DayDate,
        closure: Closure? = nil, flags: [Flag] = [], profileChanges: [ProfileChange]? = nil,
        closureRequest: ClosureRequest? = nil, reopening: Reopening? = nil, transitionPlan: TransitionPlan? = nil,
        transferredOut: TransferOut? = nil, formerCaseNumbers: [CaseNumber]? = nil, phones: [String]? = nil
    ) {
        self.id = id
        self.version = version
        self.caseNumber = caseNumber
        self.legalName = legalName
        self.preferredName = preferredName
        self.pronouns = pronouns
        self.birth = birth
        self.gender = gender
        self.indigenousIdentity = indigenousIdentity
        self.languages = languages
        self.careStatus = careStatus
        self.society = society
        self.placement = placement
        self.riskLevel = riskLevel
        self.exploitationStatus = exploitationStatus
        self.whereabouts = whereabouts
        self.team = team
        self.openedOn = openedOn
        self.closure = closure
        self.flags = flags
        self.profileChanges = profileChanges
        self.closureRequest = closureRequest
        self.reopening = reopening
        self.transitionPlan = transitionPlan
        self.transferredOut = transferredOut
        self.formerCaseNumbers = formerCaseNumbers
        self.phones = phones
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { id }

    public var isOpen: Bool { closure == nil }

    /// Active (not removed) manual flags.
    public var activeFlags: [Flag] { flags.filter { $0.removal == nil } }
}

extension Child: ChildNaming {}

/// A date of birth, or an age estimated on a given day when the date is not known.
public enum Birth: Hashable, Codable, Sendable {
    case exact(DayDate)
    case estimated(years: Int, asOf: DayDate)

    public var isEstimated: Bool {
        if case .estimated = self { return true }
        return false
    }

    /// The eighteenth birthday (estimated births count from the estimate's day).
    public var eighteenth: DayDate {
        switch self {
        case .exact(let dob): dob.adding(years: 18)
        case .estimated(let years, let asOf): asOf.adding(years: 18 - years)
        }
    }
}

/// The workers assigned to a child: one of each kind, any of which may be unassigned.
///
/// Each child's summary and list row holds one, so the three ids are kept in 16 bytes each
/// (`PackedOptionalID`), not the 24 a `WorkerID?` takes with its tag: 48 bytes a team, not 72
/// (`SnapshotLayoutTests`).
public struct Team: Hashable, Codable, Sendable {
    private var packedChildProtection: PackedOptionalID<Worker>
    private var packedPolice: PackedOptionalID<Worker>
    private var packedLiaison: PackedOptionalID<Worker>

    public var childProtection: WorkerID? {
        get { packedChildProtection.id }
        set { packedChildProtection = PackedOptionalID(newValue) }
    }

    public var police: WorkerID? {
        get { packedPolice.id }
        set { packedPolice = PackedOptionalID(newValue) }
    }

    public var liaison: WorkerID? {
        get { packedLiaison.id }
        set { packedLiaison = PackedOptionalID(newValue) }
    }

    public init(childProtection: WorkerID? = nil, police: WorkerID? = nil, liaison: WorkerID? = nil) {
        packedChildProtection = PackedOptionalID(childProtection)
        packedPolice = PackedOptionalID(police)
        packedLiaison = PackedOptionalID(liaison)
    }

    public var members: [WorkerID] { [childProtection, police, liaison].compactMap { $0 } }

    /// Whether `worker` is on the team, without making the list of members.
    public func includes(_ worker: WorkerID) -> Bool {
        childProtection == worker || police == worker || liaison == worker
    }

    // The coding of the three optionals as they were declared before they were packed: a key
    // for each id present, none for an unassigned worker.
    private enum CodingKeys: String, CodingKey { case childProtection, police, liaison }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            childProtection: try container.decodeIfPresent(WorkerID.self, forKey: .childProtection),
            police: try container.decodeIfPresent(WorkerID.self, forKey: .police),
            liaison: try container.decodeIfPresent(WorkerID.self, forKey: .liaison))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(childProtection, forKey: .childProtection)
        try container.encodeIfPresent(police, forKey: .police)
        try container.encodeIfPresent(liaison, forKey: .liaison)
    }
}

/// Why and when a case was closed. Everything but the day and the reason is nil in a closure
/// made before closures were requested and approved (issue 27), or brought in by an import.
public struct Closure: Hashable, Codable, Sendable {
    public var on: DayDate
    /// The reason's words (`ClosureReason.words`).
    public var reason: String
    public var note: String?
    public var requestedBy: WorkerID?
    public var approvedBy: WorkerID?
    /// When the supervisor approved it: the handover of that shift lists the child once.
    public var at: Date?
    /// What blocked closing when a supervisor closed over it, in words, and the reason they gave.
    public var overBlocks: [String]?
    public var overReason: String?
    /// Closed "aged out, transitioned" with the youth's transition plan, which stays on the record.
    public var carriesPlan: Bool?

    public init(on: DayDate, reason: String, note: String? = nil, requestedBy: WorkerID? = nil, approvedBy: WorkerID? = nil,
                at: Date? = nil, overBlocks: [String]? = nil, overReason: String? = nil, carriesPlan: Bool? = nil) {
        self.on = on
        self.reason = reason
        self.note = note
        self.requestedBy = requestedBy
        self.approvedBy = approvedBy
        self.at = at
        self.overBlocks = overBlocks
        self.overReason = overReason
        self.carriesPlan = carriesPlan
    }
}
