import CareDomain
import Foundation

/// A new referral of the selected child to the service chosen in the picker: the reason, the
/// priority, whether a cultural-safety review is required (set by the rules; a supervisor may
/// require one for others), and whether to submit it now or keep it as a draft.
public struct NewReferralForm: CaseForm {
    public enum Field: String, FormFieldID { case service, reason, priority, review, then }

    public let childID: ChildID
    public let service: Service
    /// Why the rules require a review for this child and service; empty when they do not.
    public let reviewReasons: [String]

    public var title: String { "New referral" }
    /// The service was chosen in the picker: a reason typed at once goes into the reason (it
    /// went into the service's choice, which has no cursor, and vanished).
    public var firstField: Field? { .reason }
    public var child: ChildID? { childID }

    public init(child: ChildSummary, service: Service) {
        childID = child.id
        self.service = service
        reviewReasons = ReferralWorkflow.reviewReasons(child: child, service: service)
    }

    static let submitNow = "submit now"
    static let keepDraft = "keep as a draft"
    static let notRequired = "not required"
    static let supervisorRequires = "required: a supervisor's decision"

    func reviewOptions(for role: Role) -> [String] {
        if !reviewReasons.isEmpty { return ["required: " + reviewReasons.joined(separator: "; ")] }
        return role.may(.overrideReview) ? [Self.notRequired, Self.supervisorRequires] : [Self.notRequired]
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let review = reviewOptions(for: context.worker.role)
        let reviewHint = reviewReasons.isEmpty
            ? (context.worker.role.may(.overrideReview) ? "←→ to require a liaison's review the rules do not" : "a supervisor may require a review")
            : "an Indigenous liaison reviews it for cultural safety before it can be sent"
        return [
            FieldSpec(.service, "Service", kind: .choice([service.name]), value: service.name,
                      hint: "\(service.category.rawValue) · \(service.provider) · Esc, then r, for another"),
            FieldSpec(.reason, "Reason", kind: .note, required: true, hint: "why this service, in the youth's words where you can · Ctrl-S saves"),
            FieldSpec(.priority, "Priority", kind: .choice(Referral.Priority.allCases.map(\.rawValue)), value: Referral.Priority.routine.rawValue),
            FieldSpec(.review, "Cultural-safety review", kind: .choice(review), value: review[0], hint: reviewHint),
            FieldSpec(.then, "Then", kind: .choice([Self.submitNow, Self.keepDraft]), value: Self.submitNow,
                      hint: reviewReasons.isEmpty ? "submitted: ready to send once consent is recorded" : "submitted: awaits the liaison's review"),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var referral = Referral(
            child: childID, service: service.id, reason: values[.reason],
            priority: Referral.Priority(rawValue: values[.priority]) ?? .routine,
            review: CulturalSafetyReview(checklist: context.snapshot.checklistQuestions.map { .init(question: $0) }),
            createdBy: context.worker.id, createdAt: context.now)
        referral.review.requiredBySupervisor = values[.review] == Self.supervisorRequires
        let problems = ReferralRules.problems(referral, now: context.now).mapped({ _ -> Field? in .reason }, fallback: .reason)
        guard problems.isEmpty else { return .problems(problems) }
        return .command(values[.then] == Self.keepDraft ? .createReferral(referral) : .submitNewReferral(referral))
    }
}
