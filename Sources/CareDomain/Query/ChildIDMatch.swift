import Foundation

/// The children a change touched, for picking theirs out of every referral, appointment or
/// alert of the caseload. A save names one child: comparing each scanned id with one or a few
/// ids (two words each, `RecordID`) costs less than hashing every scanned id into a set, so few
/// are compared one by one.
public struct ChildIDMatch: Sendable {
    private let few: [ChildID]
    private let many: Set<ChildID>?

    /// The most ids compared one by one; more are looked up in a set.
    static let fewLimit = 8

    public init(_ ids: Set<ChildID>) {
        if ids.count <= Self.fewLimit {
            few = Array(ids)
            many = nil
        } else {
            few = []
            many = ids
        }
    }

    public func contains(_ id: ChildID) -> Bool {
        if let many { return many.contains(id) }
        return few.contains(id)
    }

    public func contains(_ id: ChildID?) -> Bool {
        id.map(contains) ?? false
    }

    /// The ids themselves.
    var ids: [ChildID] { many.map(Array.init) ?? few }
}

extension Array {
    /// Inserts `element` into an array already in `areInIncreasingOrder` order (a strict total
    /// order), where a full sort would have put it: one binary search and one move, not a sort.
    @inlinable
    public mutating func insert(_ element: Element, keepingOrder areInIncreasingOrder: (Element, Element) -> Bool) {
        insert(element, at: partitioningIndex { areInIncreasingOrder(element, $0) })
    }
}
