/// The unit's list of closure reasons: what the closure form offers every worker of the unit.
///
/// One per store (`unitID`), kept beside the review checklist rather than in each worker's
/// config, so every worker of the unit is offered the same list, and a change is sealed,
/// versioned and audited like any record. A store without one offers
/// `ClosureReason.standardChoices`. A supervisor replaces it (`care unit closure-reasons set`);
/// "other", with words of its own, is always offered last. A closure keeps the words chosen, so
/// changing the list never rewrites a closure.
public struct ClosureReasonList: CareRecord {
    public static let kind = RecordKind.closureReasons
    /// The id of the unit's one list.
    public static let unitID = ClosureReasonListID(rawValue: "unit-closure-reasons")
    /// The longest list and the longest reason a unit may keep: a form shows them all.
    public static let maximumCount = 20
    public static let maximumLength = 60

    public var id: ClosureReasonListID
    public var version: Int
    /// The reasons in the order the form offers them, "other" last.
    public var reasons: [String]

    public init(id: ClosureReasonListID = ClosureReasonList.unitID, version: Int = 0, reasons: [String] = ClosureReason.standardChoices) {
        self.id = id
        self.version = version
        self.reasons = reasons
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { nil }

    /// `words` as a list a unit may keep: trimmed, blanks and repeats dropped, "other" moved last
    /// (added when missing, so a worker can always say a reason in words of their own).
    public static func cleaned(_ words: [String]) -> [String] {
        var seen = Set<String>()
        let kept = words.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && $0 != ClosureReason.other && seen.insert($0.lowercased()).inserted }
        return kept + [ClosureReason.other]
    }

    /// What is wrong with `reasons`, in words; empty when it will do.
    public var problems: [String] {
        var problems: [String] = []
        if reasons.filter({ $0 != ClosureReason.other }).isEmpty { problems.append("Give at least one closure reason besides \"other\".") }
        if reasons.count > Self.maximumCount { problems.append("A unit keeps at most \(Self.maximumCount) closure reasons; this list has \(reasons.count).") }
        for reason in reasons where reason.count > Self.maximumLength {
            problems.append("A closure reason is at most \(Self.maximumLength) characters: \"\(reason.prefix(20))…\" is \(reason.count).")
        }
        return problems
    }
}

public typealias ClosureReasonListID = RecordID<ClosureReasonList>
