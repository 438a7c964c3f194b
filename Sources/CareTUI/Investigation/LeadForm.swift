import CareDomain
import Foundation

/// A child protection worker's or a liaison's lead for the police, from the child's record: a
/// short text and where it came from. Once saved it is sealed for the police; the reporter keeps
/// only the fact that they reported it. Its draft, the reporter's own words, is sealed under the
/// restricted key the reporter holds.
public struct LeadForm: CaseForm {
    public enum Field: String, FormFieldID { case text, source }

    public let childID: ChildID
    public var title: String { "Report a lead to the police" }
    public var child: ChildID? { childID }

    public init(child: ChildID) { childID = child }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.text, "What you heard", kind: .note, required: true,
                      hint: "a person, a phone number, a vehicle, a place; once sent only the police can read it"),
            FieldSpec(.source, "Source", kind: .choice(InvestigationLink.Source.allCases.map(\.rawValue)), value: InvestigationLink.Source.youth.rawValue),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        if values[.text].isEmpty { return .problems([Problem(.text, "Say what you heard.")]) }
        return .command(.investigation(.reportLead(Lead(
            child: childID, text: values[.text], source: InvestigationLink.Source(rawValue: values[.source]) ?? .worker,
            reportedBy: context.worker.id, reportedAt: context.now))))
    }

    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass { .restricted }
}
