import Foundation

/// One line of the caseload list: what a worker scans for, already derived from the snapshot so
/// that filtering and sorting never go back to the records. A row holds no search key: the index
/// keeps every row's key packed beside the rows (`CaseloadIndex`, `searchKey(of:names:)`), and
/// the name sort compares the key's first part, the display name folded.
public struct CaseloadRow: Sendable, Equatable, Identifiable {
    // Declared widest first and the one-byte fields last, in the tail of `whereabouts`: Swift
    // lays fields out in this order, and 50,000 rows are held at once (`SnapshotLayoutTests`).
    public var child: ChildID
    public var displayName: String
    public var legalName: String
    /// The assigned child protection worker's display name, if one is assigned.
    public var assignedWorkerName: String?
    /// The child's team, for the "my cases" filter: the summary's own value, not a list made
    /// for each row.
    public var team: Team
    public var caseNumber: CaseNumber
    public var age: Int
    public var activeFlagCount: Int
    /// The digits of each of the child's phone numbers, for a filter typed as a phone number.
    public var phoneDigits: [String] = []
    /// This child's records that do not open (`DamagedRecord`): the row says so.
    public var damaged: [DamagedRecord] = []
    public var lastContact: Date?
    /// Derived: an open missing episode makes this `.missing`, whatever the child record says.
    public var whereabouts: Whereabouts
    public var ageIsEstimated: Bool
    public var risk: RiskLevel
    public var exploitationStatus: ExploitationStatus
    public var isIndigenous: Bool
    public var isOpen: Bool
    /// The row of a child whose own record does not open: nothing but its id is known, and the
    /// row stands in for it so nobody loses sight of the child.
    public var isDamagedChild = false

    public var id: ChildID { child }
    public var isMissing: Bool { whereabouts.isMissing }

    /// Builds the row of `child` from `snapshot` as it stands on `today`. `workerNames` maps every
    /// worker to a display name. For many rows, `rows(from:today:)` and
    /// `row(of:in:child:names:today:)` fold the names once for all of them.
    public init(child: ChildSummary, snapshot: CaseloadSnapshot, workerNames: [WorkerID: String], today: DayDate) {
        self.init(child: child, snapshot: snapshot, names: WorkerNames(workerNames), today: today)
    }

    private init(child: ChildSummary, snapshot: CaseloadSnapshot, names: WorkerNames, today: DayDate) {
        let workerNames = names.plain
        self.child = child.id
        displayName = child.displayName
        legalName = child.legalName
        caseNumber = child.caseNumber
        age = child.age(on: today)
        ageIsEstimated = child.birth.isEstimated
        risk = child.riskLevel
        exploitationStatus = child.exploitationStatus
        whereabouts = snapshot.whereabouts(of: child)
        lastContact = snapshot.lastContact[child.id]
        assignedWorkerName = child.team.childProtection.flatMap { workerNames[$0] }
        team = child.team
        isIndigenous = child.indigenousIdentity.isIndigenous
        isOpen = child.isOpen
        activeFlagCount = child.activeFlags.count

        if !child.phones.isEmpty { phoneDigits = child.phones.map(Self.digits).filter { !$0.isEmpty } }
        if !snapshot.damaged.isEmpty { damaged = snapshot.damaged.filter { $0.child == child.id } }
    }

    /// The row of a child whose own record does not open, with its damaged records: shown as
    /// "damaged record" (no name, case number or risk can be read), found by typing "damaged";
    /// missing when an open missing episode of theirs opens.
    public init(damagedChild id: ChildID, records: [DamagedRecord], whereabouts: Whereabouts = .unknown) {
        child = id
        displayName = Self.damagedWords
        legalName = ""
        caseNumber = .unassigned(unit: "", year: 0)
        age = 0
        ageIsEstimated = false
        risk = .critical
        exploitationStatus = .unknown
        self.whereabouts = whereabouts
        team = Team()
        isIndigenous = false
        isOpen = true
        activeFlagCount = 0
        damaged = records
        isDamagedChild = true
    }

    public static let damagedWords = "damaged record"
    /// The search key and sort name of a child whose own record does not open.
    public static let damagedSearchKey = FoldedText(damagedWords)

    /// Every ASCII digit of a phone number as typed, in order.
    static func digits(_ phone: String) -> String {
        String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    }

    /// The row of child `id` as the snapshot has it now: its own, the stand-in for a child whose
    /// record does not open, or nil when the child is not in the snapshot at all.
    public static func row(of id: ChildID, in snapshot: CaseloadSnapshot, child: ChildSummary?, workerNames: [WorkerID: String], today: DayDate) -> CaseloadRow? {
        row(of: id, in: snapshot, child: child, names: WorkerNames(workerNames), today: today)
    }

    /// As above, with the workers' names worked out once for many rows.
    public static func row(of id: ChildID, in snapshot: CaseloadSnapshot, child: ChildSummary?, names: WorkerNames, today: DayDate) -> CaseloadRow? {
        if let child { return CaseloadRow(child: child, snapshot: snapshot, names: names, today: today) }
        let damaged = snapshot.damaged.filter { $0.child == id }
        guard damaged.contains(where: \.isChildRecord) else { return nil }
        return CaseloadRow(damagedChild: id, records: damaged, whereabouts: unreadableWhereabouts(of: id, in: snapshot))
    }

    /// Missing, when an open missing episode of the child whose record does not open opens;
    /// otherwise not known.
    static func unreadableWhereabouts(of id: ChildID, in snapshot: CaseloadSnapshot) -> Whereabouts {
        snapshot.openEpisode(of: id).map { .missing(since: $0.lastSeenAt, lastSeen: $0.lastSeenPlace) } ?? .unknown
    }

    /// What the filter searches, unfolded: names (preferred and legal), case number,
    /// communities, affiliation groups and the team's names. `care bench` writes the same
    /// fields to a file so `grep` and `fzf` search exactly what the caseload does.
    public static func searchParts(of child: ChildSummary, workerNames: [WorkerID: String]) -> [String] {
        let affiliations = child.indigenousIdentity.affiliations
        var parts = [child.preferredName, child.legalName, child.caseNumber.description]
        parts += affiliations.map(\.community)
        parts += Set(affiliations.map(\.group.rawValue)).sorted()
        parts += child.team.members.compactMap { workerNames[$0] }
        return parts.filter { !$0.isEmpty }
    }

    /// The workers' display names, and each non-empty one folded: worked out once for all the
    /// rows built together, not once per row.
    public struct WorkerNames: Sendable {
        let plain: [WorkerID: String]
        let folded: [WorkerID: [UInt8]]

        public init(_ workers: [Worker]) {
            var plain: [WorkerID: String] = [:]
            for worker in workers { plain[worker.id] = worker.displayName }
            self.init(plain)
        }

        public init(_ plain: [WorkerID: String]) {
            self.plain = plain
            folded = plain.filter { !$0.value.isEmpty }.mapValues { name in
                var bytes: [UInt8] = []
                TextFold.appendFolded(name, to: &bytes)
                return bytes
            }
        }
    }

    /// `FoldedText(joining: searchParts(of: child, …))`: what the filter searches for `child`.
    /// Its first part is the display name: the name sort compares keys up to their first
    /// separator (`CaseloadQuery.NameOrder`), so a child with no name starts with the separator
    /// (an empty name, sorted first) rather than with its case number.
    public static func searchKey(of child: ChildSummary, names: WorkerNames) -> FoldedText {
        var out: [UInt8] = []
        appendSearchKey(of: child, names: names, to: &out)
        return FoldedText(folded: out)
    }

    /// The search key of the row `row` of `child` (nil for a child whose record does not open).
    public static func searchKey(of row: CaseloadRow, child: ChildSummary?, names: WorkerNames) -> FoldedText {
        guard let child, !row.isDamagedChild else { return damagedSearchKey }
        return searchKey(of: child, names: names)
    }

    /// Appends `child`'s search key, built straight into bytes: no array of parts, no string
    /// per folded part, and the workers' names taken already folded.
    static func appendSearchKey(of child: ChildSummary, names: WorkerNames, to out: inout [UInt8]) {
        var first = true
        func separate() {
            if !first { out.append(0x1F) }
            first = false
        }
        if child.displayName.isEmpty { out.append(0x1F) }
        func part(_ text: String) {
            guard !text.isEmpty else { return }
            separate()
            TextFold.appendFolded(text, to: &out)
        }
        part(child.preferredName)
        part(child.legalName)
        part(child.caseNumber.description)
        let affiliations = child.indigenousIdentity.affiliations
        for affiliation in affiliations { part(affiliation.community) }
        if affiliations.count == 1 {
            part(affiliations[0].group.rawValue)
        } else if affiliations.count > 1 {
            for group in Set(affiliations.map(\.group.rawValue)).sorted() { part(group) }
        }
        for member in child.team.members {
            guard let folded = names.folded[member] else { continue }
            separate()
            out.append(contentsOf: folded)
        }
    }

    /// Every child's row (closed cases included; `CaseloadQuery` hides them by default), and a
    /// stand-in row for each child whose own record does not open. Built on every core for a
    /// large caseload (`ParallelMap`), in the children's order.
    public static func rows(from snapshot: CaseloadSnapshot, today: DayDate) -> [CaseloadRow] {
        let names = WorkerNames(snapshot.workers)
        var rows = ParallelMap.map(count: snapshot.children.count) { index in
            CaseloadRow(child: snapshot.children[index], snapshot: snapshot, names: names, today: today)
        }
        for (id, records) in snapshot.unreadableChildren {
            rows.append(CaseloadRow(damagedChild: id, records: records, whereabouts: unreadableWhereabouts(of: id, in: snapshot)))
        }
        return rows
    }
}
