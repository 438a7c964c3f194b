import CareDomain
import Foundation

/// A supervisor's answer to a closure request: approve, or reject with a comment the worker
/// reads. Over a block (the child missing now, a referral still waiting) approval needs the
/// reason the case closes anyway; the store refuses it otherwise, and refuses the requester.
public struct ClosureDecisionForm: CaseForm {
    public enum Field: String, FormFieldID { case decision, comment, overBlocks }

    static let approve = "approve: close the case"
    static let reject = "reject: send it back"

    public let childID: ChildID
    public let request: ClosureRequest
    public let blocks: [ClosureBlock]
    /// Who asked, as people name them.
    public let requester: String
    public var title: String { "Decide closure" }
    public var child: ChildID? { childID }
    public var draftName: String { "closure decision" }

    public init(child: ChildID, request: ClosureRequest, blocks: [ClosureBlock], requester: String) {
        childID = child
        self.request = request
        self.blocks = blocks
        self.requester = requester
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let asked = "asked by \(requester) on \(TimeText.format(request.requestedAt, zone: context.zone)): \(request.reason.words), close on \(request.closeOn)"
            + (request.note.isEmpty ? "" : " — \(request.note)")
        var fields = [
            FieldSpec<Field>(.decision, "Decision", kind: .choice([Self.approve, Self.reject]), value: Self.approve, hint: asked),
            FieldSpec(.comment, "Comment", kind: .note, hint: "the worker reads it; needed to reject"),
        ]
        if !blocks.isEmpty {
            fields.append(FieldSpec(.overBlocks, "Why close over it", kind: .note,
                                    hint: "blocked now: " + blocks.map(\.description).joined(separator: "; ")))
        }
        return fields
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        let comment = values[.comment]
        if values[.decision] == Self.reject {
            if comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return .problems([Problem(.comment, "Say why the closure is rejected: the worker reads it.")])
            }
            return .command(.lifecycle(child: childID, .rejectClosure(comment: comment)))
        }
        if request.requestedBy == context.worker.id {
            return .problems([Problem(.decision, LifecycleError.ownRequest.description)])
        }
        let over = values[.overBlocks].trimmingCharacters(in: .whitespacesAndNewlines)
        if !blocks.isEmpty && over.isEmpty {
            return .problems([Problem(.overBlocks, "Give the reason to close over what blocks it, or reject the request.")])
        }
        return .command(.lifecycle(child: childID, .approveClosure(comment: comment, overBlocks: blocks.isEmpty ? nil : over)))
    }
}
