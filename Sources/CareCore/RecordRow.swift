import CareDomain
import Crypto
import Foundation

/// One row of `records` as stored: the clear columns readers rely on and the sealed payload.
///
/// Every clear column is bound into the payload's associated data (`associatedData`), so a row
/// moved to another child, given another sort time or version, or re-labelled does not open.
/// The audit trail keeps `hash` — every column, the payload included — of each row at each
/// version, so a row deleted or put back at an older version (whose seal still opens) is named
/// by `care check`.
package struct RecordRow: Sendable, Equatable {
    /// How the payload is sealed. `legacy`: the first format (AES-GCM under the one data key,
    /// bound only to kind and id), left only on restricted rows of a store upgraded by someone
    /// who may not read them, until someone who may signs in. `bound`: under the class's key,
    /// bound to every clear column.
    package enum Seal: Int, Sendable {
        case legacy = 1
        case bound = 2
        /// A lead from someone without the `investigation` key: HPKE to the lead drop's public
        /// key (`LeadDrop`), bound to every clear column like `bound`.
        case drop = 3
    }

    package var kind: String
    package var id: String
    package var childID: String?
    package var version: Int
    package var sortAt: Double?
    package var updatedAt: Double
    package var changeSequence: Int64
    package var visibility: VisibilityClass
    package var seal: Seal
    package var payload: Data

    /// The columns `init(row:)` reads, for `SELECT \(RecordRow.columns) FROM records`.
    package static let columns = "kind, id, child_id, version, sort_at, updated_at, change_seq, class, seal, payload"

    package init(
        kind: String, id: String, childID: String?, version: Int, sortAt: Double?, updatedAt: Double, changeSequence: Int64,
        visibility: VisibilityClass, seal: Seal = .bound, payload: Data = Data()
    ) {
        self.kind = kind
        self.id = id
        self.childID = childID
        self.version = version
        self.sortAt = sortAt
        self.updatedAt = updatedAt
        self.changeSequence = changeSequence
        self.visibility = visibility
        self.seal = seal
        self.payload = payload
    }

    /// The clear columns of `record` as it is about to be written (the payload comes from sealing).
    package init<Record: CareRecord>(_ record: Record, updatedAt: Date, changeSequence: Int64) {
        self.init(
            kind: Record.kind.rawValue, id: record.recordID, childID: record.childID?.rawValue, version: record.version,
            sortAt: record.sortDate?.timeIntervalSince1970, updatedAt: updatedAt.timeIntervalSince1970,
            changeSequence: changeSequence, visibility: record.visibilityClass)
    }

    /// Every clear column, bound to the store: the associated data of the payload's seal.
    package func associatedData(storeID: String) -> Data {
        var binding = BindingData("care/v2/record")
        binding.text(storeID)
        binding.text(visibility.rawValue)
        binding.text(kind)
        binding.text(id)
        binding.text(childID)
        binding.integer(Int64(version))
        binding.time(sortAt)
        binding.time(updatedAt)
        binding.integer(changeSequence)
        return binding.bytes
    }

    /// The row as the audit trail remembers it: SHA-256 over every column, the payload included.
    /// Anyone can compute it; the keyed chain over it is what makes it evidence.
    package var hash: Data {
        var binding = BindingData("care/v2/row-hash")
        binding.text(kind)
        binding.text(id)
        binding.text(childID)
        binding.integer(Int64(version))
        binding.time(sortAt)
        binding.time(updatedAt)
        binding.integer(changeSequence)
        binding.text(visibility.rawValue)
        binding.integer(Int64(seal.rawValue))
        return binding.sha256(endingWithBlob: payload)
    }

    /// What the audit trail keeps of this row.
    package var trailEntry: RecordTrailEntry {
        RecordTrailEntry(kind: kind, id: id, version: version, childID: childID, rowHash: hash)
    }
}

/// What the audit trail keeps of one record at one version (`audit_rows`): enough for
/// `care check` to name a row deleted, put back at an older version, moved to another child or
/// altered.
package struct RecordTrailEntry: Sendable, Equatable {
    package var kind: String
    package var id: String
    package var version: Int
    package var childID: String?
    package var rowHash: Data

    package init(kind: String, id: String, version: Int, childID: String?, rowHash: Data) {
        self.kind = kind
        self.id = id
        self.version = version
        self.childID = childID
        self.rowHash = rowHash
    }

    /// The entry's part of its event's chain hash.
    package func bind(into binding: inout BindingData) {
        binding.text(kind)
        binding.text(id)
        binding.integer(Int64(version))
        binding.text(childID)
        binding.blob(rowHash)
    }
}
