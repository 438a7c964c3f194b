import Foundation

/// Where a transfer to another unit is. The sending unit keeps it on the child
/// (`TransferOut.state`); the receiving unit keeps its own answer per transfer id.
public enum TransferState: String, Codable, CaseIterable, Hashable, Sendable {
    /// No transfer of this child is under way (the sending side's start).
    case notSent = "not sent"
    /// Sealed and sent; the child is still the sending unit's until the receiver accepts.
    case pending
    /// The receiving unit took the child: the sending copy is closed and read-only.
    case accepted
    /// The receiving unit said no, with a reason: the child is an ordinary open case again.
    case rejected
    /// The sending unit took it back before an acceptance reached it, with a reason.
    case revoked
}

/// A kind of transfer step, without its words: what a row of `TransferWorkflow.transitions` names.
public enum TransferStep: String, CaseIterable, Hashable, Sendable {
    case send
    case revoke
    case accept
    case reject
}

/// A transfer step with the words it carries: what `CaseCommand.transfer` asks of
/// `TransferWorkflow` on the sending unit's copy of the child.
public enum TransferCommand: Sendable, Equatable {
    /// Sealed to the receiving unit (`care transfer export`), consent recorded first.
    case send(id: String, toAuthority: String, toUnit: String?, toKey: String?, consent: String)
    /// Taken back by the sending unit (`care transfer revoke`), saying why.
    case revoke(reason: String)
    /// The receiving unit's acceptance, from its answer file (`care transfer answer`).
    case accepted(id: String, fromAuthority: String, at: Date, caseNumberThere: String)
    /// The receiving unit's rejection and its reason, from its answer file.
    case rejected(id: String, fromAuthority: String, at: Date, reason: String)

    public var step: TransferStep {
        switch self {
        case .send: .send
        case .revoke: .revoke
        case .accepted: .accept
        case .rejected: .reject
        }
    }
}

/// One row of the transfer table: a step, the state it starts from, the state it leads to, the
/// permission it needs (so the role table decides who), and what else must hold.
public typealias TransferTransition = WorkflowTransition<TransferStep, TransferState, TransferCondition>

/// What must hold for a row of `TransferTransition` besides the state and the role.
public enum TransferCondition: String, Hashable, Sendable {
    /// The youth's consent is recorded first.
    case consent = "consent recorded"
    /// The case is open and the child is not missing now (the unit looking for them keeps them).
    case openNotMissing = "open, not missing now"
    /// The step carries a reason.
    case words = "with words"
    /// The answer names this transfer and comes from the unit it was sealed to.
    case sameTransfer = "the answer to this transfer, from its receiver"
}

/// A transfer to another unit as a table (after Primero's transfers: pending until the receiver
/// accepts or rejects or the sender revokes; ownership moves only on acceptance):
///
/// ```
/// not sent ──send (consent; open, not missing)──► pending ──accept (receiver's answer)──► accepted (sending copy read-only)
///     ▲  rejected / revoked ──send again──┘          │ ├──reject + reason (receiver's answer)──► rejected (open again)
///                                                   │ └──revoke + reason (sender)──────────────► revoked  (open again)
/// ```
///
/// Both units read the same rows: the sender for its copy of the child, the receiver for its
/// answer to the transfer id (an accept after it learned of a revoke is refused there too).
/// Supervisors only on both sides: they hold the unit authority the transfer keys rest on.
public enum TransferWorkflow {
    public static let transitions: [TransferTransition] = [
        .init(.send, .notSent, .pending, .export, if: [.consent, .openNotMissing]),
        .init(.send, .rejected, .pending, .export, if: [.consent, .openNotMissing]),
        .init(.send, .revoked, .pending, .export, if: [.consent, .openNotMissing]),
        .init(.revoke, .pending, .revoked, .export, if: [.words]),
        .init(.accept, .pending, .accepted, .export, if: [.sameTransfer]),
        .init(.reject, .pending, .rejected, .export, if: [.words, .sameTransfer]),
    ]

    /// The state `step` leads to from `state` for `role`, or the refusal in words.
    public static func next(_ step: TransferStep, from state: TransferState, role: Role) throws(TransferError) -> TransferState {
        guard let row = transitions.first(where: { $0.step == step && $0.from == state }) else { throw .notFrom(step, state) }
        guard role.may(row.permission) else {
            throw .denied(PermissionDenied(permission: row.permission, role: role, doing: "\(step.rawValue) a transfer"))
        }
        return row.to
    }

    /// The steps the table allows from `state` for `role`, in the table's order.
    public static func steps(from state: TransferState, role: Role) -> [TransferStep] {
        transitions.filter { $0.from == state && role.may($0.permission) }.map(\.step)
    }

    /// Where the sending unit's copy of `child` is.
    public static func state(of child: Child) -> TransferState { child.transferredOut?.currentState ?? .notSent }

    /// The sending unit's copy of `child` after `command`, or the refusal in words. `missingNow`
    /// says whether the child has an open missing episode (worked out by the caller).
    public static func apply(
        _ command: TransferCommand, to child: Child, missingNow: Bool, actor: Worker, now: Date, zone: TimeZone
    ) throws(TransferError) -> Child {
        let to = try next(command.step, from: state(of: child), role: actor.role)
        var next = child
        switch command {
        case .send(let id, let authority, let unit, let key, let consent):
            let agreed = consent.trimmed
            if agreed.isEmpty { throw .invalid(["Record the youth's consent to the transfer first (who agreed, when, how)."]) }
            if !child.isOpen { throw .invalid(["Only an open case is transferred; this one is closed."]) }
            if missingNow { throw .invalid(["The child is missing now: the unit looking for them keeps the case until they are located."]) }
            next.transferredOut = TransferOut(id: id, toAuthority: authority, toUnit: unit, toKey: key, consent: agreed, by: actor.id, at: now, state: to)
        case .revoke(let reason):
            let why = reason.trimmed
            if why.isEmpty { throw .invalid(["Give the reason the transfer is revoked."]) }
            next.transferredOut?.state = to
            next.transferredOut?.outcome = .init(at: now, recordedBy: actor.id, recordedAt: now, reason: why)
        case .accepted(let id, let authority, let at, let caseNumberThere):
            guard let transfer = child.transferredOut, transfer.id == id, transfer.toAuthority == authority else { throw .notThisTransfer }
            next.transferredOut?.state = to
            next.transferredOut?.outcome = .init(at: at, recordedBy: actor.id, recordedAt: now, caseNumberThere: caseNumberThere)
            next.closure = Closure(on: DayDate(at, in: zone), reason: "transferred to another society",
                                   note: "to \(transfer.receiver), \(caseNumberThere) there", requestedBy: transfer.by, approvedBy: actor.id, at: now)
            next.closureRequest = nil
        case .rejected(let id, let authority, let at, let reason):
            guard let transfer = child.transferredOut, transfer.id == id, transfer.toAuthority == authority else { throw .notThisTransfer }
            let why = reason.trimmed
            if why.isEmpty { throw .invalid(["A rejection carries the receiving unit's reason; this answer has none."]) }
            next.transferredOut?.state = to
            next.transferredOut?.outcome = .init(at: at, recordedBy: actor.id, recordedAt: now, reason: why)
        }
        return next
    }
}

/// Why the transfer table refused a step, in words that say what would make it possible.
public enum TransferError: ErrorInWords, Equatable, Sendable {
    case notFrom(TransferStep, TransferState)
    case denied(PermissionDenied)
    case notThisTransfer
    case invalid([String])

    public var description: String {
        switch self {
        case .notFrom(let step, let state):
            switch (step, state) {
            case (.send, .pending): "A transfer of this child is already waiting for the receiving unit's answer; revoke it before sending another."
            case (.send, .accepted): "This child was transferred already; this copy of the record is read-only."
            case (.accept, .revoked):
                "This transfer was revoked before the acceptance was recorded: it is refused and the child stays with the sending unit. Call the other unit: the copy they hold is not theirs to act on."
            case (.reject, .revoked): "This transfer was revoked already; the rejection changes nothing."
            case (.accept, .accepted), (.reject, .accepted): "This transfer was accepted already."
            case (.accept, .rejected), (.reject, .rejected): "This transfer was rejected already."
            case (.revoke, .accepted): "The receiving unit has accepted this transfer; it cannot be revoked. Ask them to transfer the child back."
            default: "No transfer of this child is waiting for an answer."
            }
        case .denied(let denied): denied.description
        case .notThisTransfer: "This answer is about another transfer than the one waiting for this child (a newer one was sent, or it came from another unit); nothing was changed."
        case .invalid(let problems): problems.joined(separator: " ")
        }
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
