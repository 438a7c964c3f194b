import Foundation

/// The referral queue's views: which open referrals need whom, most pressing first.
public enum ReferralQueue {
    /// One view of the queue.
    public enum View: String, CaseIterable, Sendable {
        /// Awaiting a liaison's review. For a liaison, those of children on whose team they are,
        /// and of children with no liaison on the team; for others, all of them.
        case awaitingMyReview = "awaiting my review"
        /// Reviewed (or needing no review), waiting to be sent once consent is given.
        case readyToSend = "ready to send"
        /// Sent, and the service has not answered yet.
        case sentNoResponse = "sent, no response"
        /// Every referral that is not completed, declined or withdrawn, drafts included.
        case allOpen = "all open"

        /// The view a person lands on: a liaison on what awaits their review.
        public static func first(for role: Role) -> View {
            role == .liaison ? .awaitingMyReview : .allOpen
        }

        /// The view's name as this role sees it ("awaiting my review" is a liaison's).
        public func title(for role: Role) -> String {
            self == .awaitingMyReview && role != .liaison ? "awaiting review" : rawValue
        }

        public var next: View {
            let all = View.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    /// Whether `referral` belongs in `view` for `worker`; `liaison(of:)` gives the liaison on a
    /// child's team (nil when none is assigned).
    public static func includes(
        _ referral: Referral, in view: View, worker: Worker, liaison: (ChildID) -> WorkerID?
    ) -> Bool {
        switch view {
        case .awaitingMyReview:
            guard referral.status == .awaitingReview else { return false }
            guard worker.role == .liaison else { return true }
            return liaison(referral.child).map { $0 == worker.id } ?? true
        case .readyToSend: return referral.status == .readyToSend
        case .sentNoResponse: return referral.status == .sent
        case .allOpen: return !referral.status.isFinal
        }
    }

    /// The referrals of `view`, urgent first, then the longest in their status first.
    public static func referrals(
        _ all: [Referral], in view: View, worker: Worker, liaison: (ChildID) -> WorkerID?
    ) -> [Referral] {
        var picked = all.filter { includes($0, in: view, worker: worker, liaison: liaison) }
        // `precedes` over keys taken once, so sorting moves no whole referral but once.
        let urgent = picked.map { $0.priority == .urgent ? 0 : 1 }, since = picked.map(\.statusSince), ids = picked.map(\.id.rawValue)
        picked.reorder { (urgent[$0], since[$0], ids[$0]) < (urgent[$1], since[$1], ids[$1]) }
        return picked
    }

    /// Queue order: urgent before routine, then by time in the current status, oldest first.
    public static func precedes(_ a: Referral, _ b: Referral) -> Bool {
        let rank = { (r: Referral) in r.priority == .urgent ? 0 : 1 }
        return (rank(a), a.statusSince, a.id.rawValue) < (rank(b), b.statusSince, b.id.rawValue)
    }
}

/// The referral funnel: how many referrals reached each step and the median days between
/// consecutive steps, for the picture on the queue pane.
public struct ReferralFunnel: Equatable, Sendable {
    public enum Stage: String, CaseIterable, Sendable {
        case drafted
        /// Reached "ready to send": approved, overridden, or needing no review.
        case reviewed
        case sent
        case accepted
        case completed
    }

    public struct Step: Equatable, Sendable {
        public var stage: Stage
        /// Referrals that reached this stage.
        public var count: Int
        /// The median days from the previous stage to this one, among referrals that reached
        /// both; nil for the first stage or when none did.
        public var medianDays: Double?
    }

    public var steps: [Step]

    public init(_ referrals: [Referral]) {
        var times = Array(repeating: [Date?](), count: Stage.allCases.count)
        for referral in referrals {
            for (i, stage) in Stage.allCases.enumerated() { times[i].append(Self.reached(stage, referral)) }
        }
        steps = Stage.allCases.enumerated().map { i, stage in
            let count = times[i].compactMap { $0 }.count
            guard i > 0 else { return Step(stage: stage, count: count, medianDays: nil) }
            let gaps = zip(times[i - 1], times[i]).compactMap { earlier, later -> Double? in
                guard let earlier, let later else { return nil }
                return later.timeIntervalSince(earlier) / 86_400
            }
            return Step(stage: stage, count: count, medianDays: Self.median(gaps))
        }
    }

    /// When the referral reached `stage`, from its timeline; nil if it has not.
    public static func reached(_ stage: Stage, _ referral: Referral) -> Date? {
        let target: Referral.Status = switch stage {
        case .drafted: .draft
        case .reviewed: .readyToSend
        case .sent: .sent
        case .accepted: .accepted
        case .completed: .completed
        }
        if stage == .drafted { return referral.createdAt }
        return referral.timeline.first { $0.to == target }?.at
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
