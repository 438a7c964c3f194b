/// What stands in the way of closing a case. A closure request names each block it met; a
/// supervisor may close over one only with a reason.
///
/// An open missing episode blocks closure because a child who is missing now is never hidden.
/// When a supervisor closes over it anyway, the child stays on every missing list, count, alert,
/// handover and wall until located (`ChildSummary.isOnCaseload`): closing changes the case's
/// state, never whether the unit is looking for the child.
public enum ClosureBlock: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The child is missing now.
    case missing(EpisodeID)
    /// A referral neither accepted (or further on) nor ended: the service has not taken the youth.
    case referral(ReferralID, status: Referral.Status)

    public var description: String {
        switch self {
        case .missing: "the child is missing now (an open missing episode)"
        case .referral(_, let status): "a referral is \(status.rawValue), not yet accepted or withdrawn"
        }
    }

    /// The blocks of a child with these episodes and referrals, missing first.
    public static func blocks(episodes: [MissingEpisode], referrals: [Referral]) -> [ClosureBlock] {
        var blocks = episodes.filter(\.isOpen).map { ClosureBlock.missing($0.id) }
        for referral in referrals where referral.status.blocksClosure {
            blocks.append(.referral(referral.id, status: referral.status))
        }
        return blocks
    }
}

extension Referral.Status {
    /// A referral still waiting for a service to take the youth, or for the unit to send it:
    /// accepted, active, completed, declined and withdrawn ones leave nothing hanging.
    public var blocksClosure: Bool {
        switch self {
        case .draft, .awaitingReview, .readyToSend, .sent, .waitlisted: true
        case .accepted, .active, .completed, .declined, .withdrawn: false
        }
    }
}
