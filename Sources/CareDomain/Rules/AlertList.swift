import Foundation

/// Every alert the rules raise now, kept once in `AlertRules.precedes` order, with the split the
/// answers make of them (`AlertVisibility.Standing`) kept as positions: the dashboard's alerts.
///
/// The dashboard held each alert three times: in the list of all, in a map of each child's
/// alerts (to find a changed child's old alerts) and in the shown or the hidden list of the
/// split, about 21,400 alerts at 50,000 children (docs/benchmarks.md). Here each alert's child
/// is kept beside it as a small key, as `FiledList` keeps a record's, so a refresh finds a
/// child's alerts by reading one contiguous array of integers; the hidden alerts (acknowledged
/// or snoozed: few) are kept as their positions, and the shown ones are the rest (`Listed`).
///
/// Every change goes through this type, which changes the alerts, their keys, the hidden
/// positions, the answers and the counts together; `AlertListTests` checks each kind of change
/// against a list split afresh and against `AlertVisibility`.
public struct AlertList: Sendable, Equatable {
    /// Every alert, most severe first (`AlertRules.precedes`).
    public private(set) var all: [Alert] = []
    /// `all[i].child`'s key at `i` (`key(of:)`).
    private var childKeys: [Int32] = []
    /// Where the alerts that answers hide are in `all`, ascending.
    private var hiddenPositions: [Int] = []
    /// Shown alerts answered for their cause as it is now (a missing child's), by alert id:
    /// listed as "acknowledged by … at …", not counted as unanswered.
    public private(set) var answered: [String: AlertResponse] = [:]
    /// Shown alerts answered earlier for a lesser cause, by alert id: the earlier note is shown.
    public private(set) var earlier: [String: AlertResponse] = [:]
    /// Shown alerts by severity (a severity with none is left out).
    public private(set) var counts: [AlertSeverity: Int] = [:]

    /// Past this many alerts coming in at once, one merge of the two ordered lists costs less
    /// than a binary search and a move for each.
    public static let placedOneByOne = 64

    public init() {}

    /// `alerts`, in `AlertRules.precedes` order, split by `responses` as they stand at `now`.
    public init(_ alerts: [Alert], responses: [AlertResponse], now: Date) {
        all = alerts
        childKeys = alerts.map { Self.key(of: $0.child) }
        split(responses: responses, now: now)
    }

    // MARK: Reading

    /// The alerts listed: every one, or the shown ones only, in order.
    public func listed(includingHidden: Bool) -> Listed { Listed(self, includingHidden: includingHidden) }

    /// The alerts nobody answered for their cause as it is now, and those answered that stay
    /// listed (a child missing now), in order.
    public var shown: Listed { listed(includingHidden: false) }

    /// The acknowledged and snoozed alerts, in order (few: copied out when asked for).
    public var hidden: [Alert] { hiddenPositions.map { all[$0] } }

    public var hiddenCount: Int { hiddenPositions.count }

    /// Whether an alert of `alert`'s id is hidden.
    public func isHidden(_ alert: Alert) -> Bool {
        hiddenPositions.contains { all[$0].id == alert.id }
    }

    /// The split as two lists of alerts, for comparing whole.
    public var visibility: AlertVisibility {
        AlertVisibility(shown: Array(shown), hidden: hidden, answered: answered, earlier: earlier)
    }

    /// Where the `index`-th shown alert is in `all`: past every hidden alert before it. Before
    /// `hiddenPositions[j]` stand `hiddenPositions[j] - j` shown alerts, a number that never
    /// decreases with `j`, so the hidden alerts before it are counted by binary search.
    func position(ofShown index: Int) -> Int {
        var low = 0, high = hiddenPositions.count
        while low < high {
            let mid = (low + high) / 2
            if hiddenPositions[mid] - mid <= index { low = mid + 1 } else { high = mid }
        }
        return index + low
    }

    /// Where the alerts about the children `match` names are in `all`, ascending; with
    /// `aboutNoChild`, the alerts about no child (the handover's, the patterns') as well. Each
    /// alert whose key matches is checked by its child's id (two ids may share a key).
    public func positions(of match: ChildIDMatch, aboutNoChild: Bool = false) -> [Int] {
        let wanted = match.ids.map { Self.key(of: $0) }
        let many = wanted.count > ChildIDMatch.fewLimit ? Set(wanted) : nil
        var found: [Int] = []
        childKeys.withUnsafeBufferPointer { keys in
            for index in keys.indices {
                let key = keys[index]
                if key == Self.noChild {
                    if aboutNoChild { found.append(index) }
                } else if many?.contains(key) ?? wanted.contains(key), match.contains(all[index].child) {
                    found.append(index)
                }
            }
        }
        return found
    }

    /// Where the alerts `isIt` picks out are in `all`, ascending.
    public func positions(where isIt: (Alert) -> Bool) -> [Int] {
        all.indices.filter { isIt(all[$0]) }
    }

    // MARK: Changing

    /// Takes out the alerts at `gone` (ascending positions) and puts `fresh` in their places in
    /// order, each split by the answers `responses` give it at `now`. The other alerts keep
    /// their split: the clock splits a child's again when an answer to it runs out
    /// (`AlertSchedule`), and `split` does them all.
    public mutating func replace(_ gone: [Int], with fresh: [Alert], responses: [AlertResponse], now: Date) {
        remove(atAscending: gone)
        if !fresh.isEmpty {
            let ids = Set(fresh.map(\.id))
            let answers = AlertVisibility.answersByAlert(responses.filter { ids.contains($0.alertID) })
            let standings = fresh.map { AlertVisibility.Standing(of: $0, answers: answers[$0.id] ?? [], at: now) }
            if fresh.count <= Self.placedOneByOne {
                for (alert, standing) in zip(fresh, standings) { insert(alert, standing) }
            } else {
                merge(fresh, standings)
            }
        }
        counts = counts.filter { $0.value != 0 }
    }

    /// Every alert split again by `responses` as they stand at `now`.
    public mutating func split(responses: [AlertResponse], now: Date) {
        let byAlert = AlertVisibility.answersByAlert(responses)
        hiddenPositions = []
        answered = [:]
        earlier = [:]
        counts = [:]
        for position in all.indices {
            let alert = all[position]
            let standing = AlertVisibility.Standing(of: alert, answers: byAlert[alert.id] ?? [], at: now)
            if standing.hidden { hiddenPositions.append(position) } else { show(alert, standing) }
        }
    }

    /// Takes out the alerts at `gone` (ascending): a shown one from the counts and the answers,
    /// a hidden one from the hidden positions, and every later hidden position moves up by the
    /// number taken out before it.
    private mutating func remove(atAscending gone: [Int]) {
        guard !gone.isEmpty else { return }
        var kept: [Int] = []
        kept.reserveCapacity(hiddenPositions.count)
        var next = 0
        for (before, position) in gone.enumerated() {
            while next < hiddenPositions.count, hiddenPositions[next] < position {
                kept.append(hiddenPositions[next] - before)
                next += 1
            }
            if next < hiddenPositions.count, hiddenPositions[next] == position {
                next += 1
                continue
            }
            let alert = all[position]
            counts[alert.severity, default: 0] -= 1
            answered[alert.id] = nil
            earlier[alert.id] = nil
        }
        kept += hiddenPositions[next...].lazy.map { $0 - gone.count }
        hiddenPositions = kept
        all.remove(atAscending: gone)
        childKeys.remove(atAscending: gone)
    }

    /// Puts `alert` where `AlertRules.precedes` places it (after any equal one).
    private mutating func insert(_ alert: Alert, _ standing: AlertVisibility.Standing) {
        let position = all.partitioningIndex { AlertRules.precedes(alert, $0) }
        all.insert(alert, at: position)
        childKeys.insert(Self.key(of: alert.child), at: position)
        let after = hiddenPositions.partitioningIndex { $0 >= position }
        for index in after..<hiddenPositions.count { hiddenPositions[index] += 1 }
        if standing.hidden { hiddenPositions.insert(position, at: after) } else { show(alert, standing) }
    }

    /// Merges `fresh` (in any order) into the alerts, which are in order: each moved once.
    private mutating func merge(_ fresh: [Alert], _ standings: [AlertVisibility.Standing]) {
        let order = fresh.indices.sorted { AlertRules.precedes(fresh[$0], fresh[$1]) }
        var alerts: [Alert] = [], keys: [Int32] = [], hidden: [Int] = []
        alerts.reserveCapacity(all.count + fresh.count)
        keys.reserveCapacity(all.count + fresh.count)
        var kept = 0, came = 0, nextHidden = 0
        while kept < all.count || came < order.count {
            if came < order.count, kept == all.count || AlertRules.precedes(fresh[order[came]], all[kept]) {
                let alert = fresh[order[came]], standing = standings[order[came]]
                if standing.hidden { hidden.append(alerts.count) } else { show(alert, standing) }
                alerts.append(alert)
                keys.append(Self.key(of: alert.child))
                came += 1
            } else {
                if nextHidden < hiddenPositions.count, hiddenPositions[nextHidden] == kept {
                    hidden.append(alerts.count)
                    nextHidden += 1
                }
                alerts.append(all[kept])
                keys.append(childKeys[kept])
                kept += 1
            }
        }
        all = alerts
        childKeys = keys
        hiddenPositions = hidden
    }

    /// Counts a shown alert and keeps the answer it shows.
    private mutating func show(_ alert: Alert, _ standing: AlertVisibility.Standing) {
        counts[alert.severity, default: 0] += 1
        if let answer = standing.answered {
            answered[alert.id] = answer
        } else if let answer = standing.earlier {
            earlier[alert.id] = answer
        }
    }

    // MARK: Keys

    /// The key of the alerts about no child, which no child's key takes.
    static let noChild = Int32.min

    /// A child's key: its id's hash cut to 32 bits, as `FiledList` keys a record's child (a
    /// function of the id alone, so no table of keys is kept).
    static func key(of child: ChildID?) -> Int32 {
        guard let child else { return noChild }
        let key = Int32(truncatingIfNeeded: child.hashValue)
        return key == noChild ? noChild + 1 : key
    }

    // MARK: Listed

    /// The alerts listed in order, every one or the shown ones only, read in place: no alert is
    /// copied out to list them.
    public struct Listed: RandomAccessCollection, Sendable {
        private let list: AlertList
        private let includingHidden: Bool

        init(_ list: AlertList, includingHidden: Bool) {
            self.list = list
            self.includingHidden = includingHidden
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { includingHidden ? list.all.count : list.all.count - list.hiddenPositions.count }

        public subscript(index: Int) -> Alert {
            list.all[includingHidden ? index : list.position(ofShown: index)]
        }
    }
}
