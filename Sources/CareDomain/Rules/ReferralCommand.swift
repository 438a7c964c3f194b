import Foundation

/// Everything a person can do to a referral's status. `ReferralWorkflow` decides whether it is
/// allowed for this referral, by this person, now.
public enum ReferralCommand: Hashable, Sendable {
    /// Draft → awaiting review (when a review is required) or ready to send.
    case submit
    /// The liaison approves: every checklist item answered; a "no" needs its own or a general comment.
    case approve(checklist: [CulturalSafetyReview.Item], comment: String)
    /// The liaison sends it back to draft; says why. The checklist as far as it was answered
    /// is kept on the referral (nil keeps the one it has), so the next review starts from it.
    case `return`(comment: String, checklist: [CulturalSafetyReview.Item]? = nil)
    /// A supervisor approves without a liaison's review; only with a reason, shown on the referral.
    case overrideApprove(reason: String)
    /// Ready to send → sent, once consent is given.
    case send
    /// The service put the youth on its waiting list.
    case waitlist
    /// The service accepted the youth.
    case accept
    /// The service declined; says why.
    case decline(reason: String)
    /// Accepted → active: the youth started with the service.
    case start
    /// Active → completed.
    case complete
    /// Any non-final state → withdrawn; says why.
    case withdraw(reason: String)
    /// A supervisor asks for a cultural-safety review the rules did not require.
    case markReviewRequired
    /// A step that needs no words (waitlisted, accepted, started, completed) with words given
    /// anyway — the service's answer, "intake booked for Tuesday 10:00" — kept on the timeline
    /// beside the step instead of thrown away.
    indirect case noted(ReferralCommand, note: String)

    /// The verb, for messages ("cannot approve a referral that is sent").
    public var verb: String { step.verb }
}

extension ReferralStep {
    /// The verb, for messages ("cannot approve a referral that is sent").
    public var verb: String {
        switch self {
        case .submit: "submit"
        case .approve: "approve"
        case .return: "return"
        case .overrideApprove: "override the review of"
        case .send: "send"
        case .waitlist: "waitlist"
        case .accept: "accept"
        case .decline: "decline"
        case .start: "start"
        case .complete: "complete"
        case .withdraw: "withdraw"
        case .markReviewRequired: "mark for review"
        }
    }
}

/// Why a referral command was refused, in words that say what would make it possible.
public enum ReferralError: ErrorInWords, Equatable, Sendable {
    /// This role may not do it; the description names the roles that may.
    case denied(PermissionDenied)
    /// The command does not apply to a referral in this status.
    case notFromStatus(command: String, status: Referral.Status)
    /// Completed, declined and withdrawn referrals do not change.
    case finalStatus(Referral.Status)
    /// A return, decline, withdrawal or override needs words.
    case needsText(String)
    /// Sending needs the youth's consent given.
    case consentNotGiven(Referral.Consent.State)
    /// Approval needs an answer to every checklist question.
    case unanswered([String])
    /// A "no" answer needs a comment on the item or a general comment.
    case noAnswerNeedsComment([String])
    /// The answers are not to the referral's own checklist questions.
    case checklistChanged
    /// The review is already required.
    case reviewAlreadyRequired
    /// The child or service passed in is not the referral's.
    case mismatchedRecords
    /// A deactivated account cannot act.
    case inactiveAccount

    public var description: String {
        switch self {
        case .denied(let denied): denied.description
        case .notFromStatus(let command, let status): "A referral that is \(status.rawValue) cannot be \(command == "override the review of" ? "overridden" : Self.pastTense(command))."
        case .finalStatus(let status): "This referral is \(status.rawValue); a final referral cannot change. Create a new referral instead."
        case .needsText(let what): "Please give \(what)."
        case .consentNotGiven(let state): "A referral can only be sent with the youth's consent given (consent is \(state.rawValue))."
        case .unanswered(let questions): "Answer every checklist item before approving: \(questions.joined(separator: "; "))."
        case .noAnswerNeedsComment(let questions): "An approval with a \"no\" needs a comment on that item or a general comment: \(questions.joined(separator: "; "))."
        case .checklistChanged: "The answers are not to this referral's checklist questions; open the review again."
        case .reviewAlreadyRequired: "A cultural-safety review is already required for this referral."
        case .mismatchedRecords: "The child or service given is not the one on this referral."
        case .inactiveAccount: "This account is deactivated; ask a supervisor."
        }
    }

    private static func pastTense(_ verb: String) -> String {
        switch verb {
        case "submit": "submitted"
        case "send": "sent"
        case "start": "started"
        case "mark for review": "marked for review"
        case let v where v.hasSuffix("e"): v + "d"
        default: verb + "ed"
        }
    }
}
