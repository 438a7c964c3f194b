import CareDomain
import Foundation

/// Record the youth's consent to a referral: given, refused or pending, by whom and when. A
/// referral is sent only with consent given; the store records who recorded it.
public struct ConsentForm: CaseForm {
    public enum Field: String, FormFieldID { case state, by, at }

    public let referral: Referral
    /// The service referred to, named in the title: a child may have several referrals open.
    public let serviceName: String
    public var title: String { serviceName.isEmpty ? "Record consent" : "Record consent to \(serviceName)" }
    public var child: ChildID? { referral.child }

    public init(referral: Referral, serviceName: String = "") {
        self.referral = referral
        self.serviceName = serviceName
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let consent = referral.consent
        return [
            FieldSpec(.state, "Consent", kind: .choice(["given", "refused", "pending"]), value: consent.state.rawValue,
                      hint: "←→ or the first letter; a referral is sent only with consent given"),
            FieldSpec(.by, "Given or refused by", value: consent.by, hint: "the youth, or a guardian with the youth"),
            FieldSpec(.at, "When", kind: .time, value: TimeText.format(consent.at ?? context.now, zone: context.zone),
                      hint: "YYYY-MM-DD HH:MM, or HH:MM for today"),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        let state = Referral.Consent.State(rawValue: values[.state]) ?? .pending
        var updated = referral
        if state == .pending {
            updated.consent = Referral.Consent()
        } else {
            var problems: [Problem<Field>] = []
            let at = values.time(.at, in: context, keeping: referral.consent.at, problems: &problems)
            guard problems.isEmpty else { return .problems(problems) }
            updated.consent = Referral.Consent(state: state, by: values[.by], at: at, recordedBy: context.worker.id)
        }
        let problems = ReferralRules.problems(updated, now: context.now).mapped({ field -> Field? in
            switch field {
            case .consentBy: .by
            case .consentAt: .at
            case .reason: nil
            }
        }, fallback: .state)
        return problems.isEmpty ? .command(.updateReferral(updated)) : .problems(problems)
    }

    public func rebased(on theirs: AnyRecord) -> ConsentForm? {
        guard case .referral(let newer) = theirs, newer.id == referral.id else { return nil }
        return ConsentForm(referral: newer, serviceName: serviceName)
    }
}
