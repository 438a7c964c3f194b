import Foundation

/// The rules of DOMAIN.md "Alerts". The raw value is the rule's name as people read it.
public enum AlertRule: String, Codable, Sendable, CaseIterable {
    case missingNow = "missing now"
    /// No longer raised on its own: the one alert of a missing episode names the missing police
    /// report. Kept so answers and audit entries given to it still read in words.
    case missingPoliceNotTold = "missing, police not told"
    case contactOverdue = "contact overdue"
    case repeatedMissing = "repeated missing"
    case debriefOverdue = "debrief overdue"
    case safetyPlanDue = "safety plan due"
    case referralAwaitingReview = "referral awaiting review"
    case referralNoResponse = "referral no response"
    case agingOut = "aging out"
    case courtSoon = "court soon"
    case handoverNotAcknowledged = "handover not acknowledged"
    /// A child whose own record does not open (`UnreadableChild`): nothing of it can be checked.
    case recordDoesNotOpen = "record does not open"
    /// A child whose caseload summary is not the one the trail last wrote (`UntrustedChild`).
    case recordUntrusted = "record cannot be trusted"
    case flag
    /// A person of interest or a place of concern linked to a third child within 90 days
    /// (`PatternRule`): police and supervisors only, from the investigation records.
    case pattern

    /// The severity the rule raises; a manual flag carries its own.
    public var defaultSeverity: AlertSeverity {
        switch self {
        case .missingNow, .missingPoliceNotTold, .recordDoesNotOpen, .recordUntrusted: .critical
        case .referralNoResponse, .courtSoon: .info
        default: .warning
        }
    }

    /// The rule named by an alert id's key (`missing:<episode>` → missing now), for words.
    public static func named(byAlertID id: String) -> AlertRule? {
        let key = id.prefix { $0 != ":" }
        return allCases.first { $0.key == key }
    }

    /// The rule an alert id names, in words ("missing now"), never its key: what status lines
    /// and the audit trail say.
    public static func words(forAlertID id: String) -> String {
        named(byAlertID: id)?.rawValue ?? "an alert"
    }

    /// A short key for alert ids; stable across releases because acknowledgements refer to it.
    var key: String {
        switch self {
        case .missingNow: "missing"
        case .missingPoliceNotTold: "police-not-told"
        case .contactOverdue: "contact-overdue"
        case .repeatedMissing: "repeated-missing"
        case .debriefOverdue: "debrief-overdue"
        case .safetyPlanDue: "safety-plan-due"
        case .referralAwaitingReview: "review-awaiting"
        case .referralNoResponse: "referral-no-response"
        case .agingOut: "aging-out"
        case .courtSoon: "court-soon"
        case .handoverNotAcknowledged: "handover-unacknowledged"
        case .recordDoesNotOpen: "record-does-not-open"
        case .recordUntrusted: "record-untrusted"
        case .flag: "flag"
        case .pattern: "pattern"
        }
    }
}

/// Something that needs a person's attention, derived from the records at a given time.
/// Alerts are never stored: the same records at the same time give the same alerts.
public struct Alert: Hashable, Sendable, Identifiable {
    /// Rule and record, e.g. `contact-overdue:<child id>`: stable while the condition lasts, so an
    /// acknowledgement or a snooze can refer to it.
    public var id: String
    public var rule: AlertRule
    public var severity: AlertSeverity
    public var child: ChildID?
    /// Words, e.g. "missing 14h — police occurrence recorded".
    public var message: String
    /// When the condition began (or the event it warns of, for court dates).
    public var since: Date
    /// How bad the cause is within its severity: the episodes counted, the risk level, the
    /// thresholds of hours missing passed. An answer holds up to the level it was given at.
    public var level: Int

    public init(id: String, rule: AlertRule, severity: AlertSeverity, child: ChildID?, message: String, since: Date, level: Int = 0) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.child = child
        self.message = message
        self.since = since
        self.level = level
    }

    /// Severity and level in one number: an answer given at a lower gravity no longer holds.
    public var gravity: Int { (AlertSeverity.allCases.firstIndex(of: severity) ?? 0) * 1_000_000 + min(level, 999_999) }

    /// A child missing now is never hidden: answering the alert marks it, it stays listed.
    public var staysListedWhenAnswered: Bool { rule == .missingNow }
}

/// The limits the alert rules use. Defaults are DOMAIN.md's table; a unit may change them.
public struct AlertThresholds: Sendable, Equatable {
    public static let hour: TimeInterval = 3600
    public static let day: TimeInterval = 86_400

    /// Longest time without contact per risk level before contact is overdue.
    public var contactCadence: [RiskLevel: TimeInterval]
    public var policeNotToldAfter: TimeInterval
    /// Hours missing (from the time last seen) past which an answered missing alert returns:
    /// the police threshold, then these, then every further day.
    public var missingEscalations: [TimeInterval] = [6 * hour, 12 * hour, 24 * hour, 48 * hour]
    /// `repeatedMissingCount` episodes within `repeatedMissingWindow` is a pattern.
    public var repeatedMissingCount: Int
    public var repeatedMissingWindow: TimeInterval
    public var debriefWithin: TimeInterval
    public var reviewAwaitingFor: TimeInterval
    public var referralNoResponseAfter: TimeInterval
    /// Days before the 18th birthday from which a Youth-In-Transition referral is expected.
    public var agingOutWithinDays: Int
    public var courtWithin: TimeInterval
    public var handoverAcknowledgeWithin: TimeInterval

    public init(
        contactCadence: [RiskLevel: TimeInterval] = [.critical: 1 * day, .high: 2 * day, .medium: 7 * day, .low: 14 * day],
        policeNotToldAfter: TimeInterval = 2 * hour,
        repeatedMissingCount: Int = 3,
        repeatedMissingWindow: TimeInterval = 90 * day,
        debriefWithin: TimeInterval = 72 * hour,
        reviewAwaitingFor: TimeInterval = 2 * day,
        referralNoResponseAfter: TimeInterval = 7 * day,
        agingOutWithinDays: Int = 90,
        courtWithin: TimeInterval = 7 * day,
        handoverAcknowledgeWithin: TimeInterval = 1 * hour
    ) {
        self.contactCadence = contactCadence
        self.policeNotToldAfter = policeNotToldAfter
        self.repeatedMissingCount = repeatedMissingCount
        self.repeatedMissingWindow = repeatedMissingWindow
        self.debriefWithin = debriefWithin
        self.reviewAwaitingFor = reviewAwaitingFor
        self.referralNoResponseAfter = referralNoResponseAfter
        self.agingOutWithinDays = agingOutWithinDays
        self.courtWithin = courtWithin
        self.handoverAcknowledgeWithin = handoverAcknowledgeWithin
    }

    public static let standard = AlertThresholds()

    /// The cadence for `risk`; a level missing from the table falls back to a week.
    public func cadence(for risk: RiskLevel) -> TimeInterval { contactCadence[risk] ?? 7 * Self.day }

    /// The thresholds of time missing a child has passed after `gone`: the police threshold,
    /// `missingEscalations`, then one more each day past the last of them.
    public func missingLevel(after gone: TimeInterval) -> Int {
        let steps = ([policeNotToldAfter] + missingEscalations).sorted()
        var level = steps.filter { gone > $0 }.count
        if let last = steps.last, gone > last { level += Int((gone - last) / Self.day) }
        return level
    }

    /// The next threshold of time missing after `gone`, for scheduling.
    public func nextMissingThreshold(after gone: TimeInterval) -> TimeInterval {
        let steps = ([policeNotToldAfter] + missingEscalations).sorted()
        if let next = steps.first(where: { $0 >= gone }) { return next }
        let last = steps.last ?? 0
        return last + (((gone - last) / Self.day).rounded(.down) + 1) * Self.day
    }
}
