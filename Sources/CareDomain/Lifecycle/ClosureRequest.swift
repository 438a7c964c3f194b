import Foundation

/// A child protection worker's (or supervisor's) request to close a case, and the supervisor's
/// answer. Kept on the child record (`Child.closureRequest`), owned by the lifecycle commands:
/// the latest request stays there after its answer, so the worker sees a rejection's comment.
public struct ClosureRequest: Hashable, Codable, Sendable {
    public var reason: ClosureReason
    public var note: String
    /// The day the case is to close on.
    public var closeOn: DayDate
    public var requestedBy: WorkerID
    public var requestedAt: Date
    /// What blocked closing when the request was made (the supervisor sees it again as it is now).
    public var blocks: [ClosureBlock]
    /// The supervisor's answer; nil while pending.
    public var decision: Decision?

    public init(reason: ClosureReason, note: String, closeOn: DayDate, requestedBy: WorkerID, requestedAt: Date,
                blocks: [ClosureBlock] = [], decision: Decision? = nil) {
        self.reason = reason
        self.note = note
        self.closeOn = closeOn
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.blocks = blocks
        self.decision = decision
    }

    public var isPending: Bool { decision == nil }

    /// A supervisor's approval or rejection.
    public struct Decision: Hashable, Codable, Sendable {
        public var approved: Bool
        public var by: WorkerID
        public var at: Date
        public var comment: String
        /// Why the case closed over what blocked it; nil when nothing did.
        public var overBlocks: String?

        public init(approved: Bool, by: WorkerID, at: Date, comment: String, overBlocks: String? = nil) {
            self.approved = approved
            self.by = by
            self.at = at
            self.comment = comment
            self.overBlocks = overBlocks
        }
    }
}
