import CareDomain
import Foundation

/// Open a closed case again, saying why: its own command, never a side effect of an edit. The
/// record then shows "reopened" with who, when and why.
public struct ReopenForm: CaseForm {
    public enum Field: String, FormFieldID { case reason }

    public let childID: ChildID
    public var title: String { "Reopen case" }
    public var child: ChildID? { childID }
    public var draftName: String { "reopening" }

    public init(child: ChildID) { childID = child }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [FieldSpec(.reason, "Why it reopens", kind: .note, required: true)]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        .command(.lifecycle(child: childID, .reopen(reason: values[.reason])))
    }
}
