import CareDomain
import Foundation

/// Acknowledge an alert with a note: it is hidden until its cause changes.
public struct AcknowledgeAlertForm: CaseForm {
    public enum Field: String, FormFieldID { case note }

    public let alert: Alert
    public var title: String { "Acknowledge alert" }
    public var child: ChildID? { alert.child }

    public init(alert: Alert) { self.alert = alert }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [FieldSpec(.note, "Note", kind: .note, required: true,
                   hint: "what was done, or why it can wait; the alert comes back if its cause changes")]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        .command(.acknowledgeAlert(alertID: alert.id, child: alert.child, since: alert.since, note: values[.note], gravity: alert.gravity))
    }
}

/// Snooze an alert until a time; it comes back then, or sooner if its cause changes.
public struct SnoozeAlertForm: CaseForm {
    public enum Field: String, FormFieldID { case until, note }

    public let alert: Alert
    public var title: String { "Snooze alert" }
    public var child: ChildID? { alert.child }

    public init(alert: Alert) { self.alert = alert }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.until, "Until", kind: .time, value: TimeText.format(context.now.addingTimeInterval(3_600), zone: context.zone),
                      required: true, hint: "YYYY-MM-DD HH:MM, or HH:MM for the next such time"),
            FieldSpec(.note, "Note", kind: .note),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        guard let until = values.time(.until, in: context, upcoming: true, problems: &problems) else { return .problems(problems) }
        if until <= context.now { return .problems([Problem(.until, "Snooze until a time after now.")]) }
        return .command(.snoozeAlert(alertID: alert.id, child: alert.child, since: alert.since, until: until, note: values[.note], gravity: alert.gravity))
    }
}
