/// A kind of step on a referral, without the words it carries: what a row of the workflow's
/// table names and what a key asks for.
public enum ReferralStep: String, CaseIterable, Hashable, Sendable {
    case submit
    case approve
    case `return`
    case overrideApprove = "override"
    case send
    case waitlist
    case accept
    case decline
    case start
    case complete
    case withdraw
    case markReviewRequired = "require review"
}

extension ReferralCommand {
    /// The kind of step this command takes.
    public var step: ReferralStep {
        switch self {
        case .submit: .submit
        case .approve: .approve
        case .return: .return
        case .overrideApprove: .overrideApprove
        case .send: .send
        case .waitlist: .waitlist
        case .accept: .accept
        case .decline: .decline
        case .start: .start
        case .complete: .complete
        case .withdraw: .withdraw
        case .markReviewRequired: .markReviewRequired
        case .noted(let command, _): command.step
        }
    }
}

/// One row of the referral workflow's table: a step, the status it starts from, the status it
/// leads to, the permission it needs (so the role table decides who), and what else must hold.
public struct ReferralTransition: Hashable, Sendable, CustomStringConvertible {
    /// What must hold besides the status and the role, checked by `ReferralWorkflow.apply`.
    public enum Condition: String, Hashable, Sendable {
        /// The child names an Indigenous affiliation, the service is culturally specific, or a
        /// supervisor asked for a review.
        case reviewRequired = "review required"
        case noReviewRequired = "no review required"
        case consentGiven = "consent given"
        /// The checklist is answered, and every "no" has a comment.
        case checklistAnswered = "checklist answered"
        /// The step carries a comment or reason.
        case words = "with words"
    }

    public let step: ReferralStep
    public let from: Referral.Status
    public let to: Referral.Status
    public let permission: Permission
    public let condition: Condition?

    public init(_ step: ReferralStep, _ from: Referral.Status, _ to: Referral.Status, _ permission: Permission, if condition: Condition? = nil) {
        self.step = step
        self.from = from
        self.to = to
        self.permission = permission
        self.condition = condition
    }

    /// Whether the step changes the status (marking a draft for review does not).
    public var changesStatus: Bool { from != to }

    public var description: String {
        "\(step.rawValue): \(from.rawValue) → \(to.rawValue) (\(permission.rawValue)\(condition.map { ", \($0.rawValue)" } ?? ""))"
    }
}

extension ReferralWorkflow {
    /// The workflow of DOMAIN.md "Referral workflow", one row per arrow:
    ///
    /// ```
    /// draft ──submit──► awaiting review ──approve (liaison)──► ready to send ──send (consent given)──► sent
    ///   ▲                    │                                     ▲                                  │
    ///   └──return + comment──┘        (no review required) ────────┘        accepted ◄── waitlisted ◄─┤
    ///                                                                          │                      │
    ///                                                                active ◄──┘        declined ◄────┘
    ///                                                                  │
    ///                                                              completed
    /// any non-final state ──withdraw + reason──► withdrawn        final: completed, declined, withdrawn
    /// ```
    ///
    /// Readings of the picture written down here: a sent referral is answered by the provider
    /// with accepted, waitlisted or declined (the three responses), and a waitlisted one later
    /// with accepted or declined. A supervisor approves in place of a liaison only with a reason
    /// (the override), and may ask for a review of a draft the rules would not send for review;
    /// that changes no status, so the draft goes to review when it is submitted. Who may take
    /// each step is the permission's row in `Permissions`, so the UI and both stores read the
    /// same table.
    public static let transitions: [ReferralTransition] = {
        var rows: [ReferralTransition] = [
            .init(.submit, .draft, .awaitingReview, .createReferral, if: .reviewRequired),
            .init(.submit, .draft, .readyToSend, .createReferral, if: .noReviewRequired),
            .init(.markReviewRequired, .draft, .draft, .overrideReview),
            .init(.approve, .awaitingReview, .readyToSend, .reviewReferral, if: .checklistAnswered),
            .init(.return, .awaitingReview, .draft, .reviewReferral, if: .words),
            .init(.overrideApprove, .awaitingReview, .readyToSend, .overrideReview, if: .words),
            .init(.send, .readyToSend, .sent, .sendReferral, if: .consentGiven),
            .init(.accept, .sent, .accepted, .sendReferral),
            .init(.waitlist, .sent, .waitlisted, .sendReferral),
            .init(.decline, .sent, .declined, .sendReferral, if: .words),
            .init(.accept, .waitlisted, .accepted, .sendReferral),
            .init(.decline, .waitlisted, .declined, .sendReferral, if: .words),
            .init(.start, .accepted, .active, .sendReferral),
            .init(.complete, .active, .completed, .sendReferral),
        ]
        for status in Referral.Status.allCases where !status.isFinal {
            rows.append(.init(.withdraw, status, .withdrawn, .createReferral, if: .words))
        }
        return rows
    }()

    /// The rows for `step` starting from `status` (two for submit: with and without review).
    public static func rows(_ step: ReferralStep, from status: Referral.Status) -> [ReferralTransition] {
        transitions.filter { $0.step == step && $0.from == status }
    }

    /// The steps the table allows from `status` for `role`, in the table's order.
    public static func steps(from status: Referral.Status, role: Role) -> [ReferralStep] {
        var seen = Set<ReferralStep>()
        return transitions.filter { $0.from == status && role.may($0.permission) }.map(\.step).filter { seen.insert($0).inserted }
    }
}
