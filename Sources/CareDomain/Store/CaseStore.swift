import Foundation

/// The port through which the app reads and writes a unit's records. `CareStore`'s SQLite store
/// implements it; a PostgreSQL one could later. Every method acts as the signed-in worker: the
/// store checks `Permissions` and writes the audit event in the same transaction as the change.
public protocol CaseStore: AnyObject, Sendable {
    /// Who is signed in.
    var worker: Worker { get }

    /// Everything the caseload list, the alerts and the referral queue need, without notes.
    func loadCaseload() throws -> CaseloadSnapshot

    /// One child's full record. Writes a `view` audit event first; if that fails, throws and
    /// nothing is returned. Contacts come newest first, the first page only.
    func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail

    /// An older page of a child's contacts (newest first), for lazy loading as the worker scrolls.
    func loadContacts(of child: ChildID, before: Date, limit: Int) throws -> ContactPage

    /// Saves a record. `record.version` must be the version that was read (0 for a new record);
    /// a mismatch throws `VersionConflict` and changes nothing. Returns the record as stored, with
    /// its new version. `summary` is the words of the audit event written in the same transaction.
    func save<Record: CareRecord>(_ record: Record, summary: String) throws -> Record

    /// A child's audit trail, oldest first (supervisors only: `Permission.readAudit`).
    func auditTrail(of child: ChildID) throws -> [AuditEvent]

    /// Appends an audit event with no record change (login, lock, unlock, export, ...).
    func appendAudit(_ action: AuditAction, child: ChildID?, summary: String) throws

    /// A number that changes whenever any process commits to the store; cheap to poll.
    func changeToken() throws -> Int64

    /// Drops the data key from memory; every call but `unlock` fails until the passphrase is given.
    func lock()

    /// Takes the signed-in worker's passphrase again and restores the data key.
    func unlock(passphrase: String) throws
}

/// What the caseload, alerts and referral queue show, loaded in one go.
public struct CaseloadSnapshot: Sendable, Equatable {
    public var children: [Child]
    /// The time of each child's most recent contact (the police role's view included).
    public var lastContact: [ChildID: Date]
    public var episodes: [ChildID: [MissingEpisode]]
    public var indicators: [ChildID: [RiskIndicator]]
    public var plans: [ChildID: SafetyPlan]
    public var referrals: [Referral]
    public var appointments: [Appointment]
    public var services: [Service]
    public var workers: [Worker]

    public init(
        children: [Child] = [], lastContact: [ChildID: Date] = [:], episodes: [ChildID: [MissingEpisode]] = [:],
        indicators: [ChildID: [RiskIndicator]] = [:], plans: [ChildID: SafetyPlan] = [:], referrals: [Referral] = [],
        appointments: [Appointment] = [], services: [Service] = [], workers: [Worker] = []
    ) {
        self.children = children
        self.lastContact = lastContact
        self.episodes = episodes
        self.indicators = indicators
        self.plans = plans
        self.referrals = referrals
        self.appointments = appointments
        self.services = services
        self.workers = workers
    }

    /// The open missing episode of a child, if any.
    public func openEpisode(of child: ChildID) -> MissingEpisode? {
        episodes[child]?.first(where: \.isOpen)
    }

    /// Where the child is, with an open missing episode taking precedence over the stored place.
    public func whereabouts(of child: Child) -> Whereabouts {
        if let open = openEpisode(of: child.id) {
            return .missing(since: open.lastSeenAt, lastSeen: open.lastSeenPlace)
        }
        return child.whereabouts
    }
}

/// One child's whole record, as the detail pane shows it.
public struct ChildDetail: Sendable, Equatable {
    public var child: Child
    public var contacts: ContactPage
    public var episodes: [MissingEpisode]
    public var indicators: [RiskIndicator]
    public var plan: SafetyPlan?
    public var referrals: [Referral]
    public var appointments: [Appointment]

    public init(
        child: Child, contacts: ContactPage, episodes: [MissingEpisode] = [], indicators: [RiskIndicator] = [],
        plan: SafetyPlan? = nil, referrals: [Referral] = [], appointments: [Appointment] = []
    ) {
        self.child = child
        self.contacts = contacts
        self.episodes = episodes
        self.indicators = indicators
        self.plan = plan
        self.referrals = referrals
        self.appointments = appointments
    }
}

/// A page of contacts, newest first, with how many restricted notes were withheld from this role.
public struct ContactPage: Sendable, Equatable {
    public var contacts: [Contact]
    public var hasMore: Bool
    /// Restricted notes in this page's range the signed-in role may not see (police).
    public var hiddenRestricted: Int

    public init(contacts: [Contact] = [], hasMore: Bool = false, hiddenRestricted: Int = 0) {
        self.contacts = contacts
        self.hasMore = hasMore
        self.hiddenRestricted = hiddenRestricted
    }
}

/// A save refused because someone else saved the record first. Carries both versions so the
/// person can see theirs and the other, and nothing is silently overwritten.
public struct VersionConflict<Record: CareRecord>: Error, Sendable {
    public let yours: Record
    public let theirs: Record
    /// Who saved `theirs` and when, when the store knows.
    public let savedBy: String?
    public let savedAt: Date?

    public init(yours: Record, theirs: Record, savedBy: String? = nil, savedAt: Date? = nil) {
        self.yours = yours
        self.theirs = theirs
        self.savedBy = savedBy
        self.savedAt = savedAt
    }
}
