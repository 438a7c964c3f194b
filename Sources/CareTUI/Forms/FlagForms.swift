import CareDomain
import Foundation

/// Add a manual flag to a child ("do not approach at school"). No version: the store adds it to
/// the record as it is now, so nothing else is overwritten.
public struct AddFlagForm: CaseForm {
    public enum Field: String, FormFieldID { case text, severity }

    public let childID: ChildID
    public var title: String { "Add flag" }
    public var child: ChildID? { childID }

    public init(child: ChildID) { childID = child }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.text, "Flag", required: true),
            FieldSpec(.severity, "Severity", kind: .choice(AlertSeverity.allCases.map(\.rawValue)), value: AlertSeverity.warning.rawValue),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        let flag = Flag(text: values[.text], severity: AlertSeverity(rawValue: values[.severity]) ?? .warning,
                        setBy: context.worker.id, setAt: context.now)
        let problems = FlagRules.problems(flag).mapped({ _ -> Field? in .text }, fallback: .text)
        return problems.isEmpty ? .command(.addFlag(child: childID, flag)) : .problems(problems)
    }
}

/// Remove one of a child's flags, with the reason; the flag stays in the record with its removal.
public struct RemoveFlagForm: CaseForm {
    public enum Field: String, FormFieldID { case which, reason }

    public let childID: ChildID
    public let flags: [Flag]
    public var title: String { "Remove flag" }
    public var child: ChildID? { childID }

    public init(child: ChildSummary) {
        childID = child.id
        flags = child.activeFlags
    }

    var labels: [String] { flags.enumerated().map { "\($0.offset + 1). \($0.element.text)" } }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [
            FieldSpec(.which, "Flag", kind: .choice(labels), value: labels.first ?? ""),
            FieldSpec(.reason, "Reason for removing", kind: .note, required: true),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        guard let index = labels.firstIndex(of: values[.which]) else {
            return .problems([Problem(.which, "This child has no flag to remove.")])
        }
        return .command(.removeFlag(child: childID, flag: flags[index].id, reason: values[.reason]))
    }
}
