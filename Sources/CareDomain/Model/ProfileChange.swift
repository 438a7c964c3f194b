import Foundation

/// One save of a child's profile that changed something: which fields, as people name them
/// ("legal name", "placement", "risk level"), when and by whom — never the values, old or new.
/// The child's record keeps the last few (`Child.profileChanges`), sealed with it and written in
/// the same transaction as the edit, so whoever may read the profile can say what changed in a
/// shift ("legal name changed 16:20") without the audit trail, which only supervisors read.
public struct ProfileChange: Hashable, Codable, Sendable {
    /// The fields changed, in the profile's order (`ChildRules.changedFields`).
    public var fields: [String]
    public var at: Date
    public var by: WorkerID

    public init(fields: [String], at: Date, by: WorkerID) {
        self.fields = fields
        self.at = at
        self.by = by
    }

    /// How many a child's record keeps: a shift's edits and the one before, not a history (the
    /// audit trail is the history).
    public static let kept = 12

    /// `history` with `change` added at the end, the oldest dropped past `kept`.
    public static func appending(_ change: ProfileChange, to history: [ProfileChange]) -> [ProfileChange] {
        Array((history + [change]).suffix(kept))
    }

    /// "legal name and placement changed 16:20".
    public func words(zone: TimeZone) -> String {
        let names = fields.count <= 1 ? fields.joined()
            : fields.dropLast().joined(separator: ", ") + " and " + fields[fields.count - 1]
        return "\(names) changed \(TimeText.clock(at, zone: zone))"
    }
}
