import Foundation

extension CaseloadSnapshot {
    /// Whether `child` counts on the caseload: open, or closed while missing now. A supervisor
    /// may close over an open missing episode (`ClosureBlock`), and the child then stays in
    /// every missing list, count, alert, handover and wall until located.
    public func isOnCaseload(_ child: ChildSummary) -> Bool {
        child.isOpen || openEpisode(of: child.id) != nil
    }
}

extension ChildSummary {
    /// Whether the case was closed (approved) inside `window`: the handover of that shift lists
    /// the child once, with the closure; later shifts do not.
    public func closed(in window: ShiftWindow) -> Bool {
        guard !isOpen, let closedAt else { return false }
        return window.contains(closedAt)
    }
}

extension CaseloadRow {
    /// Open, or closed while missing now: what the default caseload lists and counts.
    public var isOnCaseload: Bool { isOpen || isMissing }
}
