import Foundation

/// Everything a person can change in a store. A store applies each one through
/// `CommandRules.prepare` inside one transaction with its audit event, so the rules hold whoever
/// calls: the dashboard, the command line, an import, or a test.
///
/// Fields a command owns cannot be changed by another: a case number only by `createChild` (the
/// store's counter assigns it), flags only by `addFlag`/`removeFlag`, a referral's status,
/// timeline and review only by `applyReferral`.
public enum CaseCommand: Sendable, Equatable {
    // MARK: children
    /// A new child. The store assigns the case number from its per-unit, per-year counter (what
    /// `caseNumber` holds is ignored) and the version.
    case createChild(Child)
    /// A change to a child's profile, saved against the version that was read. Identity and
    /// languages need `editIdentity`, the team `reassign`, closure `closeCase`, the rest
    /// `editProfile`; the case number and flags cannot change here.
    case updateChild(Child)
    /// Adds a flag to the child as it is now (no version needed: nothing else is overwritten).
    case addFlag(child: ChildID, Flag)
    /// Marks a flag removed, with the reason; the flag stays in the record with its removal.
    case removeFlag(child: ChildID, flag: FlagID, reason: String)

    // MARK: contacts, missing episodes, indicators, plans, appointments
    /// A new contact note.
    case logContact(Contact)
    /// Opens a missing episode; refused while the child already has an open one.
    case reportMissing(MissingEpisode)
    /// A change to an episode (police report added or corrected, located, debrief), saved
    /// against the version that was read.
    case updateMissingEpisode(MissingEpisode)
    case addIndicator(RiskIndicator)
    /// Marks an indicator resolved, adding the reason to its note.
    case resolveIndicator(IndicatorID, note: String)
    /// A new safety plan (version 0) or a change to one (the version read).
    case saveSafetyPlan(SafetyPlan)
    /// A new court date, medical appointment or meeting (version 0) or a change to one.
    case saveAppointment(Appointment)

    // MARK: referrals
    /// A new draft referral. Its review asks the unit's checklist questions (the store puts
    /// them in); a consent given with it is recorded as the signed-in worker's.
    case createReferral(Referral)
    /// A new referral drafted and submitted in one step (one transaction, one audit event): it
    /// lands in awaiting review when a review is required, else in ready to send.
    case submitNewReferral(Referral)
    /// A change to a referral's reason, priority or consent (or, in draft, its service), saved
    /// against the version that was read. Status, timeline and review belong to `applyReferral`.
    case updateReferral(Referral)
    /// A step of the referral workflow, applied to the referral as it is now by
    /// `ReferralWorkflow`, which refuses what its table forbids.
    case applyReferral(ReferralID, ReferralCommand)

    // MARK: alerts and handover
    /// Acknowledges an alert as it stands (its id and `since`), with a note.
    case acknowledgeAlert(alertID: String, child: ChildID?, since: Date, note: String, gravity: Int? = nil)
    /// Hides an alert as it stands until `until`.
    case snoozeAlert(alertID: String, child: ChildID?, since: Date, until: Date, note: String, gravity: Int? = nil)
    /// A new handover (version 0) or a change to one.
    case saveHandover(Handover)
    /// One incoming worker's acknowledgement of one handover entry: a record of its own.
    case acknowledgeHandoverEntry(handover: HandoverID, child: ChildID, readBack: String)

    // MARK: links and catalogue
    /// Links a child to another record.
    case link(RecordLink)
    /// Marks a link removed, with the reason; the link stays with its removal.
    case unlink(LinkID, reason: String)
    /// A new service in the catalogue (version 0) or a change to one.
    case saveService(Service)
    /// Services from a catalogue file, new ones (version 0) and changes to ones already in the
    /// store (the version read): all are saved, or none.
    case importServices([Service])
    /// The unit's cultural-safety review checklist, new (version 0) or replaced.
    case saveChecklist(ReviewChecklist)

    // MARK: investigation support
    /// Persons of interest, places of concern, their links and leads (`InvestigationRules`).
    case investigation(InvestigationCommand)
    // MARK: the case's life (issue 27)
    /// A step of the case's lifecycle (closure requested, approved or rejected; reopened),
    /// applied to the child as it is now by `CaseLifecycle`, which refuses what its table forbids.
    case lifecycle(child: ChildID, LifecycleCommand)
    /// Gives the child this team (a supervisor's reassignment), on the child as it is now: one
    /// command, one audit event, per child.
    case reassign(child: ChildID, team: Team)
    /// The youth's transition plan, saved against the plan's revision that was read.
    case saveTransitionPlan(child: ChildID, TransitionPlan)
    /// A step of a transfer to another unit on the sending unit's copy of the child (sent,
    /// revoked, accepted or rejected there), applied by `TransferWorkflow`, which refuses what
    /// its table forbids. Only an acceptance closes the case and makes the record read-only.
    case transfer(child: ChildID, TransferCommand)
    /// The unit's closure reasons, new (version 0) or replaced (`ClosureReasonList`).
    case saveClosureReasons(ClosureReasonList)

    /// Words for the command, for messages ("Saved: contact logged.").
    public var label: String {
        switch self {
        case .createChild: "child record created"
        case .updateChild: "profile updated"
        case .addFlag: "flag added"
        case .removeFlag: "flag removed"
        case .logContact: "contact logged"
        case .reportMissing: "missing episode opened"
        case .updateMissingEpisode(let episode):
            episode.debrief != nil ? "missing episode debriefed" : episode.located != nil ? "child located" : "missing episode updated"
        case .addIndicator: "indicator added"
        case .resolveIndicator: "indicator resolved"
        case .saveSafetyPlan: "safety plan saved"
        case .saveAppointment: "appointment saved"
        case .createReferral: "referral drafted"
        case .submitNewReferral: "referral drafted and submitted"
        case .updateReferral: "referral updated"
        case .applyReferral(_, let step): "referral: \(step.verb)"
        case .acknowledgeAlert: "alert acknowledged"
        case .snoozeAlert: "alert snoozed"
        case .saveHandover: "handover saved"
        case .acknowledgeHandoverEntry: "handover entry acknowledged"
        case .link: "records linked"
        case .unlink: "link removed"
        case .saveService: "service saved"
        case .importServices(let services): "\(services.count) services imported"
        case .saveChecklist: "review checklist saved"
        case .investigation(let command): command.label
        case .lifecycle(_, let step): step.step.rawValue
        case .reassign: "child reassigned"
        case .saveTransitionPlan: "transition plan saved"
        case .transfer(_, let command): "transfer: \(command.step.rawValue)"
        case .saveClosureReasons: "closure reasons saved"
        }
    }
}
