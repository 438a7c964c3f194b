import CareDomain
import Foundation

/// A child's safety plan: steps with owners, trusted adults, safe places and the review date.
/// Opens on the plan as it is (a new one when there is none) and saves against its version.
public struct SafetyPlanForm: CaseForm {
    public enum Field: String, FormFieldID { case steps, adults, places, reviewBy }

    public let childID: ChildID
    public let plan: SafetyPlan?
    public var title: String { "Safety plan" }
    public var child: ChildID? { childID }

    public init(child: ChildID, plan: SafetyPlan?) {
        childID = child
        self.plan = plan
    }

    static let listHint = "one per line · Enter adds a line · Backspace on an empty line removes it"

    /// "call worker if approached (youth)": the owner in brackets at the end.
    static func stepLine(_ step: SafetyPlan.Step) -> String {
        step.owner.isEmpty ? step.text : "\(step.text) (\(step.owner))"
    }

    static func step(from line: String) -> SafetyPlan.Step {
        if line.hasSuffix(")"), let open = line.lastIndex(of: "("), open > line.startIndex {
            return .init(text: line[..<open].trimmingCharacters(in: .whitespaces),
                         owner: String(line[line.index(after: open)..<line.index(before: line.endIndex)]).trimmingCharacters(in: .whitespaces))
        }
        return .init(text: line, owner: "")
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.steps, "Steps (owner)", kind: .list, value: (plan?.steps ?? []).map(Self.stepLine).joined(separator: "\n"),
                      hint: "one per line, as step (owner), e.g. call worker if approached (youth)"),
            FieldSpec(.adults, "Trusted adults", kind: .list, value: (plan?.trustedAdults ?? []).joined(separator: "\n"), hint: Self.listHint),
            FieldSpec(.places, "Safe places", kind: .list, value: (plan?.safePlaces ?? []).joined(separator: "\n"), hint: Self.listHint),
            FieldSpec(.reviewBy, "Review by", kind: .date, value: (plan?.reviewBy ?? context.today).description, required: true),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        guard let review = values.day(.reviewBy, problems: &problems) else { return .problems(problems) }
        var updated = plan ?? SafetyPlan(child: childID, reviewBy: review)
        updated.reviewBy = review
        updated.steps = values.items(.steps).map(Self.step(from:))
        updated.trustedAdults = values.items(.adults)
        updated.safePlaces = values.items(.places)
        return .command(.saveSafetyPlan(updated))
    }

    public func rebased(on theirs: AnyRecord) -> SafetyPlanForm? {
        guard case .safetyPlan(let plan) = theirs, plan.child == childID else { return nil }
        return SafetyPlanForm(child: childID, plan: plan)
    }
}
