import CareDomain
import Foundation

/// Ask a supervisor to close a child's case: a reason from the unit's list ("other" with words),
/// a note and the day it closes. What blocks the closure now (an open missing episode, a referral
/// not yet accepted or withdrawn) is named before it is sent, and goes with the request.
public struct ClosureRequestForm: CaseForm {
    public enum Field: String, FormFieldID { case reason, otherWords, note, closeOn }

    public let childID: ChildID
    public let reasons: [String]
    public let blocks: [ClosureBlock]
    public var title: String { "Request closure" }
    public var child: ChildID? { childID }
    public var draftName: String { "closure request" }

    public init(child: ChildID, reasons: [String] = ClosureReason.standardChoices, blocks: [ClosureBlock]) {
        childID = child
        self.reasons = reasons.contains(ClosureReason.other) ? reasons : reasons + [ClosureReason.other]
        self.blocks = blocks
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let blocked = blocks.isEmpty ? "nothing blocks closing now" : "blocked: " + blocks.map(\.description).joined(separator: "; ")
        return [
            FieldSpec(.reason, "Reason", kind: .choice(reasons), value: reasons.first ?? ClosureReason.other, hint: blocked),
            FieldSpec(.otherWords, "Other reason", hint: "only when the reason is \"other\""),
            FieldSpec(.note, "Note", kind: .note),
            FieldSpec(.closeOn, "Close on", kind: .date, value: context.today.description, required: true),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        let day = values.day(.closeOn, problems: &problems)
        let reason = ClosureReason(choice: values[.reason], otherWords: values[.otherWords])
        for problem in reason.problems { problems.append(Problem(reason.isOther ? .otherWords : .reason, problem)) }
        guard let day, problems.isEmpty else { return .problems(problems) }
        let command = CaseCommand.lifecycle(child: childID, .requestClosure(reason: reason, note: values[.note], closeOn: day))
        if !blocks.isEmpty {
            return .confirm("Closing is blocked: \(blocks.map(\.description).joined(separator: "; ")). A supervisor may close over it only with a reason. Send the request anyway?", command)
        }
        return .command(command)
    }
}
