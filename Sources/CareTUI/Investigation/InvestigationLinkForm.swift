import CareDomain
import Foundation

/// Links a child to a person of interest or a place of concern: the day, who said so, how sure.
public struct InvestigationLinkForm: CaseForm {
    public enum Field: String, FormFieldID { case date, source, confidence, note }

    public let childID: ChildID
    public let target: InvestigationTarget
    /// The person's or place's name, for the title.
    public let targetName: String
    public var title: String { "Link to \(targetName)" }
    public var child: ChildID? { childID }

    public init(child: ChildID, target: InvestigationTarget, targetName: String) {
        childID = child
        self.target = target
        self.targetName = targetName
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.date, "Date", kind: .date, value: context.today.description, required: true, hint: "YYYY-MM-DD"),
            FieldSpec(.source, "Source", kind: .choice(InvestigationLink.Source.allCases.map(\.rawValue)), value: InvestigationLink.Source.youth.rawValue),
            FieldSpec(.confidence, "Confidence", kind: .choice(InvestigationLink.Confidence.allCases.map(\.rawValue)),
                      value: InvestigationLink.Confidence.reported.rawValue),
            FieldSpec(.note, "Note", kind: .note),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        let date = values.day(.date, problems: &problems)
        if let date, date > context.today { problems.append(Problem(.date, "A link's date cannot be in the future.")) }
        guard let date, problems.isEmpty else { return .problems(problems) }
        return .command(.investigation(.link(InvestigationLink(
            child: childID, target: target, date: date, source: InvestigationLink.Source(rawValue: values[.source]) ?? .worker,
            confidence: InvestigationLink.Confidence(rawValue: values[.confidence]) ?? .reported, note: values[.note],
            createdBy: context.worker.id, createdAt: context.now))))
    }

    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .investigation }
}
