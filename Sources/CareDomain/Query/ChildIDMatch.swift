import Foundation

/// The children a change touched, for picking theirs out of every referral, appointment or
/// alert of the caseload. A save names one child: comparing each scanned id with one or a few
/// ids costs less than hashing every scanned id into a set, so few are compared one by one.
public struct ChildIDMatch: Sendable {
    private let few: [ChildID]
    /// The few ids' UTF-8 bytes, when all of them are ASCII (as every id the store makes is):
    /// compared byte for byte, without `String`'s Unicode-aware comparison and without retaining
    /// each scanned id's storage (323 instructions a comparison before, in callgrind).
    private let fewBytes: [[UInt8]]?
    private let many: Set<ChildID>?

    /// The most ids compared one by one; more are looked up in a set.
    static let fewLimit = 8

    public init(_ ids: Set<ChildID>) {
        if ids.count <= Self.fewLimit {
            few = Array(ids)
            let bytes = few.map { Array($0.rawValue.utf8) }
            fewBytes = bytes.allSatisfy { $0.allSatisfy { $0 < 0x80 } } ? bytes : nil
            many = nil
        } else {
            few = []
            fewBytes = nil
            many = ids
        }
    }

    public func contains(_ id: ChildID) -> Bool {
        if let many { return many.contains(id) }
        guard let fewBytes else { return few.contains(id) }
        let found = id.rawValue.utf8.withContiguousStorageIfAvailable { scanned -> Bool? in
            for bytes in fewBytes where bytes.count == scanned.count {
                if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, scanned.baseAddress!, scanned.count) }) == 0 { return true }
            }
            // Bytes that differ are different ids when both are ASCII; an id with other
            // characters could still equal one of these as Unicode text: `String` decides.
            return scanned.allSatisfy { $0 < 0x80 } ? false : nil
        }
        return (found ?? nil) ?? few.contains(id)
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
