import Foundation

/// The caseload's rows, held once, their search keys beside them, and the lists a query makes
/// of them as positions.
///
/// A keystroke in the filter must cost less than a frame at 50,000 children, so nothing here
/// copies a row: a query's result is an array of positions into `rows` (`CaseloadView`); each
/// sort order is sorted once and kept until the rows change; typing forward narrows the
/// previous result instead of scanning everything; and taking letters back finds the result it
/// had for that shorter text. Matching reads only the folded search keys and a few flags, kept
/// beside the rows in arrays of their own, and a key typed forward searches only the words it
/// changed, in the rows the previous key kept.
public struct CaseloadIndex: Sendable {
    public private(set) var rows: [CaseloadRow]
    private var searchKeys: PackedSearchKeys
    /// Each search key's `FoldedTextMask`, tested before the key is searched.
    private var keyMasks: [FoldedTextMask]
    private var facts: [Facts]
    /// Each sort order as positions of every row, sorted once (on first use after a change).
    private var orders: [CaseloadQuery.Sort: [Int32]] = [:]
    /// The results of the query typed so far and of its shorter texts, newest last.
    private var recent: [(query: CaseloadQuery, positions: [Int32])] = []
    private static let recentLimit = 64

    /// What the quick filters ask of a row, kept as plain values.
    private struct Facts: Sendable {
        var isOpen: Bool
        var isMissing: Bool
        var isHighOrCritical: Bool
        var isIndigenous: Bool
        /// A child whose own record does not open stays in view under every quick filter.
        var isDamagedChild: Bool

        init(_ row: CaseloadRow) {
            isOpen = row.isOpen
            isMissing = row.isMissing
            isHighOrCritical = row.risk >= .high
            isIndigenous = row.isIndigenous
            isDamagedChild = row.isDamagedChild
        }
    }

    /// `rows` with `keys`, the search key of each row (`CaseloadRow.searchKey(of:names:)`).
    public init(rows: [CaseloadRow] = [], keys: [FoldedText] = []) {
        precondition(rows.count == keys.count, "one search key per row")
        self.init(rows: rows, packedKeys: PackedSearchKeys(keys))
    }

    /// Every row of `snapshot` (`CaseloadRow.rows(from:today:)`) and its search key, the keys
    /// written on every core straight into one buffer: a key is never an array of its own, which
    /// at 50,000 children was 16 MB of the dashboard's heap (docs/benchmarks.md).
    public init(snapshot: CaseloadSnapshot, today: DayDate) {
        let rows = CaseloadRow.rows(from: snapshot, today: today)
        let names = CaseloadRow.WorkerNames(snapshot.workers)
        let children = snapshot.children.count
        let keys = PackedSearchKeys(count: rows.count) { position, bytes in
            // The rows of the children come first, in their order; then the stand-ins.
            if position < children {
                CaseloadRow.appendSearchKey(of: snapshot.children[position], names: names, to: &bytes)
            } else {
                bytes += CaseloadRow.damagedSearchKey.bytes
            }
        }
        self.init(rows: rows, packedKeys: keys)
    }

    private init(rows: [CaseloadRow], packedKeys: PackedSearchKeys) {
        self.rows = rows
        searchKeys = packedKeys
        keyMasks = packedKeys.masks()
        facts = rows.map(Facts.init)
    }

    /// The search key of the row at `position`.
    public func key(at position: Int) -> FoldedText {
        searchKeys.key(at: position)
    }

    /// What the name sort compares for the row at `position`: its key's first part, the
    /// display name folded.
    public func sortName(at position: Int) -> FoldedText {
        FoldedText(folded: Array(key(at: position).bytes.prefix { $0 != 0x1F }))
    }

    /// The rows `query` lets through, in its order, found by the filter's own scan of the packed
    /// keys but keeping nothing (for a picker that lists rows apart from the caseload pane's).
    public func matching(_ query: CaseloadQuery) -> [CaseloadRow] {
        let order = orders[query.sort]
            ?? searchKeys.withKeys { keys in CaseloadQuery.sortedPositions(of: rows, by: query.sort, names: keys.compareNames) }
        return filter(order, from: nil, by: query).map { rows[Int($0)] }
    }

    // MARK: Changing the rows

    /// Replaces the row at `position` (a child's record changed). The kept sort orders and
    /// query results are brought up to date by moving that one position, not by sorting or
    /// filtering every row again: a save at 50,000 children costs what changed.
    public mutating func replace(at position: Int, with row: CaseloadRow, key: FoldedText) {
        rows[position] = row
        searchKeys.replace(at: position, with: key)
        keyMasks[position] = FoldedTextMask(key)
        facts[position] = Facts(row)
        place(position, key: key)
    }

    public mutating func append(_ row: CaseloadRow, key: FoldedText) {
        rows.append(row)
        searchKeys.append(key)
        keyMasks.append(FoldedTextMask(key))
        facts.append(Facts(row))
        place(rows.count - 1, key: key)
    }

    /// Takes out the row at `position`; every later position moves down by one, in the kept
    /// orders and results too (their relative order does not change).
    public mutating func remove(at position: Int) {
        rows.remove(at: position)
        searchKeys.remove(at: position)
        keyMasks.remove(at: position)
        facts.remove(at: position)
        let removed = Int32(position)
        func shifted(_ positions: [Int32]) -> [Int32] {
            positions.compactMap { $0 == removed ? nil : ($0 > removed ? $0 - 1 : $0) }
        }
        for sort in orders.keys { orders[sort] = shifted(orders[sort]!) }
        for index in recent.indices { recent[index].positions = shifted(recent[index].positions) }
    }

    /// Moves `position` (its row new or changed) to its place in every kept order, and into or
    /// out of every kept result by whether that result's query lets it through now.
    private mutating func place(_ position: Int, key: FoldedText) {
        let moved = Int32(position)
        let rows = rows
        let keys = searchKeys
        keys.withKeys { names in
            for sort in orders.keys {
                Self.move(moved, in: &orders[sort]!, keep: true) {
                    CaseloadQuery.precedes(Int($0), Int($1), in: rows, by: sort, names: names.compareNames)
                }
            }
            for index in recent.indices {
                let query = recent[index].query
                Self.move(moved, in: &recent[index].positions, keep: query.matches(rows[position], key: key)) {
                    CaseloadQuery.precedes(Int($0), Int($1), in: rows, by: query.sort, names: names.compareNames)
                }
            }
        }
    }

    /// Takes `position` out of `list` (kept in `precedes` order) and, when `keep`, puts it back
    /// where it now belongs.
    private static func move(_ position: Int32, in list: inout [Int32], keep: Bool, precedes: (Int32, Int32) -> Bool) {
        if let at = list.firstIndex(of: position) { list.remove(at: at) }
        guard keep else { return }
        list.insert(position, at: list.partitioningIndex { precedes(position, $0) })
    }

    // MARK: Querying

    /// The rows `query` lets through, in its order, as positions into `rows`.
    public mutating func apply(_ query: CaseloadQuery) -> CaseloadView {
        if let same = recent.lastIndex(where: { $0.query == query }) {
            let positions = recent[same].positions
            recent.removeSubrange((same + 1)...)
            return CaseloadView(rows: rows, positions: positions)
        }
        // Typing forward: every row the longer text finds, the shorter one found, in the same
        // order. Results the new text does not narrow are of no more use.
        recent.removeAll { !query.narrows($0.query) }
        let positions = recent.last.map { filter($0.positions, from: $0.query, by: query) } ?? filter(order(query.sort), from: nil, by: query)
        recent.append((query, positions))
        if recent.count > Self.recentLimit { recent.removeFirst() }
        return CaseloadView(rows: rows, positions: positions)
    }

    /// The rows of `candidates` that `query` lets through, in their order. `base` is the query
    /// whose result `candidates` are, when `query` narrows it: every one of them passed its
    /// quick filters, which are `query`'s too, and holds each of its words, so only the words
    /// that are not inside one of those need searching. A space typed, or a word added after
    /// a name, then does not search the name again.
    ///
    /// Many candidates are read in row order rather than in the list's, so the keys and masks
    /// are read as a stream (`PackedSearchKeys`) and the list's order is restored from a bit per
    /// row after.
    private func filter(_ candidates: [Int32], from base: CaseloadQuery?, by query: CaseloadQuery) -> [Int32] {
        var words = query.foldedWords
        var checksFacts = true
        // A row a phone number found need not hold its digits as a word.
        if let base, !base.isPhoneNumber {
            words.removeAll { word in base.foldedWords.contains { $0.contains(word) } }
            if words.isEmpty { return candidates }
            checksFacts = false
        }
        let wordsMask = FoldedTextMask(words)
        let maskDecides = FoldedTextMask.decides(words)
        let phone = query.isPhoneNumber
        return searchKeys.withKeys { keys in
            keyMasks.withUnsafeBufferPointer { masks in
                facts.withUnsafeBufferPointer { facts in
                    let words = words.map(\.bytes)
                    func passes(_ index: Int) -> Bool {
                        guard !checksFacts || facts[index].isDamagedChild
                                || query.passes(isOpen: facts[index].isOpen, isMissing: facts[index].isMissing,
                                                isHighOrCritical: facts[index].isHighOrCritical,
                                                isIndigenous: facts[index].isIndigenous, team: { rows[index].team })
                        else { return false }
                        let found = masks[index].mayContain(wordsMask)
                            && (maskDecides || words.allSatisfy { word in word.withUnsafeBufferPointer { keys.key(at: index, contains: $0) } })
                        return found || (phone && query.matchesPhone(rows[index].phoneDigits))
                    }
                    // A few candidates are cheaper to visit where they are.
                    guard candidates.count >= rows.count / 8 else { return candidates.filter { passes(Int($0)) } }
                    var candidate = RowBits(count: rows.count), kept = RowBits(count: rows.count)
                    for position in candidates { candidate.insert(Int(position)) }
                    for index in 0..<rows.count where candidate.contains(index) && passes(index) { kept.insert(index) }
                    return candidates.filter { kept.contains(Int($0)) }
                }
            }
        }
    }

    /// One bit per row: 50,000 rows in 6 KB, so marking and testing them in any order stays in
    /// the cache.
    private struct RowBits {
        private var words: [UInt64]

        init(count: Int) { words = Array(repeating: 0, count: (count + 63) / 64) }

        @inline(__always) mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }
        @inline(__always) func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
    }

    /// Every row's position in `sort`'s order, sorted once and kept until the rows change.
    private mutating func order(_ sort: CaseloadQuery.Sort) -> [Int32] {
        if let kept = orders[sort] { return kept }
        let sorted = searchKeys.withKeys { names in CaseloadQuery.sortedPositions(of: rows, by: sort, names: names.compareNames) }
        orders[sort] = sorted
        return sorted
    }
}

/// The rows a query let through, in its order: positions into the rows, which are not copied.
public struct CaseloadView: RandomAccessCollection, Sendable {
    private let rows: [CaseloadRow]
    public let positions: [Int32]

    public init(rows: [CaseloadRow] = [], positions: [Int32] = []) {
        self.rows = rows
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(index: Int) -> CaseloadRow { rows[Int(positions[index])] }

    /// Where the row at `position` of the index is in the list, if it is shown.
    public func index(ofPosition position: Int) -> Int? {
        positions.firstIndex(of: Int32(position))
    }

    /// Where `child` is in the list, if it is shown; compares ids without copying rows.
    public func index(of child: ChildID) -> Int? {
        positions.firstIndex { rows[Int($0)].child == child }
    }
}
