import Foundation

/// One line of the caseload list: what a worker scans for, already derived from the snapshot so
/// that filtering and sorting never go back to the records.
public struct CaseloadRow: Sendable, Equatable, Identifiable {
    public var child: ChildID
    public var displayName: String
    public var legalName: String
    public var caseNumber: CaseNumber
    public var age: Int
    public var ageIsEstimated: Bool
    public var risk: RiskLevel
    public var exploitationStatus: ExploitationStatus
    /// Derived: an open missing episode makes this `.missing`, whatever the child record says.
    public var whereabouts: Whereabouts
    public var lastContact: Date?
    /// The assigned child protection worker's display name, if one is assigned.
    public var assignedWorkerName: String?
    /// Everyone on the child's team, for the "my cases" filter.
    public var team: [WorkerID]
    public var communities: [String]
    public var isIndigenous: Bool
    public var isOpen: Bool
    public var activeFlagCount: Int
    /// Names, case number, communities and team names, folded once so a keystroke is only
    /// substring checks.
    public var searchKey: FoldedText
    /// The display name folded, for sorting by name without folding during the sort.
    public var sortName: FoldedText

    public var id: ChildID { child }
    public var isMissing: Bool { whereabouts.isMissing }

    /// Builds the row of `child` from `snapshot` as it stands on `today`. `workerNames` maps every
    /// worker to a display name; pass it in so building many rows looks each name up once.
    public init(child: ChildSummary, snapshot: CaseloadSnapshot, workerNames: [WorkerID: String], today: DayDate) {
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
        team = child.team.members
        let affiliations = child.indigenousIdentity.affiliations
        communities = affiliations.map(\.community).filter { !$0.isEmpty }
        isIndigenous = child.indigenousIdentity.isIndigenous
        isOpen = child.isOpen
        activeFlagCount = child.activeFlags.count

        searchKey = FoldedText(joining: Self.searchParts(of: child, workerNames: workerNames))
        sortName = FoldedText(child.displayName)
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

    /// Every child's row (closed cases included; `CaseloadQuery` hides them by default).
    public static func rows(from snapshot: CaseloadSnapshot, today: DayDate) -> [CaseloadRow] {
        var names: [WorkerID: String] = [:]
        for worker in snapshot.workers { names[worker.id] = worker.displayName }
        return snapshot.children.map { CaseloadRow(child: $0, snapshot: snapshot, workerNames: names, today: today) }
    }
}
