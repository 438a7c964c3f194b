import CareDomain
import Foundation

/// The child pane shows what a caseload row shows about the selected child (name, age, risk,
/// whereabouts, worker); anything more — community, placement, last-seen place, team,
/// indicators — only once the store has written a `preview` audit event for that child.
///
/// The event is asked for when the selection has rested on a child for `rest` (a burst of `j`
/// writes one event, for the child it stops on, not one per row passed), and once per child per
/// session: the store writes nothing for a child already previewed or viewed since the session
/// was unlocked. Timing comes from the loop's ticks, so tests move a clock instead of sleeping.
public struct PreviewAudit: Sendable, Equatable {
    /// How long the selection rests on a child before its details are asked for.
    public static let rest: TimeInterval = 0.3

    /// The child the selection rests on, and since when.
    private(set) var resting: ChildID?
    private(set) var since: Date
    /// Children whose details this session was shown (their preview or view is in the store).
    public private(set) var audited: Set<ChildID> = []
    /// The child whose preview was asked for and has not been answered.
    private(set) var requested: ChildID?
    /// Why the resting child's details are not shown, in words (the event could not be written).
    public private(set) var refusal: String?

    init(now: Date) { since = now }

    /// Whether the pane may show `child`'s details beyond the caseload row.
    public func mayShow(_ child: ChildID) -> Bool { audited.contains(child) }

    /// A turn of the loop: notes a new selection, and returns the child whose preview is due.
    mutating func tick(selected: ChildID?, now: Date) -> ChildID? {
        if selected != resting {
            resting = selected
            since = now
            refusal = nil
            return nil
        }
        // Times are seconds since 1970 in a Double, exact to a few tenths of a microsecond here.
        guard let child = selected, !audited.contains(child), requested != child, refusal == nil,
              now.timeIntervalSince(since) >= Self.rest - 0.000_01
        else { return nil }
        requested = child
        return child
    }

    /// When the next preview falls due, so the loop can wake for it.
    func due() -> Date? {
        guard let child = resting, !audited.contains(child), requested != child, refusal == nil else { return nil }
        return since.addingTimeInterval(Self.rest)
    }

    /// The store wrote the event (or a full view's), or refused to.
    mutating func recorded(_ child: ChildID, refusal words: String? = nil) {
        if requested == child { requested = nil }
        if let words {
            if resting == child { refusal = words }
        } else {
            audited.insert(child)
        }
    }

    /// The lock drops what was shown: after unlocking, each child is audited again.
    mutating func forget() {
        audited = []
        requested = nil
        refusal = nil
    }
}
