import CareDomain

/// Children's caseload entries, kept as two arrays side by side rather than one array of
/// (child, entry) pairs: reading a pair's child, or one field of its entry, through an array's
/// subscript copied out the whole pair, retaining every string and list the entry holds (a
/// third of assembling the snapshot at 50,000 children, in `perf`).
struct ChildEntries: Sendable {
    private(set) var children: [ChildID] = []
    /// `entries[i]` is `children[i]`'s.
    var entries: [CaseloadEntry] = []

    init() {}

    init(_ byChild: [ChildID: CaseloadEntry]) {
        children.reserveCapacity(byChild.count)
        entries.reserveCapacity(byChild.count)
        for (child, entry) in byChild { append(entry, of: child) }
    }

    var count: Int { children.count }
    var isEmpty: Bool { children.isEmpty }

    mutating func append(_ entry: consuming CaseloadEntry, of child: ChildID) {
        children.append(child)
        entries.append(entry)
    }

    /// Drops the entries of `unwanted` children, keeping the order of the rest: in place, the
    /// kept entries swapped forward, and nothing moved when no child is unwanted.
    mutating func removeAll(of unwanted: Set<ChildID>) {
        guard !unwanted.isEmpty, let first = children.firstIndex(where: unwanted.contains) else { return }
        var kept = first
        for index in (first + 1)..<children.count where !unwanted.contains(children[index]) {
            children.swapAt(kept, index)
            entries.swapAt(kept, index)
            kept += 1
        }
        children.removeLast(children.count - kept)
        entries.removeLast(entries.count - kept)
    }

    /// The entry at `index`, moved out (an empty entry is left in its place).
    mutating func take(at index: Int) -> CaseloadEntry {
        var entry = CaseloadEntry()
        swap(&entry, &entries[index])
        return entry
    }
}
