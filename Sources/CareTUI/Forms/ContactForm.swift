import CareDomain
import Foundation

/// Log a contact: when, how, where, what happened and what comes next.
public struct ContactForm: CaseForm {
    public enum Field: String, FormFieldID { case kind, when, location, summary, nextSteps, visibility }

    public let childID: ChildID
    public var title: String { "Log contact" }
    public var child: ChildID? { childID }

    public init(child: ChildID) { childID = child }

    public var draftName: String { "contact note" }
    public func draftVisibility(_ values: FieldValues<Field>) -> VisibilityClass {
        Contact.Visibility(rawValue: values[.visibility]) == .restricted ? .restricted : .team
    }

    /// Restricted notes are hidden from police; a police officer is not offered them, since they
    /// could not read back what they wrote.
    static func visibilities(for role: Role) -> [String] {
        role.may(.viewRestrictedNotes) ? Contact.Visibility.allCases.map(\.rawValue) : [Contact.Visibility.team.rawValue]
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let restricted = context.worker.role.may(.viewRestrictedNotes)
        return [
            FieldSpec(.kind, "Kind", kind: .choice(Contact.Kind.allCases.map(\.rawValue)), value: Contact.Kind.inPerson.rawValue),
            FieldSpec(.when, "When", kind: .time, value: TimeText.format(context.now, zone: context.zone), required: true,
                      hint: "YYYY-MM-DD HH:MM, or HH:MM for today"),
            FieldSpec(.location, "Location"),
            FieldSpec(.summary, "Summary", kind: .note, required: true, hint: "Enter starts a new line · Ctrl-S saves"),
            FieldSpec(.nextSteps, "Next steps", kind: .note),
            FieldSpec(.visibility, "Visibility", kind: .choice(Self.visibilities(for: context.worker.role)), value: "team",
                      hint: restricted ? "restricted notes are hidden from the police role" : "notes from police are seen by the whole team"),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        guard let when = values.time(.when, in: context, problems: &problems) else { return .problems(problems) }
        let contact = Contact(
            child: childID, occurredAt: when, author: context.worker.id, kind: Contact.Kind(rawValue: values[.kind]) ?? .inPerson,
            location: values[.location], summary: values[.summary], nextSteps: values[.nextSteps],
            visibility: Contact.Visibility(rawValue: values[.visibility]) ?? .team)
        problems += ContactRules.problems(contact, now: context.now).mapped({ field in
            switch field {
            case .occurredAt: .when
            case .summary: .summary
            }
        }, fallback: .summary)
        return problems.isEmpty ? .command(.logContact(contact)) : .problems(problems)
    }
}
