import CareDomain
import TextUI

/// Everything a key can ask for. Keys map to commands through the `Keymap`, per context, so
/// bindings are data: remappable from config, listed by the help, shown in the key-hint line.
public enum Command: Hashable, Sendable {
    // everywhere
    case help, toggleMask, redraw, lock, quit
    /// Every command of the screen in front, filtered as you type.
    case palette
    // the dashboard
    case focusNext, focusPrevious
    case focus(PaneID)
    case newChild
    case quickFilter(QuickFilterKind)
    // lists (and the record pane, which scrolls)
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case open
    // the caseload
    case filter, clearFilter, cycleSort
    // the selected child's record
    case newNote, missing, debrief, addIndicator, resolveIndicator, safetyPlan, editProfile, addFlag, removeFlag
    case childAudit
    // alerts
    case acknowledgeAlert, snoozeAlert, toggleHiddenAlerts
    /// Opens the selected alert (or record item) whole in the reader.
    case read
    // the reader
    case nextMatch, previousMatch, copy
    // the handover
    case handover
    case editCard, acknowledgeCard, acknowledgeRead, addCard, removeCard, saveHandover, previousShift, nextShift, printHandover
    /// On the wall: show the names (after the passphrase), or mask them again.
    case reveal
    // the filter line
    case keepFilter
    // forms
    case nextField, previousField, save, cancel, discardDraft
    // questions
    case answerYes, answerNo
    // referrals (the queue, a referral's screen, the review) and the services catalogue
    case newReferral, approveReferral, returnReferral, sendReferral, updateReferralStatus, withdrawReferral
    case recordConsent, editReferral, nextReferralView, goToChild
    case serviceCatalogue, newService
    // Investigation support (police and supervisors; a lead from the others).
    case investigation, linkedPersons, linkInvestigation, newPerson, newPlace, reportLead, mergePersons, editLink, removeLink
    // the case's life (issue 27)
    case requestClosure, reopenCase, transitionPlan, closures, reassign

    /// The name used in `config.toml` and in `docs/keys.md`.
    public var configName: String {
        switch self {
        case .help: "help"
        case .toggleMask: "mask"
        case .redraw: "redraw"
        case .lock: "lock"
        case .quit: "quit"
        case .palette: "palette"
        case .focusNext: "focus-next"
        case .focusPrevious: "focus-previous"
        case .focus(let pane): "focus-\(pane.configName)"
        case .newChild: "new-child"
        case .quickFilter(let kind): "filter-\(kind.rawValue)"
        case .moveUp: "up"
        case .moveDown: "down"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .top: "top"
        case .bottom: "bottom"
        case .open: "open"
        case .filter: "filter"
        case .clearFilter: "clear-filter"
        case .cycleSort: "sort"
        case .newNote: "new-note"
        case .missing: "missing"
        case .debrief: "debrief"
        case .addIndicator: "add-indicator"
        case .resolveIndicator: "resolve-indicator"
        case .safetyPlan: "safety-plan"
        case .editProfile: "edit-profile"
        case .addFlag: "add-flag"
        case .removeFlag: "remove-flag"
        case .childAudit: "child-audit"
        case .acknowledgeAlert: "acknowledge"
        case .snoozeAlert: "snooze"
        case .toggleHiddenAlerts: "show-hidden-alerts"
        case .read: "read"
        case .nextMatch: "next-match"
        case .previousMatch: "previous-match"
        case .copy: "copy"
        case .handover: "handover"
        case .editCard: "edit-card"
        case .acknowledgeCard: "acknowledge-card"
        case .acknowledgeRead: "acknowledge-read"
        case .addCard: "add-card"
        case .removeCard: "remove-card"
        case .saveHandover: "save-handover"
        case .previousShift: "previous-shift"
        case .nextShift: "next-shift"
        case .printHandover: "print-handover"
        case .reveal: "reveal"
        case .keepFilter: "keep-filter"
        case .nextField: "next-field"
        case .previousField: "previous-field"
        case .save: "save"
        case .cancel: "cancel"
        case .discardDraft: "discard-draft"
        case .answerYes: "yes"
        case .answerNo: "no"
        case .newReferral: "new-referral"
        case .approveReferral: "approve"
        case .returnReferral: "return"
        case .sendReferral: "send"
        case .updateReferralStatus: "update-status"
        case .withdrawReferral: "withdraw"
        case .recordConsent: "consent"
        case .editReferral: "edit-referral"
        case .nextReferralView: "next-view"
        case .goToChild: "go-to-child"
        case .serviceCatalogue: "services"
        case .newService: "new-service"
        case .investigation: "investigation"
        case .linkedPersons: "linked-persons"
        case .linkInvestigation: "link-person-or-place"
        case .newPerson: "new-person"
        case .newPlace: "new-place"
        case .reportLead: "report-lead"
        case .mergePersons: "merge-persons"
        case .editLink: "change-link"
        case .removeLink: "remove-link"
        case .requestClosure: "request-closure"
        case .reopenCase: "reopen"
        case .transitionPlan: "transition-plan"
        case .closures: "closures"
        case .reassign: "reassign"
        }
    }
}

/// The caseload's one-key narrowings, as commands name them.
public enum QuickFilterKind: String, Hashable, Sendable, CaseIterable {
    case mine = "mine"
    case missing = "missing"
    case highRisk = "high-risk"
    case indigenous = "indigenous"
    case closed = "closed"

    /// The domain filter this names; "mine" needs to know who is signed in.
    public func filter(for worker: WorkerID) -> CaseloadQuery.QuickFilter {
        switch self {
        case .mine: .myCases(worker)
        case .missing: .missingNow
        case .highRisk: .highAndCritical
        case .indigenous: .indigenousAffiliation
        case .closed: .closedCases
        }
    }

    public var label: String {
        switch self {
        case .mine: "my cases"
        case .missing: "missing now"
        case .highRisk: "high and critical"
        case .indigenous: "Indigenous affiliation"
        case .closed: "closed cases"
        }
    }
}

/// The four panes of the dashboard, in Tab order. The number is the key that jumps to it.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case caseload = 1
    case child = 2
    case referrals = 3
    case alerts = 4

    public var title: String {
        switch self {
        case .caseload: "Caseload"
        case .child: "Child"
        case .referrals: "Referral queue"
        case .alerts: "Alerts"
        }
    }

    /// The name in config (`focus-caseload`).
    public var configName: String {
        switch self {
        case .caseload: "caseload"
        case .child: "child"
        case .referrals: "referrals"
        case .alerts: "alerts"
        }
    }

    public var next: PaneID { PaneID(rawValue: rawValue % 4 + 1)! }
    public var previous: PaneID { PaneID(rawValue: (rawValue + 2) % 4 + 1)! }
}
