import Foundation

/// A child whose own record does not open (`DamagedRecord.isChildRecord`): nothing of the record
/// can be read — not the name, the case number or the risk — but the child is still on the
/// caseload. Every list, count, alert and handover keeps them: a critical alert and a handover
/// card say the record does not open, and what of theirs still opens (an open missing episode,
/// referrals) counts as it would for any child. Before, such a child was only a caseload row: a
/// child missing 14 h dropped out of the alerts and of "missing now" on both handovers.
extension CaseloadSnapshot {
    /// The children whose own record does not open, in id order, each with every damaged record
    /// filed under them.
    public var unreadableChildren: [(id: ChildID, records: [DamagedRecord])] {
        guard damaged.contains(where: \.isChildRecord) else { return [] }
        return Dictionary(grouping: damaged.filter { $0.child != nil }, by: { $0.child! })
            .filter { $0.value.contains(where: \.isChildRecord) }
            .sorted { $0.key < $1.key }
            .map { (id: $0.key, records: $0.value) }
    }

    /// Whether `child` is one whose own record does not open.
    public func isUnreadable(_ child: ChildID) -> Bool {
        damaged.contains { $0.isChildRecord && $0.child == child }
    }
}

/// How a child whose record does not open is named and described wherever children are listed.
public enum UnreadableChild {
    /// The unit's code and no more, since the case number is in the record: "⚠ KEN-…".
    public static func name(unit: String) -> String { "⚠ \(unit)-…" }

    /// What the alert and the handover card say, and what to do.
    public static let words = "record does not open — run care check"
}

/// A child whose sealed caseload summary is not the one the audit trail last wrote (an older copy
/// put back, moved or missing from the trail): the caseload reads the child from its records
/// instead, and a critical alert and the handover say it cannot be trusted until `care check`
/// has named what was done. The store files it as a damaged record of kind `summary`.
public enum UntrustedChild {
    /// The kind of damaged record that marks it.
    public static let kind = "summary"

    /// What the alert and the handover card say, and what to do.
    public static let words = "⚠ this child's record cannot be trusted — run care check"
}

extension CaseloadSnapshot {
    /// The children whose summary did not match the trail, in id order.
    public var untrustedChildren: [ChildID] {
        Set(damaged.filter { $0.kind == UntrustedChild.kind }.compactMap(\.child)).sorted()
    }

    /// The damaged records themselves, without the summaries that were not trusted (those are
    /// counted as children, `untrustedChildren`).
    public var damagedRecords: [DamagedRecord] { damaged.filter { $0.kind != UntrustedChild.kind } }

    public func isUntrusted(_ child: ChildID) -> Bool {
        damaged.contains { $0.kind == UntrustedChild.kind && $0.child == child }
    }
}

extension Alert {
    /// Whether `since` says when the condition began; it does not for a record that does not
    /// open (when it was damaged is not known), which sorts first among its severity.
    public var sinceIsKnown: Bool { since != .distantPast }
}
