import CareDomain
import Foundation

/// Mark one of a child's open indicators resolved, saying why.
public struct ResolveIndicatorForm: CaseForm {
    public enum Field: String, FormFieldID { case which, note }

    public let childID: ChildID
    public let open: [OpenIndicator]
    public var title: String { "Resolve indicator" }
    public var child: ChildID? { childID }

    public init(child: ChildID, open: [OpenIndicator]) {
        childID = child
        self.open = open
    }

    var labels: [String] { open.enumerated().map { "\($0.offset + 1). \($0.element.kind.label) (\($0.element.observedOn))" } }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.which, "Indicator", kind: .choice(labels), value: labels.first ?? ""),
            FieldSpec(.note, "Why it is resolved", kind: .note, required: true),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        guard let index = labels.firstIndex(of: values[.which]) else {
            return .problems([Problem(.which, "There is no open indicator to resolve.")])
        }
        return .command(.resolveIndicator(open[index].id, note: values[.note]))
    }
}
