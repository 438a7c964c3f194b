import Foundation

/// The caseload's rows, held once, and the lists a query makes of them as positions.
///
/// A keystroke in the filter must cost less than a frame at 50,000 children, so nothing here
/// copies a row: a query's result is an array of positions into `rows` (`CaseloadView`); each
/// sort order is sorted once and kept until the rows change; typing forward narrows the
/// previous result instead of scanning everything; and taking letters back finds the result it
/// had for that shorter text. Matching reads only the folded search keys and a few flags, kept
/// beside the rows in arrays of their own.
public struct CaseloadIndex: Sendable {
    public private(set) var rows: [CaseloadRow]
    private var searchKeys: [FoldedText]
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

    public init(rows: [CaseloadRow] = []) {
        self.rows = rows
        searchKeys = rows.map(\.searchKey)
        keyMasks = searchKeys.map(FoldedTextMask.init)
        facts = rows.map(Facts.init)
    }

    // MARK: Changing the rows

    /// Replaces the row at `position` (a child's record changed). The kept sort orders and
    /// query results are brought up to date by moving that one position, not by sorting or
    /// filtering every row again: a save at 50,000 children costs what changed.
    public mutating func replace(at position: Int, with row: CaseloadRow) {
        rows[position] = row
        searchKeys[position] = row.searchKey
        keyMasks[position] = FoldedTextMask(row.searchKey)
        facts[position] = Facts(row)
        place(position)
    }

    public mutating func append(_ row: CaseloadRow) {
        rows.append(row)
        searchKeys.append(row.searchKey)
        keyMasks.append(FoldedTextMask(row.searchKey))
        facts.append(Facts(row))
        place(rows.count - 1)
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
    private mutating func place(_ position: Int) {
        let moved = Int32(position)
        let rows = rows
        for sort in orders.keys {
            Self.move(moved, in: &orders[sort]!, keep: true) { CaseloadQuery.precedes(Int($0), Int($1), in: rows, by: sort) }
        }
        for index in recent.indices {
            let query = recent[index].query
            Self.move(moved, in: &recent[index].positions, keep: query.matches(rows[position])) {
                CaseloadQuery.precedes(Int($0), Int($1), in: rows, by: query.sort)
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
        let positions = filter(recent.last?.positions ?? order(query.sort), by: query)
        recent.append((query, positions))
        if recent.count > Self.recentLimit { recent.removeFirst() }
        return CaseloadView(rows: rows, positions: positions)
    }

    private func filter(_ candidates: [Int32], by query: CaseloadQuery) -> [Int32] {
        let words = query.foldedWords
        let wordsMask = FoldedTextMask(words)
        let maskDecides = FoldedTextMask.decides(words)
        let phone = query.isPhoneNumber
        var kept: [Int32] = []
        kept.reserveCapacity(candidates.count)
        searchKeys.withUnsafeBufferPointer { keys in
            keyMasks.withUnsafeBufferPointer { masks in
                facts.withUnsafeBufferPointer { facts in
                    for position in candidates {
                        let index = Int(position)
                        guard facts[index].isDamagedChild || query.passes(isOpen: facts[index].isOpen, isMissing: facts[index].isMissing,
                                           isHighOrCritical: facts[index].isHighOrCritical, isIndigenous: facts[index].isIndigenous,
                                           team: { rows[index].team })
                        else { continue }
                        let found = masks[index].mayContain(wordsMask) && (maskDecides || words.allSatisfy { keys[index].contains($0) })
                        if found || (phone && query.matchesPhone(rows[index].phoneDigits)) {
                            kept.append(position)
                        }
                    }
                }
            }
        }
        return kept
    }

    /// Every row's position in `sort`'s order, sorted once and kept until the rows change.
    private mutating func order(_ sort: CaseloadQuery.Sort) -> [Int32] {
        if let kept = orders[sort] { return kept }
        let sorted = CaseloadQuery.sortedPositions(of: rows, by: sort)
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
