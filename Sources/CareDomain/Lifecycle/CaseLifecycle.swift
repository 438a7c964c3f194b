import Foundation

/// One row of the case lifecycle's table: a step, the state it starts from, the state it leads
/// to, the permission it needs (so the role table decides who), and what else must hold.
public typealias LifecycleTransition = WorkflowTransition<LifecycleStep, CaseState, LifecycleCondition>

/// What must hold for a row of `LifecycleTransition` besides the state and the role.
public enum LifecycleCondition: String, Hashable, Sendable {
    /// The step carries words (a reason or a comment).
    case words = "with words"
    /// Not by the person who asked for the closure: nobody approves their own request.
    case notOwnRequest = "not the requester"
    /// Nothing blocks closing, or a reason is given for closing over what does.
    case unblockedOrReason = "no block, or a reason to close over it"
}

/// A case's life after it opens, as a table (after Primero's closure approvals and OSCaR's
/// exits):
///
/// ```
/// open ──request closure (reason, note, date)──► closure pending ──approve (not the requester;
///   ▲                                                 │            over a block only with a reason)──► closed
///   └──────────reject + comment───────────────────────┘                                                │
///   └──────────────────────────────reopen + reason (child protection or supervisor)────────────────────┘
/// ```
///
/// Who may take each step is its permission's row in `Permissions`, so the screens and both
/// stores read the same table.
public enum CaseLifecycle {
    public static let transitions: [LifecycleTransition] = [
        .init(.requestClosure, .open, .closurePending, .requestClosure),
        .init(.approveClosure, .closurePending, .closed, .closeCase, if: [.notOwnRequest, .unblockedOrReason]),
        .init(.rejectClosure, .closurePending, .open, .closeCase, if: [.words]),
        .init(.reopen, .closed, .open, .reopenCase, if: [.words]),
    ]

    /// The steps the table allows from `state` for `role`, in the table's order.
    public static func steps(from state: CaseState, role: Role) -> [LifecycleStep] {
        transitions.filter { $0.from == state && role.may($0.permission) }.map(\.step)
    }

    /// `child` after `command`, or the refusal in words. `blocks` are what stands in the way of
    /// closing now (`ClosureBlock.blocks`), worked out by the caller from the child's records.
    public static func apply(
        _ command: LifecycleCommand, to child: Child, blocks: [ClosureBlock], actor: Worker, now: Date, zone: TimeZone
    ) throws(LifecycleError) -> Child {
        let state = CaseState(child)
        guard let row = transitions.first(where: { $0.step == command.step && $0.from == state }) else {
            throw .notFrom(command.step, state)
        }
        guard actor.role.may(row.permission) else {
            throw .denied(PermissionDenied(permission: row.permission, role: actor.role, doing: command.step.rawValue))
        }
        var next = child
        switch command {
        case .requestClosure(let reason, let note, let closeOn):
            var problems = reason.problems
            if closeOn < child.openedOn { problems.append("A case cannot close before it opened (\(child.openedOn)).") }
            if closeOn > DayDate(now, in: zone) { problems.append("A case closes today or earlier, not on a day still to come.") }
            if !problems.isEmpty { throw .invalid(problems) }
            next.closureRequest = ClosureRequest(
                reason: ClosureReason(choice: reason.choice.trimmed, otherWords: reason.isOther ? reason.otherWords.trimmed : ""),
                note: note.trimmed, closeOn: closeOn, requestedBy: actor.id, requestedAt: now, blocks: blocks)
        case .approveClosure(let comment, let overBlocks):
            guard var request = child.closureRequest else { throw .notFrom(command.step, state) }
            if request.requestedBy == actor.id { throw .ownRequest }
            let over = overBlocks?.trimmed ?? ""
            if !blocks.isEmpty && over.isEmpty { throw .blocked(blocks) }
            if blocks.isEmpty && !over.isEmpty { throw .invalid(["Nothing blocks this closure now; leave the reason to close over a block empty."]) }
            request.decision = .init(approved: true, by: actor.id, at: now, comment: comment.trimmed, overBlocks: over.isEmpty ? nil : over)
            next.closureRequest = request
            next.closure = Closure(on: request.closeOn, reason: request.reason.words, note: request.note, requestedBy: request.requestedBy,
                                   approvedBy: actor.id, at: now, overBlocks: over.isEmpty ? nil : blocks.map(\.description),
                                   overReason: over.isEmpty ? nil : over,
                                   carriesPlan: request.reason.choice == ClosureReason.agedOut && child.transitionPlan != nil ? true : nil)
            next.reopening = nil
        case .rejectClosure(let comment):
            guard var request = child.closureRequest else { throw .notFrom(command.step, state) }
            if comment.trimmed.isEmpty { throw .invalid(["Say why the closure is rejected: the worker reads it."]) }
            request.decision = .init(approved: false, by: actor.id, at: now, comment: comment.trimmed)
            next.closureRequest = request
        case .reopen(let reason):
            guard let closure = child.closure else { throw .notFrom(command.step, state) }
            if reason.trimmed.isEmpty { throw .invalid(["Give the reason the case is reopened."]) }
            next.closure = nil
            next.reopening = Reopening(by: actor.id, at: now, reason: reason.trimmed, closure: closure)
        }
        return next
    }
}

/// Why the lifecycle refused a step, in words that say what would make it possible.
public enum LifecycleError: ErrorInWords, Equatable, Sendable {
    case notFrom(LifecycleStep, CaseState)
    case denied(PermissionDenied)
    case ownRequest
    case blocked([ClosureBlock])
    case invalid([String])

    public var description: String {
        switch self {
        case .notFrom(let step, let state):
            switch (step, state) {
            case (.requestClosure, .closurePending): "A closure request is already waiting for a supervisor."
            case (.requestClosure, .closed): "This case is already closed."
            case (.reopen, _): "Only a closed case is reopened."
            default: "There is no closure request waiting on this case."
            }
        case .denied(let denied): denied.description
        case .ownRequest: "Nobody approves their own closure request; another supervisor decides."
        case .blocked(let blocks):
            "Closing is blocked: " + blocks.map(\.description).joined(separator: "; ") + ". Give the reason to close over it, or reject the request."
        case .invalid(let problems): problems.joined(separator: " ")
        }
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
