import Foundation

/// A closed case opened again, by its own command (never a side effect of an edit): who, when,
/// why, and the closure it undid. The record shows "reopened" with these until it closes again.
public struct Reopening: Hashable, Codable, Sendable {
    public var by: WorkerID
    public var at: Date
    public var reason: String
    /// The closure this reopening ended.
    public var closure: Closure

    public init(by: WorkerID, at: Date, reason: String, closure: Closure) {
        self.by = by
        self.at = at
        self.reason = reason
        self.closure = closure
    }
}
