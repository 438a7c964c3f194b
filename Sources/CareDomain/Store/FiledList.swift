/// A record kept in the snapshot's long lists, filed under one child by a stored `child`.
public protocol FiledUnderChild {
    var child: ChildID { get }
}

extension Referral: FiledUnderChild {}
extension Appointment: FiledUnderChild {}

/// One of the snapshot's long lists (every referral, every appointment), with each record's
/// child kept beside it as a small integer, so finding some children's records reads one
/// contiguous array instead of every record's child id.
///
/// A save's refresh looks for the saved child's referrals and appointments four times. Read from
/// the records, each look touched 100,000 child-id strings scattered over the heap (a retain
/// each): three quarters of what was left of a save's refresh at 50,000 children
/// (docs/benchmarks.md, sixth pass). A key is the child id's hash, cut to 32 bits: a function of
/// the record alone, so there is no table of keys to keep, and a record whose key matches is
/// checked by its id (two ids may share a key).
///
/// Every change goes through this type, which changes the records and their keys together;
/// `FiledListTests` checks the keys against the records after each kind of change.
public struct FiledList<Element: FiledUnderChild & Equatable & Sendable>: Sendable, Equatable {
    public private(set) var elements: [Element]
    /// `elements[i].child`'s key at `i`. Equal records have equal keys, so comparing two lists
    /// compares their keys too: a list whose keys are out of step with its records differs from
    /// the same records keyed afresh.
    private(set) var childKeys: [Int32]

    public init(_ elements: [Element] = []) {
        self.elements = elements
        childKeys = elements.map { Self.key(of: $0.child) }
    }

    /// The key of a child's records.
    static func key(of id: ChildID) -> Int32 {
        Int32(truncatingIfNeeded: id.hashValue)
    }

    // MARK: Finding

    /// Where the records filed under the children `match` names are, in order.
    public func positions(of match: ChildIDMatch) -> [Int] {
        var found: [Int] = []
        let wanted = match.ids.map(Self.key)
        childKeys.withUnsafeBufferPointer { keys in
            if wanted.count == 1 {
                let key = wanted[0]
                for index in keys.indices where keys[index] == key && match.contains(elements[index].child) { found.append(index) }
            } else if wanted.count <= ChildIDMatch.fewLimit {
                for index in keys.indices where wanted.contains(keys[index]) && match.contains(elements[index].child) { found.append(index) }
            } else {
                let wanted = Set(wanted)
                for index in keys.indices where wanted.contains(keys[index]) && match.contains(elements[index].child) { found.append(index) }
            }
        }
        return found
    }

    /// The first record `isIt` picks out, looked for among `child`'s records first (where a
    /// saved record that is not new still is), then among all (a new one, or one moved from
    /// another child).
    public func firstIndex(filedUnder child: ChildID, where isIt: (Element) -> Bool) -> Int? {
        positions(of: ChildIDMatch([child])).first { isIt(elements[$0]) } ?? elements.firstIndex(where: isIt)
    }

    // MARK: Changing

    public mutating func append(contentsOf more: [Element]) {
        if elements.isEmpty {
            // Taken whole: no element retained.
            self = FiledList(more)
            return
        }
        elements += more
        childKeys += more.lazy.map { Self.key(of: $0.child) }
    }

    /// Inserts `element` where `areInIncreasingOrder` (a strict total order the list is in)
    /// puts it.
    public mutating func insert(_ element: Element, keepingOrder areInIncreasingOrder: (Element, Element) -> Bool) {
        let index = elements.partitioningIndex { areInIncreasingOrder(element, $0) }
        elements.insert(element, at: index)
        childKeys.insert(Self.key(of: element.child), at: index)
    }

    public mutating func remove(at index: Int) {
        elements.remove(at: index)
        childKeys.remove(at: index)
    }

    /// Takes out every record filed under the children `match` names.
    public mutating func removeAll(filedUnder match: ChildIDMatch) {
        let positions = positions(of: match)
        elements.remove(atAscending: positions)
        childKeys.remove(atAscending: positions)
    }

    /// Puts the records in the order `areInIncreasingOrder` gives their positions (stable),
    /// their keys with them.
    mutating func reorder(by areInIncreasingOrder: (Int, Int) -> Bool) {
        guard let order = elements.order(by: areInIncreasingOrder) else { return }
        elements = order.map { elements[$0] }
        childKeys = order.map { childKeys[$0] }
    }
}
