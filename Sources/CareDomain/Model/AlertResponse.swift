import Foundation

/// A person's answer to an alert: acknowledged with a note, or snoozed until a time.
///
/// Alerts are derived, never stored, so the response names the alert by its id and by `since`,
/// when its condition began. A response only hides the alert it was given for: when the cause
/// changes (a second night missing, a new lapse in contact) the alert's `since` moves and it
/// comes back.
public struct AlertResponse: CareRecord {
    public static let kind = RecordKind.alertResponse

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case acknowledged
        case snoozed
    }

    public var id: AlertResponseID
    public var version: Int
    /// `Alert.id`, e.g. `contact-overdue:<child id>`.
    public var alertID: String
    /// The child the alert is about, when it is about one.
    public var child: ChildID?
    /// `Alert.since` of the alert as it was answered.
    public var since: Date
    public var kind: Kind
    /// Until when a snooze hides the alert; nil for an acknowledgement.
    public var until: Date?
    public var note: String
    public var by: WorkerID
    public var at: Date
    /// `Alert.gravity` of the alert as it was answered: the answer holds up to it and the alert
    /// comes back when its cause gets worse. Nil in answers saved before it was kept (they hold
    /// for the same cause at any gravity, as they did).
    public var gravity: Int?

    public init(
        id: AlertResponseID = .make(), version: Int = 0, alertID: String, child: ChildID?, since: Date, kind: Kind,
        until: Date? = nil, note: String, by: WorkerID, at: Date, gravity: Int? = nil
    ) {
        self.gravity = gravity
        self.id = id
        self.version = version
        self.alertID = alertID
        self.child = child
        self.since = since
        self.kind = kind
        self.until = until
        self.note = note
        self.by = by
        self.at = at
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
    public var sortDate: Date? { at }

    /// True when this response hides `alert` at `now`. A child missing now is never hidden: an
    /// answer to that alert marks it (`AlertVisibility.answered`) and it stays listed.
    public func hides(_ alert: Alert, at now: Date) -> Bool {
        !alert.staysListedWhenAnswered && answers(alert, at: now)
    }

    /// True when this response answers `alert` at `now`: it was given for this alert, the same
    /// cause at no lesser gravity, and a snooze has not run out.
    public func answers(_ alert: Alert, at now: Date) -> Bool {
        guard alert.id == alertID, alert.since == since, alert.gravity <= (gravity ?? alert.gravity) else { return false }
        switch kind {
        case .acknowledged: return true
        case .snoozed: return until.map { now < $0 } ?? false
        }
    }
}
