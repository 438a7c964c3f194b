import Foundation

/// What the caseload holds about one child from the records of one visibility class: the payload
/// of the store's sealed per-child summary, and the unit `CaseloadSnapshot` is assembled from.
///
/// The team class's entry holds the child (`ChildSummary`), the open indicators, the missing
/// episodes, the safety plan, the referrals and the appointments, and the time of the last team
/// contact. The restricted class's holds only the time of the last restricted contact, so a role
/// without the restricted key (police) never holds anything about restricted notes: its last
/// contact is the last one it may read.
///
/// Episodes, the plan, referrals and appointments are whole: the referral queue, its screens and
/// the episode and plan forms act on them from the caseload, and they are few (about one for
/// every child between them); the child and its indicators, most of the caseload's bytes, are cut
/// to what is read without opening the record.
///
/// `Codable` only so `care bench --codecs` can time JSON and property lists on the same values;
/// the store seals it in `SummaryCodec`'s bytes.
public struct CaseloadEntry: Sendable, Equatable, Codable {
    public var child: ChildSummary?
    /// Unresolved indicators, most recently observed first.
    public var openIndicators: [OpenIndicator]
    /// Newest first (by report time).
    public var episodes: [MissingEpisode]
    /// What the caseload keeps of the plan (`SafetyPlanSummary`).
    public var plan: SafetyPlanSummary?
    /// Newest first.
    public var referrals: [Referral]
    /// Soonest first.
    public var appointments: [Appointment]
    /// The time of the last contact of this entry's class.
    public var lastContact: Date?

    public init(
        child: ChildSummary? = nil, openIndicators: [OpenIndicator] = [], episodes: [MissingEpisode] = [], plan: SafetyPlanSummary? = nil,
        referrals: [Referral] = [], appointments: [Appointment] = [], lastContact: Date? = nil
    ) {
        self.child = child
        self.openIndicators = openIndicators
        self.episodes = episodes
        self.plan = plan
        self.referrals = referrals
        self.appointments = appointments
        self.lastContact = lastContact
    }

    /// The team entry of `child` from its records, in the snapshot's orders. `lastContact` is the
    /// time of its last team contact.
    public static func team(
        child: Child, episodes: [MissingEpisode], indicators: [RiskIndicator], plan: SafetyPlan?, referrals: [Referral],
        appointments: [Appointment], lastContact: Date?
    ) -> CaseloadEntry {
        CaseloadEntry(
            child: ChildSummary(child),
            openIndicators: indicators.filter { !$0.resolved }.sorted(by: CaseloadSnapshot.newerIndicator).map(OpenIndicator.init),
            episodes: episodes.sorted(by: CaseloadSnapshot.newerEpisode), plan: plan.map(SafetyPlanSummary.init),
            referrals: referrals.sorted(by: CaseloadSnapshot.newerReferral),
            appointments: appointments.sorted(by: CaseloadSnapshot.soonerAppointment), lastContact: lastContact)
    }

    /// The team's entry of a child whose own record does not open (`UnreadableChild`): the rest
    /// of its records that do, so an open missing episode still counts.
    public static func unreadable(
        episodes: [MissingEpisode], indicators: [RiskIndicator], plan: SafetyPlan?, referrals: [Referral],
        appointments: [Appointment], lastContact: Date?
    ) -> CaseloadEntry {
        CaseloadEntry(
            openIndicators: indicators.filter { !$0.resolved }.sorted(by: CaseloadSnapshot.newerIndicator).map(OpenIndicator.init),
            episodes: episodes.sorted(by: CaseloadSnapshot.newerEpisode), plan: plan.map(SafetyPlanSummary.init),
            referrals: referrals.sorted(by: CaseloadSnapshot.newerReferral),
            appointments: appointments.sorted(by: CaseloadSnapshot.soonerAppointment), lastContact: lastContact)
    }

    /// The restricted entry: the time of the child's last restricted contact, nothing else.
    public static func restricted(lastContact: Date?) -> CaseloadEntry {
        CaseloadEntry(lastContact: lastContact)
    }

    /// The classes whose entry a record of this kind and class changes: a contact changes its own
    /// class's entry (its time may be the last); every other record a child has is in the team's.
    public static func classes(changedBy kind: RecordKind, visibility: VisibilityClass) -> [VisibilityClass] {
        switch kind {
        case .contact: [visibility]
        case .child, .missingEpisode, .indicator, .safetyPlan, .referral, .appointment: [.team]
        case .worker, .service, .handover, .alertResponse, .handoverAcknowledgement, .link, .reviewChecklist, .closureReasons, .draft: []
        // Investigation records are about no child in their clear columns, and in no summary.
        case .personOfInterest, .placeOfConcern, .investigationLink, .lead: []
        }
    }
}
