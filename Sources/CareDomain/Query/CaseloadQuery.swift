import Foundation

/// What the caseload list shows: a text filter, quick filters and a sort order. A plain value, so
/// the UI keeps one per view and re-applies it to the same rows on every keystroke.
public struct CaseloadQuery: Sendable, Equatable {
    /// One-key narrowings of the list. Several together must all hold.
    public enum QuickFilter: Hashable, Sendable {
        /// Children on whose team this worker is, in any role.
        case myCases(WorkerID)
        case missingNow
        case highAndCritical
        case indigenousAffiliation
        /// Only closed cases: the "closed" view.
        case closedCases
    }

    public enum Sort: String, Sendable, CaseIterable {
        /// Missing first, then risk from critical down, then the longest without contact first.
        case risk
        /// Longest without contact first; never contacted counts as longest.
        case lastContact = "last contact"
        case name
        /// Youngest first.
        case age
    }

    /// Matched, folded, against names (preferred and legal), case number, communities and team
    /// names. Each word must be found, in any order: "tremblay zoe" finds "Zoé Démo-Tremblay".
    /// Typed as a phone number (digits and phone punctuation, three digits or more), it also
    /// finds a child with a phone number holding those digits, however either was punctuated:
    /// "010-0142" and "0100142" both find "(555) 010-0142".
    public var text: String {
        didSet {
            foldedWords = Self.fold(text)
            phoneDigits = Self.phoneDigits(text)
        }
    }
    public var filters: Set<QuickFilter>
    public var sort: Sort
    /// Closed cases are hidden unless asked for.
    public var includeClosed: Bool
    private(set) var foldedWords: [FoldedText]
    /// The digits of the text when it is typed as a phone number; nil otherwise.
    private(set) var phoneDigits: String?

    public init(text: String = "", filters: Set<QuickFilter> = [], sort: Sort = .risk, includeClosed: Bool = false) {
        self.text = text
        self.filters = filters
        self.sort = sort
        self.includeClosed = includeClosed
        foldedWords = Self.fold(text)
        phoneDigits = Self.phoneDigits(text)
    }

    /// The digits of `text` when it holds nothing but digits and what people punctuate phone
    /// numbers with, and at least three digits (fewer would find too many children); a leading
    /// "1" on eleven digits dropped, as `PhoneNumber` does. "jordan 555" is not a phone number.
    static func phoneDigits(_ text: String) -> String? {
        let punctuation: Set<Character> = [" ", "(", ")", "-", ".", "+", "/"]
        guard text.allSatisfy({ ($0.isASCII && $0.isNumber) || punctuation.contains($0) }) else { return nil }
        let digits = PhoneNumber.digits(text)
        return digits.count >= 3 ? digits : nil
    }

    /// Whether the text is typed as a phone number (`matchesPhone` can find a row).
    var isPhoneNumber: Bool { phoneDigits != nil }

    /// Whether one of `phones` (each a phone number's digits, `CaseloadRow.phoneDigits`) holds
    /// the digits typed.
    func matchesPhone(_ phones: [String]) -> Bool {
        guard let phoneDigits, !phones.isEmpty else { return false }
        return phones.contains { $0.contains(phoneDigits) }
    }

    /// The words of the text, folded; spaces around and between them do not count, so "jordan "
    /// still finds Jordan Example.
    private static func fold(_ text: String) -> [FoldedText] {
        text.split(whereSeparator: \.isWhitespace).map { FoldedText(String($0)) }
    }

    /// Turns a quick filter on if it was off, off if it was on.
    public mutating func toggle(_ filter: QuickFilter) {
        if filters.remove(filter) == nil { filters.insert(filter) }
    }

    /// True when `row`, whose search key is `key`, passes the text and every quick filter.
    public func matches(_ row: CaseloadRow, key: FoldedText) -> Bool {
        // Nothing of a child whose record does not open can be filtered on but its words:
        // it stays in view under every quick filter until someone repairs it.
        if row.isDamagedChild { return foldedWords.allSatisfy { key.contains($0) } }
        return passes(isOpen: row.isOpen, isMissing: row.isMissing, isHighOrCritical: row.risk >= .high,
               isIndigenous: row.isIndigenous, team: { row.team })
            && (foldedWords.allSatisfy { key.contains($0) } || matchesPhone(row.phoneDigits))
    }

    /// True when a row with these facts passes the closed-case rule and every quick filter (the
    /// team is asked for only by "my cases").
    func passes(isOpen: Bool, isMissing: Bool, isHighOrCritical: Bool, isIndigenous: Bool, team: () -> Team) -> Bool {
        // A child missing now stays on the caseload whatever the case's state: a supervisor may
        // close over an open missing episode, never hide the child (`ClosureBlock`).
        if !includeClosed && !isOpen && !isMissing && !filters.contains(.closedCases) { return false }
        for filter in filters {
            switch filter {
            case .myCases(let worker): if !team().includes(worker) { return false }
            case .missingNow: if !isMissing { return false }
            case .highAndCritical: if !isHighOrCritical { return false }
            case .indigenousAffiliation: if !isIndigenous { return false }
            case .closedCases: if isOpen { return false }
            }
        }
        return true
    }

    /// True when every row this query lets through, `other` let through too, in the same order:
    /// the same filters and sort, and each of `other`'s words inside one of this query's words
    /// (typing forward, or adding a word). Compared folded, so no case or accent rule can make
    /// a narrowing wrong.
    func narrows(_ other: CaseloadQuery) -> Bool {
        guard filters == other.filters, sort == other.sort, includeClosed == other.includeClosed else { return false }
        // A row found by its phone number must have been found by the shorter number too.
        if let phoneDigits {
            guard let shorter = other.phoneDigits, phoneDigits.contains(shorter) else { return false }
        }
        return other.foldedWords.allSatisfy { word in foldedWords.contains { $0.contains(word) } }
    }

    /// The rows that match, `keys` being their search keys, in this query's order. Ties fall
    /// back to the case number, so the order is total and the list does not shuffle between
    /// refreshes. (The dashboard keeps a `CaseloadIndex` instead, which neither copies nor
    /// re-sorts rows per keystroke.)
    public func apply(to rows: [CaseloadRow], keys: [FoldedText]) -> [CaseloadRow] {
        precondition(rows.count == keys.count, "one search key per row")
        let names: NameOrder = { a, b in Self.compareNames(keys[a].bytes, keys[b].bytes) }
        return Self.sortedPositions(of: rows, by: sort, names: names).compactMap { matches(rows[Int($0)], key: keys[Int($0)]) ? rows[Int($0)] : nil }
    }

    /// How the rows at two positions compare by name, below zero when the first comes first:
    /// their search keys' first parts, the display names folded, in byte order.
    typealias NameOrder = (Int, Int) -> Int

    /// How two search keys compare by their first parts (up to the first separator), in byte
    /// order: accent- and case-blind, stable, and a name that is the start of another first.
    static func compareNames<Key: Collection<UInt8>>(_ x: Key, _ y: Key) -> Int {
        var a = x.makeIterator(), b = y.makeIterator()
        while true {
            let p = a.next().flatMap { $0 == 0x1F ? nil : $0 }, q = b.next().flatMap { $0 == 0x1F ? nil : $0 }
            switch (p, q) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (p?, q?) where p != q: return p < q ? -1 : 1
            default: continue
            }
        }
    }

    /// Every row's position, in `sort`'s order. Sorts small keys of plain numbers rather than
    /// the rows themselves; `names` compares two rows by name.
    static func sortedPositions(of rows: [CaseloadRow], by sort: Sort, names: NameOrder) -> [Int32] {
        var keys: [SortKey] = []
        keys.reserveCapacity(rows.count)
        for index in rows.indices {
            keys.append(SortKey(rows[index], index: index, sort: sort))
        }
        if sort == .name {
            keys.sort { a, b in
                let order = names(a.index, b.index)
                return order != 0 ? order < 0 : a.tie < b.tie
            }
        } else {
            keys.sort(by: <)
        }
        return keys.map { Int32($0.index) }
    }

    /// Whether the row at position `a` comes before the row at `b` in `sort`'s order: the order
    /// `sortedPositions` gives, for putting one changed row in its place.
    static func precedes(_ a: Int, _ b: Int, in rows: [CaseloadRow], by sort: Sort, names: NameOrder) -> Bool {
        let x = SortKey(rows[a], index: a, sort: sort), y = SortKey(rows[b], index: b, sort: sort)
        guard sort == .name else { return x < y }
        let order = names(a, b)
        return order != 0 ? order < 0 : x.tie < y.tie
    }

    /// A row's place in a sort order as plain numbers, compared left to right.
    struct SortKey: Comparable {
        var first: Int
        /// Seconds since the reference date of the last contact; never contacted sorts first.
        var second: Double
        /// Year and sequence of the case number, then the row's position, for a total order.
        var tie: Int
        var index: Int

        init(_ row: CaseloadRow, index: Int, sort: Sort) {
            self.index = index
            tie = (row.caseNumber.year * 10_000 + row.caseNumber.sequence) * 1_000_000 + index % 1_000_000
            let contact = row.lastContact?.timeIntervalSinceReferenceDate ?? -Double.infinity
            switch sort {
            case .risk:
                let rank = RiskLevel.allCases.count - 1 - (RiskLevel.allCases.firstIndex(of: row.risk) ?? 0)
                // A child whose record does not open could be anyone: first, above the missing.
                first = row.isDamagedChild ? -1 : (row.isMissing ? 0 : 10) + rank
                second = contact
            case .lastContact:
                first = 0
                second = contact
            case .name:
                first = 0
                second = 0
            case .age:
                first = row.age
                second = 0
            }
        }

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.first, a.second, a.tie) < (b.first, b.second, b.tie)
        }
    }
}
