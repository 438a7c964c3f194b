/// A set of key bindings that holds in one place on screen, after lazygit's contexts: the same
/// key can mean "acknowledge" in the alerts and "audit trail" on a child's record.
///
/// A key goes to the contexts of the screen in front, in order (`KeyChain`); the first binding
/// wins. Config remaps per context (`[keys.record]`, `[keys.global]`).
public enum KeyContext: String, CaseIterable, Sendable {
    /// Everywhere, unless the screen in front claims the key first.
    case global
    /// The four panes: moving between them, a new child, quick filters.
    case dashboard
    /// Any list pane (and the record pane, which scrolls).
    case list
    /// The caseload pane.
    case caseload
    /// The selected child's record, from the caseload or the child pane.
    case record
    /// The alerts pane.
    case alerts
    /// The caseload's filter line while typing in it.
    case filter
    /// A form.
    case form
    /// The help overlay.
    case help
    /// A child's audit trail overlay.
    case auditTrail = "audit-trail"
    /// A note, an episode, an alert... read whole.
    case reader
    /// The shift handover.
    case handover
    /// The handover on the office wall: read-only.
    case wall
    /// A yes/no question.
    case question
    /// The referral queue pane, and a referral's own screen: the workflow's steps.
    case referrals
    /// A referral's own screen.
    case referral
    /// A liaison's cultural-safety review of a referral.
    case review
    /// Choosing a service from the catalogue (filter as you type).
    case picker
    /// The command palette.
    case palette
    case investigation
    case investigationRecord = "investigation-record"
    /// The closures waiting for a supervisor, and the picture of cases by month.
    case closures
    /// Reassigning a child or a caseload.
    case reassign

    /// The heading in the help overlay and `docs/keys.md`.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .dashboard: "Dashboard"
        case .list: "Lists"
        case .caseload: "Caseload"
        case .record: "The selected child's record"
        case .alerts: "Alerts"
        case .filter: "Typing a filter"
        case .form: "Forms"
        case .help: "Help"
        case .auditTrail: "Audit trail"
        case .reader: "Reading a note or an alert whole"
        case .handover: "The shift handover"
        case .wall: "The handover on the wall (read-only)"
        case .question: "Questions"
        case .referrals: "Referrals"
        case .referral: "A referral's screen"
        case .review: "Cultural-safety review"
        case .picker: "Choosing a service"
        case .palette: "The command palette"
        case .investigation: "Persons of interest and places of concern (police, supervisor)"
        case .investigationRecord: "A person's, a place's or a child's investigation links"
        case .closures: "Closures"
        case .reassign: "Reassigning cases"
        }
    }
}

/// The contexts a key passes through on one screen, front first, and what happens to a key none
/// of them binds.
public struct KeyChain: Sendable, Equatable {
    public enum Unbound: Sendable, Equatable {
        /// Nothing happens.
        case ignore
        /// The key is typed into the field in front (a form field, the filter line). Typing comes
        /// right after the first context, before any other: a letter remapped to `lock` still
        /// types that letter into a note.
        case typed
        /// The key runs this command (help and the audit trail close on any other key).
        case run(Command)
    }

    public var contexts: [KeyContext]
    public var unbound: Unbound
    /// When set, only these global commands reach through (a question takes only y/n, but
    /// Ctrl-X still locks).
    public var globalOnly: Set<Command>?

    public init(_ contexts: [KeyContext], unbound: Unbound = .ignore, globalOnly: Set<Command>? = nil) {
        self.contexts = contexts
        self.unbound = unbound
        self.globalOnly = globalOnly
    }

    /// The chains of every place on screen, for reporting conflicts in each.
    public static let all: [KeyChain] = [
        PaneID.allCases.map(\.keyChain),
        [FilterLine.keyChain, FormScreen.keyChain, HelpScreen.keyChain, AuditTrailScreen.keyChain, QuestionScreen.keyChain,
         ReaderScreen.readingChain, CommandPalette.keyChain] + HandoverScreen.chains,
        [ReferralScreen.keyChain, ReviewScreen.keyChain, ServicePickerScreen.keyChain, ClosuresScreen.keyChain, ReassignScreen.keyChain],
        [InvestigationScreen.keyChain, InvestigationTargetScreen.keyChain],
    ].flatMap { $0 }
}

extension PaneID {
    /// The contexts of a focused pane, front first.
    public var keyChain: KeyChain {
        switch self {
        case .caseload: KeyChain([.caseload, .record, .list, .dashboard, .global])
        case .child: KeyChain([.record, .list, .dashboard, .global])
        case .referrals: KeyChain([.referrals, .list, .dashboard, .global])
        case .alerts: KeyChain([.alerts, .list, .dashboard, .global])
        }
    }
}
