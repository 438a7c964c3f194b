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
