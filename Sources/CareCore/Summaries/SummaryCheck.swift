import CareDomain
import Foundation

/// The caseload summaries' part of `care check`, the same on every backend: each stored summary
/// against the last version the trail wrote of it (as `RecordCheck` does for records), opened
/// when this account holds its class's key and compared with the entry made from the child's
/// records now; then what the trail wrote that is gone, and every child missing the summary of a
/// class the store keeps. Each backend reads the rows with its own SQL and feeds them in.
///
/// The children in `troubled` (whose records the check already names) are not compared: what
/// their summary holds differs from records that were tampered with or lost, and saying so again
/// adds nothing. Nor is a child with a record that does not open (left out of `made`).
package struct SummaryCheck {
    package private(set) var checked = 0
    package private(set) var notReadable = 0
    package private(set) var problems: [StoreCheckReport.RecordProblem] = []

    private let keys: SessionKeys
    /// The entries the records make now, by class and child, for each class kept and held.
    private let made: [VisibilityClass: [ChildID: CaseloadEntry]]
    private let troubled: Set<String>
    private var summarized: [VisibilityClass: Set<ChildID>] = [:]
    private var deletedIDs = Set<String>()

    package init(keys: SessionKeys, made: [VisibilityClass: [ChildID: CaseloadEntry]], troubled: Set<String>) {
        self.keys = keys
        self.made = made
        self.troubled = troubled
    }

    /// The entries the records make now of each class the store keeps (`kept`) and this account
    /// holds, by class and child, each made by `entries` (which tells `damaged` of every record
    /// that does not open): a child with a damaged record is left out, since its summary cannot
    /// be compared with records that do not open, and the damaged record is named already.
    package static func made(
        kept: Set<VisibilityClass>, keys: SessionKeys,
        entries: (VisibilityClass, _ damaged: (DamagedRecord) -> Void) throws -> [ChildID: CaseloadEntry]
    ) throws -> [VisibilityClass: [ChildID: CaseloadEntry]] {
        var made: [VisibilityClass: [ChildID: CaseloadEntry]] = [:]
        for visibility in CaseloadSummaries.classes where keys.keyring.holds(visibility) && kept.contains(visibility) {
            var damagedChildren = Set<ChildID>()
            var ofClass = try entries(visibility) { record in
                if let child = record.child { damagedChildren.insert(child) }
                if record.isChildRecord { damagedChildren.insert(ChildID(rawValue: record.id)) }
            }
            for child in damagedChildren { ofClass[child] = nil }
            made[visibility] = ofClass
        }
        return made
    }

    /// One stored summary: `id` as well as its columns could be read, `row` decoded or why not,
    /// `written` nil when no event wrote it.
    package mutating func check(id: String, row stored: Result<RecordRow, any Error>, written: RecordCheck.Written?) {
        checked += 1
        func problem(_ reason: StoreCheckReport.RecordProblem.Reason) {
            problems.append(.init(kind: CaseloadSummaries.kind, id: id, reason: reason))
        }
        let row: RecordRow
        switch stored {
        case .success(let decoded): row = decoded
        case .failure(let error):
            problem(.damaged("\(error)"))
            return
        }
        let child = ChildID(rawValue: row.childID ?? "")
        summarized[row.visibility, default: []].insert(child)
        guard let written else {
            problem(.notInTrail)
            return
        }
        if let difference = written.difference(from: row) {
            problem(difference)
        } else if !keys.keyring.holds(row.visibility) {
            notReadable += 1
        } else {
            do {
                let entry = try CaseloadSummaries.open(row, keys: keys)
                if let expected = made[row.visibility]?[child], !troubled.contains(child.rawValue), expected != entry {
                    problem(.differs)
                }
            } catch StoreError.sealBroken {
                problem(.sealBroken)
            } catch {
                problem(.damaged("\(error)"))
            }
        }
    }

    /// A summary the trail wrote (at `version`) that is not stored.
    package mutating func deleted(id: String, version: Int) {
        problems.append(.init(kind: CaseloadSummaries.kind, id: id, reason: .deleted(version: version)))
        deletedIDs.insert(id)
    }

    /// Names every child the records make an entry for whose summary is neither stored nor named
    /// as deleted; call once every row was checked.
    package mutating func finish() {
        for (visibility, entries) in made.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for child in entries.keys.sorted()
            where !(summarized[visibility]?.contains(child) ?? false) && !deletedIDs.contains(CaseloadSummaries.id(child, visibility))
                && !troubled.contains(child.rawValue) {
                problems.append(.init(kind: CaseloadSummaries.kind, id: CaseloadSummaries.id(child, visibility), reason: .missing))
            }
        }
    }
}
