import CareDomain
import Foundation

/// A youth's transition plan: for each checklist item, how far it is, who sees to it, by when,
/// and a line of detail (the Youth-In-Transition worker's name and contact, say). Opens on the
/// plan as saved and saves against its revision; another worker's save first is merged field by
/// field like any form's.
public struct TransitionPlanForm: CaseForm {
    /// One field: an item's state, owner, due date or detail.
    public struct Field: FormFieldID {
        public enum Part: String, CaseIterable, Sendable { case state, owner, due, detail }

        public let item: TransitionPlan.Item
        public let part: Part

        public init(_ item: TransitionPlan.Item, _ part: Part) {
            self.item = item
            self.part = part
        }

        public var rawValue: String { "\(item.rawValue)|\(part.rawValue)" }

        public init?(rawValue: String) {
            let pieces = rawValue.split(separator: "|", maxSplits: 1).map(String.init)
            guard pieces.count == 2, let item = TransitionPlan.Item(rawValue: pieces[0]), let part = Part(rawValue: pieces[1]) else { return nil }
            self.init(item, part)
        }

        public static var allCases: [Field] { TransitionPlan.Item.allCases.flatMap { item in Part.allCases.map { Field(item, $0) } } }
    }

    public let childID: ChildID
    public let plan: TransitionPlan
    public var title: String { "Transition plan" }
    public var child: ChildID? { childID }

    public init(child: ChildID, plan: TransitionPlan?) {
        childID = child
        self.plan = plan ?? TransitionPlan()
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        TransitionPlan.Item.allCases.flatMap { item -> [FieldSpec<Field>] in
            let entry = plan.entry(item)
            let name = item.rawValue.prefix(1).uppercased() + item.rawValue.dropFirst()
            return [
                FieldSpec(Field(item, .state), name, kind: .choice(TransitionPlan.State.allCases.map(\.rawValue)), value: entry.state.rawValue),
                FieldSpec(Field(item, .owner), "  who sees to it", value: entry.owner),
                FieldSpec(Field(item, .due), "  due", kind: .date, value: entry.due?.description ?? "", hint: "YYYY-MM-DD, or empty"),
                FieldSpec(Field(item, .detail), item == .transitionWorker ? "  name and contact" : "  detail", value: entry.detail),
            ]
        }
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        var next = plan
        next.entries = TransitionPlan.Item.allCases.map { item in
            let due = values.day(Field(item, .due), required: false, problems: &problems)
            return TransitionPlan.Entry(item: item, owner: values[Field(item, .owner)], due: due,
                                        state: TransitionPlan.State(rawValue: values[Field(item, .state)]) ?? .notStarted,
                                        detail: values[Field(item, .detail)])
        }
        for entry in next.entries where entry.state != .notStarted && entry.owner.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(Field(entry.item, .owner), "Name who sees to \(entry.item.rawValue)."))
        }
        return problems.isEmpty ? .command(.saveTransitionPlan(child: childID, next)) : .problems(problems)
    }

    public func rebased(on theirs: AnyRecord) -> TransitionPlanForm? {
        guard case .child(let child) = theirs, child.id == childID else { return nil }
        return TransitionPlanForm(child: childID, plan: child.transitionPlan)
    }
}
