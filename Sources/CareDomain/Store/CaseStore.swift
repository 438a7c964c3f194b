import Foundation

// The port through which the app reads and writes a unit's records, split by purpose so a second
// backend (PostgreSQL, later) can implement it piece by piece. `CareStore`'s SQLite store and the
// in-memory store implement every part, and the same contract tests run against both.
//
// Every method acts as the signed-in worker: a store checks `Permissions`, runs the domain rules
// of `CommandRules` inside its transaction, and writes the audit event in the same transaction
// as the change.

/// Who is signed in, and the lock that drops the keys.
public protocol CaseSession: AnyObject, Sendable {
    /// Who is signed in (their `Worker` record as it was at sign-in).
    var worker: Worker { get }
    /// The unit the store belongs to, with the time zone every time is shown in.
    var unitInfo: UnitInfo { get }
    /// Drops the keys (and writes a `lock` event); every call but `unlock` fails until then.
    func lock()
    /// Takes the signed-in worker's passphrase again and restores the keys.
    func unlock(passphrase: String) throws

    /// Checks the signed-in worker's passphrase without locking (to show names on the wall
    /// screen); audits the check with `purpose`, and a wrong passphrase as a failed sign-in.
    func verifyPassphrase(_ passphrase: String, purpose: String) throws
}

/// Reading records. Nothing here changes a record; opening a child's record is audited.
public protocol CaseReading: AnyObject, Sendable {
    /// Everything the caseload list, the alerts and the referral queue need, without notes.
    func loadCaseload() throws -> CaseloadSnapshot

    /// The current records of some children (and the catalogue of workers and services, when
    /// asked), to bring a snapshot up to date after the change feed named them.
    func loadPatch(children: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch

    /// Records that the child pane is about to show `child`'s details beyond the caseload row
    /// (community, placement, last-seen place, team, indicators): writes one `preview` audit
    /// event the first time this session previews or views the child since it was unlocked,
    /// and nothing later. Throws when the event cannot be written; the details must then not be
    /// shown.
    func preview(of child: ChildID) throws

    /// Records that a screen is about to show one referral of a child in full (reason, consent,
    /// cultural-safety review, timeline): writes a `view` audit event naming the referral, every
    /// time. Throws when the event cannot be written; the referral must then not be shown.
    func viewReferral(_ referral: ReferralID, of child: ChildID) throws

    /// Records that the handover screen is about to show these children's cards (whereabouts,
    /// last-seen place, actions): one `view` event per card, in one transaction, naming `shift`.
    /// Throws when they cannot be written; the cards must then not be shown.
    func viewHandover(children: [ChildID], shift: String) throws

    /// Records that the reader is about to show an alert about `child` whole (its words, the
    /// child's name, since when): a `view` event naming the child, every time. Throws when it
    /// cannot be written; the alert must then not be shown.
    func viewAlert(_ alertID: String, of child: ChildID) throws

    /// One child's full record. Writes a `view` audit event first; if that fails, throws and
    /// nothing is returned. Contacts come newest first, the first page only.
    func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail

    /// The record this session already opened with `loadDetail`, read again after someone else
    /// changed it. Writes no second `view` event; refuses a child this session has not viewed.
    func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail

    /// The page of a child's contacts that follows `cursor` (older ones, newest first), for lazy
    /// loading as the worker scrolls.
    func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage

    /// A child's audit trail, oldest first (supervisors only: `Permission.readAudit`).
    func auditTrail(of child: ChildID) throws -> [AuditEvent]

    /// Every acknowledgement of a handover's entries, oldest first.
    func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement]

    /// A saved handover with its acknowledgements, or nil when none was saved with this id.
    func loadHandover(_ id: HandoverID) throws -> HandoverState?

    /// The child and time of every contact between two moments (no words): for counting what
    /// happened in a shift and drawing contacts per day.
    func contactStamps(from start: Date, to end: Date) throws -> [ContactStamp]
}

/// Changing records. Each command runs its rule inside one transaction with its audit event.
public protocol CaseCommands: AnyObject, Sendable {
    /// Applies `command` as the signed-in worker. Throws `CommandError` when the rules or the
    /// worker's role refuse it, `RecordConflict` when someone else saved the record first; in
    /// either case nothing is written.
    func perform(_ command: CaseCommand) throws -> CommandOutcome

    /// Audits records leaving the store in plain text (a printed handover), in words; refused
    /// to roles without `Permission.export`.
    func recordExport(_ summary: String) throws
}

/// What other sessions and processes changed.
public protocol ChangeFeed: AnyObject, Sendable {
    /// The sequence number of the latest change; cheap to poll.
    func changeCursor() throws -> Int64
    /// Every record changed after `cursor`, by any process, in order.
    func changes(since cursor: Int64) throws -> ChangeBatch
}

/// A store that tells its session when another session's change commits (PostgreSQL's
/// `LISTEN`/`NOTIFY`), so the dashboard reads the feed when told rather than on its clock; the
/// clock's poll stays as the fallback. A store without it (SQLite: other processes' saves
/// reach a file, not this process) is polled on the clock alone.
public protocol ChangeAnnouncing: AnyObject, Sendable {
    /// Calls `heard`, on a thread of the store's, with the change cursor announced each time a
    /// change commits (this session's own too), and with nil when announcements stop (the
    /// connection that hears them is gone). Replaces any earlier handler; nil removes it.
    func announceChanges(to heard: (@Sendable (Int64?) -> Void)?)
    /// Whether announcements are being heard now; when not, the feed is polled on the clock.
    var announcesChanges: Bool { get }
}

/// Whole-store reading for supervisors: the audit trail and the integrity check.
public protocol CaseArchive: AnyObject, Sendable {
    /// Audit events, oldest first, optionally for one child, one actor and from a time on.
    func auditEvents(child: ChildID?, actor: WorkerID?, since: Date?) throws -> [AuditEvent]
}

/// What a worker typed into a form and did not save (`Draft`): each worker reads and writes only
/// their own. Every call is audited, in words that name the form and never hold its text.
public protocol CaseDrafts: AnyObject, Sendable {
    /// Keeps `draft` (the signed-in worker's) sealed under its class, replacing the draft of the
    /// same form for the same child; returns it as stored. Audited as "draft kept".
    @discardableResult
    func keepDraft(_ draft: Draft) throws -> Draft
    /// The signed-in worker's kept drafts, newest first.
    func drafts() throws -> [Draft]
    /// Audits that the draft was put back into its form ("draft restored").
    func noteDraftRestored(_ draft: Draft) throws
    /// Empties the signed-in worker's draft `id`: its text is gone from the store. `reason` is
    /// the audit's words ("discarded", "saved as the record"). Nothing happens when there is
    /// no such draft, or it is empty already.
    func dropDraft(id: String, reason: String) throws
}

/// Everything the dashboard needs from a store.
public typealias CaseStore = CaseSession & CaseReading & CaseCommands & ChangeFeed & CaseDrafts
