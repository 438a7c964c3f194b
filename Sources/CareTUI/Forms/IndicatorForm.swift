import CareDomain
import Foundation

/// Add a risk indicator from the standard list, or another in the worker's words.
public struct IndicatorForm: CaseForm {
    public enum Field: String, FormFieldID { case kind, other, observedOn, source, note }

    public let childID: ChildID
    public var title: String { "Add indicator" }
    public var child: ChildID? { childID }

    public init(child: ChildID) { childID = child }

    static let otherLabel = "other"
    static var kindLabels: [String] { RiskIndicator.Kind.standard.map(\.label) + [otherLabel] }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.kind, "Indicator", kind: .choice(Self.kindLabels), value: Self.kindLabels[0]),
            FieldSpec(.other, "If other, what", hint: "only when the indicator is \"other\""),
            FieldSpec(.observedOn, "Observed on", kind: .date, value: context.today.description, required: true),
            FieldSpec(.source, "Source", kind: .choice(RiskIndicator.Source.allCases.map(\.rawValue)), value: RiskIndicator.Source.worker.rawValue),
            FieldSpec(.note, "Note", kind: .note),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        let kind = RiskIndicator.Kind.standard.first { $0.label == values[.kind] } ?? .other(values[.other])
        guard let observed = values.day(.observedOn, problems: &problems) else { return .problems(problems) }
        let indicator = RiskIndicator(child: childID, kind: kind, observedOn: observed,
                                      source: RiskIndicator.Source(rawValue: values[.source]) ?? .worker, note: values[.note])
        problems += IndicatorRules.problems(indicator, today: context.today).mapped({ field -> Field? in
            switch field {
            case .kind: .other
            case .observedOn: .observedOn
            }
        }, fallback: .kind)
        return problems.isEmpty ? .command(.addIndicator(indicator)) : .problems(problems)
    }
}
