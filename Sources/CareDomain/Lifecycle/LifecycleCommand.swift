/// A step in a case's life after it opens, with the words it carries: what
/// `CaseCommand.lifecycle` asks of `CaseLifecycle`.
public enum LifecycleCommand: Sendable, Equatable {
    /// Ask a supervisor to close the case.
    case requestClosure(reason: ClosureReason, note: String, closeOn: DayDate)
    /// Close the case as requested. `overBlocks` is the reason for closing over what blocks it
    /// (required when something does, refused when nothing does).
    case approveClosure(comment: String, overBlocks: String?)
    /// Send the request back, saying why.
    case rejectClosure(comment: String)
    /// Open a closed case again, saying why.
    case reopen(reason: String)

    public var step: LifecycleStep {
        switch self {
        case .requestClosure: .requestClosure
        case .approveClosure: .approveClosure
        case .rejectClosure: .rejectClosure
        case .reopen: .reopen
        }
    }
}

/// A kind of lifecycle step, without its words: what a row of `CaseLifecycle.transitions` names.
public enum LifecycleStep: String, CaseIterable, Hashable, Sendable {
    case requestClosure = "request closure"
    case approveClosure = "approve closure"
    case rejectClosure = "reject closure"
    case reopen
}

/// Where a case is in its life.
public enum CaseState: String, CaseIterable, Hashable, Sendable {
    case open
    /// Open, with a closure request waiting for a supervisor.
    case closurePending = "closure pending"
    case closed

    public init(_ child: Child) {
        if child.closure != nil { self = .closed } else if child.closureRequest?.isPending == true { self = .closurePending } else { self = .open }
    }
}
