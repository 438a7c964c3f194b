import CareDomain
import Foundation

/// A workflow step that needs words: a liaison's return (a comment), a withdrawal (a reason), a
/// supervisor's override of the review (a reason, shown on the referral).
public struct ReferralStepForm: CaseForm {
    public enum Field: String, FormFieldID { case words }

    public enum Kind: Sendable { case giveBack, withdraw, override }

    public let referral: Referral
    public let kind: Kind

    public init(referral: Referral, kind: Kind) {
        self.referral = referral
        self.kind = kind
    }

    public var title: String {
        switch kind {
        case .giveBack: "Return referral"
        case .withdraw: "Withdraw referral"
        case .override: "Override the review"
        }
    }

    public var child: ChildID? { referral.child }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        switch kind {
        case .giveBack:
            [FieldSpec(.words, "Comment", kind: .note, required: true, hint: "what the worker should look at with the youth; it goes back to draft")]
        case .withdraw:
            [FieldSpec(.words, "Reason", kind: .note, required: true, hint: "why the referral is withdrawn; it cannot be reopened")]
        case .override:
            [FieldSpec(.words, "Reason", kind: .note, required: true,
                       hint: "why it goes ahead without a liaison's review; shown on the referral and audited")]
        }
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        let words = values[.words]
        let step: ReferralCommand = switch kind {
        case .giveBack: .return(comment: words)
        case .withdraw: .withdraw(reason: words)
        case .override: .overrideApprove(reason: words)
        }
        return .command(.applyReferral(referral.id, step))
    }
}

/// The steps that have no key of their own: submitting a draft, the service's answers (waitlisted,
/// accepted, declined with the reason), started and completed, and a supervisor requiring a
/// review of a draft. Only the steps the workflow's table allows this role from this status are
/// offered.
public struct ReferralStatusForm: CaseForm {
    public enum Field: String, FormFieldID { case step, reason }

    public let referral: Referral
    public let steps: [ReferralStep]
    /// The service referred to, named in the title: a child may have several referrals open.
    public let serviceName: String

    public init(referral: Referral, steps: [ReferralStep], serviceName: String = "") {
        self.referral = referral
        self.steps = steps
        self.serviceName = serviceName
    }

    public var title: String { serviceName.isEmpty ? "Update referral status" : "Update the referral to \(serviceName)" }
    public var child: ChildID? { referral.child }

    /// The steps offered under `u`: the others have their own keys.
    public static func steps(for referral: Referral, role: Role) -> [ReferralStep] {
        let ownKeys: Set<ReferralStep> = [.approve, .return, .overrideApprove, .send, .withdraw]
        return ReferralWorkflow.steps(from: referral.status, role: role).filter {
            !ownKeys.contains($0) && ReferralWorkflow.refusal($0, for: referral, role: role) == nil
        }
    }

    static func label(_ step: ReferralStep) -> String {
        switch step {
        case .submit: "submit (to review, or ready to send)"
        case .waitlist: "the service waitlisted the youth"
        case .accept: "the service accepted the youth"
        case .decline: "the service declined (give the reason)"
        case .start: "the youth started with the service"
        case .complete: "completed"
        case .markReviewRequired: "require a cultural-safety review"
        case .approve, .return, .overrideApprove, .send, .withdraw: step.verb
        }
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let labels = steps.map(Self.label)
        return [
            FieldSpec(.step, "Status", kind: .choice(labels), value: labels.first ?? "", hint: "←→ to choose"),
            FieldSpec(.reason, "Note", kind: .note,
                      hint: "the service's answer in its words (\"intake booked for Tuesday 10:00\"); needed when it declined; kept on the timeline"),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        let command: ReferralCommand? = switch steps.first(where: { Self.label($0) == values[.step] }) {
        case .submit?: .submit
        case .waitlist?: .waitlist
        case .accept?: .accept
        case .decline?: .decline(reason: values[.reason])
        case .start?: .start
        case .complete?: .complete
        case .markReviewRequired?: .markReviewRequired
        // The others have their own keys and forms, and are never offered here.
        case .approve?, .return?, .overrideApprove?, .send?, .withdraw?, nil: nil
        }
        guard let command else { return .problems([Problem(.step, "No status update is possible from \(referral.status.rawValue).")]) }
        let note = values[.reason].trimmingCharacters(in: .whitespacesAndNewlines)
        if case .decline = command { return .command(.applyReferral(referral.id, command)) }
        guard !note.isEmpty else { return .command(.applyReferral(referral.id, command)) }
        // Requiring a review changes no status, so it has no timeline line to keep words on.
        if case .markReviewRequired = command {
            return .problems([Problem(.reason, "Requiring a review keeps no note; put it in a contact note, or clear this field.")])
        }
        return .command(.applyReferral(referral.id, .noted(command, note: note)))
    }
}
