import Foundation

/// Who took something off a record, when and why: a flag, a link between children, an
/// investigation link. Nothing is deleted; the removal stays with what it removed, so the
/// history reads whole. Stored as `{"by", "at", "reason"}` in each of them.
public struct Removal: Hashable, Codable, Sendable {
    public var by: WorkerID
    public var at: Date
    public var reason: String

    public init(by: WorkerID, at: Date, reason: String) {
        self.by = by
        self.at = at
        self.reason = reason
    }
}
