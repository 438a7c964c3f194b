extension Array where Element == Alert {
    /// Where the alerts about the children `match` names are, in order (alerts about no child,
    /// such as the handover's, are not among them). Only each alert's `child` is read.
    @inlinable
    public func positions(of match: ChildIDMatch) -> [Int] {
        var found: [Int] = []
        for index in indices where match.contains(self[index].child) { found.append(index) }
        return found
    }
}

extension Array {
    /// Removes the elements at `positions` (ascending). A few are each taken out with one move of
    /// the elements after them; many in one pass.
    @inlinable
    public mutating func remove(atAscending positions: [Int]) {
        guard let first = positions.first else { return }
        if positions.count <= 8 {
            for position in positions.reversed() { remove(at: position) }
            return
        }
        var write = first
        var next = 0
        for read in first..<count {
            if next < positions.count, positions[next] == read {
                next += 1
                continue
            }
            swapAt(write, read)
            write += 1
        }
        removeSubrange(write...)
    }
}

/// Where some children's referrals and appointments are in a snapshot's lists: found with one
/// scan of each list and shared by everything a refresh works out for those children (their
/// alerts, when those next change, the referral queue), instead of one scan each.
public struct RecordPositions: Sendable, Equatable {
    public let referrals: [Int]
    public let appointments: [Int]

    public init(of match: ChildIDMatch, in snapshot: CaseloadSnapshot) {
        referrals = snapshot.filedReferrals.positions(of: match)
        appointments = snapshot.filedAppointments.positions(of: match)
    }

    /// Every position (no children picked out).
    public init(everyRecordOf snapshot: CaseloadSnapshot) {
        referrals = Array(snapshot.referrals.indices)
        appointments = Array(snapshot.appointments.indices)
    }
}

extension Array where Element == Alert {
    /// Where `alerts` stand in this list, kept in `AlertRules.precedes` order (a total order, so
    /// each alert has one place), found by binary search and ascending; nil when one of them is
    /// not at its place, for the caller to look at every alert instead.
    ///
    /// A save's refresh took the changed child's old alerts out of three lists of every alert
    /// (all, shown, hidden) by scanning each: the largest part of a save at 50,000 children
    /// once the referrals were found once (`RecordPositions`).
    public func positions(ofAlertsInOrder alerts: [Alert]) -> [Int]? {
        var found: [Int] = []
        found.reserveCapacity(alerts.count)
        for alert in alerts {
            guard let index = position(ofAlertInOrder: alert) else { return nil }
            found.append(index)
        }
        found.sort()
        return found
    }

    /// Where `alert` stands in this list kept in `AlertRules.precedes` order, or nil.
    public func position(ofAlertInOrder alert: Alert) -> Int? {
        let index = partitioningIndex { !AlertRules.precedes($0, alert) }
        guard index < count, self[index].id == alert.id, self[index].child == alert.child else { return nil }
        return index
    }
}
