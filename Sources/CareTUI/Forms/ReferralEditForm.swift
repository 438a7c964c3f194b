import CareDomain
import Foundation

/// Change a referral's reason and priority (a returned draft is put right here before it is
/// submitted again). The service stays; withdraw and refer again to change it.
public struct ReferralEditForm: CaseForm {
    public enum Field: String, FormFieldID { case reason, priority }

    public let referral: Referral
    public var title: String { "Edit referral" }
    public var child: ChildID? { referral.child }

    public init(referral: Referral) { self.referral = referral }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.reason, "Reason", kind: .note, value: referral.reason, required: true),
            FieldSpec(.priority, "Priority", kind: .choice(Referral.Priority.allCases.map(\.rawValue)), value: referral.priority.rawValue),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var updated = referral
        updated.reason = values[.reason]
        updated.priority = Referral.Priority(rawValue: values[.priority]) ?? referral.priority
        let problems = ReferralRules.problems(updated, now: context.now).filter { $0.field == .reason }
            .mapped({ _ -> Field? in .reason }, fallback: .reason)
        return problems.isEmpty ? .command(.updateReferral(updated)) : .problems(problems)
    }

    public func rebased(on theirs: AnyRecord) -> ReferralEditForm? {
        guard case .referral(let newer) = theirs, newer.id == referral.id else { return nil }
        return ReferralEditForm(referral: newer)
    }
}
