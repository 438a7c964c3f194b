import CareDomain
import Foundation

/// The records' part of `care check`, the same on every backend: each stored row against the
/// last version the audit trail wrote of it (deleted, put back at an older version, at a
/// version never written, moved to another child, or changed are each named by kind and id),
/// every row this account may read opened as its kind, and then what the trail wrote that is
/// no longer stored. Each backend reads the rows with its own SQL and feeds them in; the rules
/// are here once.
///
/// Reveals nothing sealed: problems name kinds and opaque ids only.
package struct RecordCheck {
    /// What the trail last wrote of a record (its newest `audit_rows` entry).
    package struct Written {
        package var version: Int
        package var childID: String?
        package var rowHash: Data

        package init(version: Int, childID: String?, rowHash: Data) {
            self.version = version
            self.childID = childID
            self.rowHash = rowHash
        }

        /// How `stored` differs from this last write of it, if it does: an older or unknown
        /// version, another child, other bytes. The same for records and summaries.
        package func difference(from stored: RecordRow) -> StoreCheckReport.RecordProblem.Reason? {
            if stored.version < version { return .rolledBack(stored: stored.version, trail: version) }
            if stored.version > version { return .unknownVersion(stored: stored.version, trail: version) }
            if stored.childID != childID { return .moved(from: childID, to: stored.childID) }
            if stored.hash != rowHash { return .altered }
            return nil
        }
    }

    /// Rows looked at.
    package private(set) var checked = 0
    /// Rows of classes this account holds no key to (or first-format seals): matched against
    /// the trail, not opened.
    package private(set) var notReadable = 0
    package private(set) var problems: [StoreCheckReport.RecordProblem] = []
    /// Children with a record named above: their summaries are not compared with their records.
    package private(set) var troubled = Set<String>()

    private let keys: SessionKeys
    private let decoder = RecordCoding.decoder()

    package init(keys: SessionKeys) {
        self.keys = keys
    }

    /// One stored row. `kind`, `id` and `childID` are what could be read of its columns (a
    /// damaged row is named as well as its bytes allow, never a reason to stop); `row` the row
    /// decoded, or why it does not; `written` nil when no event wrote the record.
    package mutating func check(kind: String?, id: String?, childID: String?, row: Result<RecordRow, any Error>, written: Written?) {
        checked += 1
        let kind = kind ?? "record"
        let id = id ?? "with no readable id"
        func problem(_ reason: StoreCheckReport.RecordProblem.Reason) {
            problems.append(.init(kind: kind, id: id, reason: reason))
            for child in [childID, written?.childID, kind == RecordKind.child.rawValue ? id : nil] {
                if let child { troubled.insert(child) }
            }
        }
        let stored: RecordRow
        switch row {
        case .success(let decoded): stored = decoded
        case .failure(let error):
            problem(.damaged("\(error)"))
            return
        }
        guard let written else {
            problem(.notInTrail)
            return
        }
        if let difference = written.difference(from: stored) {
            problem(difference)
        } else if !keys.keyring.holds(stored.visibility) {
            notReadable += 1
        } else if stored.seal == .bound {
            do {
                _ = try RecordOpening.openAny(stored, keys: keys, decoder: decoder)
            } catch StoreError.sealBroken {
                problem(.sealBroken)
            } catch {
                problem(.damaged("\(error)"))
            }
        } else {
            // A first-format seal left for someone who may read its class: it was checked when
            // the store was upgraded, and its row hash still matches.
            notReadable += 1
        }
    }

    /// A record the trail wrote (at `version`) that is not stored.
    package mutating func deleted(kind: String, id: String, version: Int, childID: String?) {
        problems.append(.init(kind: kind, id: id, reason: .deleted(version: version)))
        if let childID { troubled.insert(childID) }
        if kind == RecordKind.child.rawValue { troubled.insert(id) }
    }
}
