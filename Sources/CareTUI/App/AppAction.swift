import CareDomain
import TextUI

/// Everything a key can ask the app to do. Keys map to actions through the `KeyMap`, so bindings
/// are data: remappable from config, listed by the help overlay, shown in the key-hint line.
public enum AppAction: Hashable, Sendable {
    // everywhere
    case focusNext, focusPrevious
    case focus(PaneID)
    case help
    case toggleMask
    case redraw
    case lock
    case quit
    // lists
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case open
    case filter
    case clearFilter
    case cycleSort
    // child
    case newChild, newNote, missing, debrief, addIndicator, resolveIndicator, safetyPlan, editProfile, addFlag, removeFlag
    case childAudit
    // quick filters
    case quickFilter(QuickFilterKind)

    /// The name used in `config.toml` `[keys]` and in `docs/keys.md`.
    public var configName: String {
        switch self {
        case .focusNext: "focus-next"
        case .focusPrevious: "focus-previous"
        case .focus(let pane): "focus-\(pane.rawValue)"
        case .help: "help"
        case .toggleMask: "mask"
        case .redraw: "redraw"
        case .lock: "lock"
        case .quit: "quit"
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
        case .newChild: "new-child"
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
        case .quickFilter(let kind): "filter-\(kind.rawValue)"
        }
    }

    /// Every action, for the key map and its documentation.
    public static let all: [AppAction] = [
        .focusNext, .focusPrevious, .focus(.caseload), .focus(.child), .focus(.referrals), .focus(.alerts),
        .help, .toggleMask, .redraw, .lock, .quit,
        .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .open, .filter, .clearFilter, .cycleSort,
        .newChild, .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag, .removeFlag,
        .childAudit, .quickFilter(.mine), .quickFilter(.missing), .quickFilter(.highRisk), .quickFilter(.indigenous),
    ]
}

/// The caseload's one-key narrowings, as actions can name them.
public enum QuickFilterKind: String, Hashable, Sendable, CaseIterable {
    case mine = "mine"
    case missing = "missing"
    case highRisk = "high-risk"
    case indigenous = "indigenous"

    /// The domain filter this names; "mine" needs to know who is signed in.
    public func filter(for worker: WorkerID) -> CaseloadQuery.QuickFilter {
        switch self {
        case .mine: .myCases(worker)
        case .missing: .missingNow
        case .highRisk: .highAndCritical
        case .indigenous: .indigenousAffiliation
        }
    }

    public var label: String {
        switch self {
        case .mine: "my cases"
        case .missing: "missing now"
        case .highRisk: "high and critical"
        case .indigenous: "Indigenous affiliation"
        }
    }
}
