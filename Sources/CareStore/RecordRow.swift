import CareDomain
import Crypto
import Foundation
import GRDB

/// One row of `records` as stored: the clear columns readers rely on and the sealed payload.
///
/// Every clear column is bound into the payload's associated data (`associatedData`), so a row
/// moved to another child, given another sort time or version, or re-labelled does not open.
/// The audit trail keeps `hash` — every column, the payload included — of each row at each
/// version, so a row deleted or put back at an older version (whose seal still opens) is named
/// by `care check`.
struct RecordRow: Sendable, Equatable {
    /// How the payload is sealed. `legacy`: the first format (AES-GCM under the one data key,
    /// bound only to kind and id), left only on restricted rows of a store upgraded by someone
    /// who may not read them, until someone who may signs in. `bound`: under the class's key,
    /// bound to every clear column.
    enum Seal: Int, Sendable {
        case legacy = 1
        case bound = 2
        /// A lead from someone without the `investigation` key: HPKE to the lead drop's public
        /// key (`LeadDrop`), bound to every clear column like `bound`.
        case drop = 3
    }

    var kind: String
    var id: String
    var childID: String?
    var version: Int
    var sortAt: Double?
    var updatedAt: Double
    var changeSequence: Int64
    var visibility: VisibilityClass
    var seal: Seal
    var payload: Data

    /// The columns `init(row:)` reads, for `SELECT \(RecordRow.columns) FROM records`.
    static let columns = "kind, id, child_id, version, sort_at, updated_at, change_seq, class, seal, payload"

    init(
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
    init<Record: CareRecord>(_ record: Record, updatedAt: Date, changeSequence: Int64) {
        self.init(
            kind: Record.kind.rawValue, id: record.recordID, childID: record.childID?.rawValue, version: record.version,
            sortAt: record.sortDate?.timeIntervalSince1970, updatedAt: updatedAt.timeIntervalSince1970,
            changeSequence: changeSequence, visibility: record.visibilityClass)
    }

    /// A row read with `columns`. An unknown class or seal format is damage, said in words.
    init(row: Row) throws {
        let kind: String = try row.stored("kind")
        let id: String = try row.stored("id")
        guard let visibility = VisibilityClass(rawValue: try row.stored("class")) else {
            throw StoreError.corrupt("the \(kind) record \(id) names an unknown visibility class")
        }
        guard let seal = Seal(rawValue: try row.stored("seal")) else {
            throw StoreError.corrupt("the \(kind) record \(id) names an unknown seal format")
        }
        self.init(
            kind: kind, id: id, childID: try row.stored("child_id"), version: try row.stored("version"), sortAt: try row.stored("sort_at"),
            updatedAt: try row.stored("updated_at"), changeSequence: try row.stored("change_seq"), visibility: visibility, seal: seal,
            payload: try row.stored("payload"))
    }

    /// Every clear column, bound to the store: the associated data of the payload's seal.
    func associatedData(storeID: String) -> Data {
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
    var hash: Data {
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
        binding.blob(payload)
        return Data(SHA256.hash(data: binding.bytes))
    }

    /// What the audit trail keeps of this row.
    var trailEntry: RecordTrailEntry {
        RecordTrailEntry(kind: kind, id: id, version: version, childID: childID, rowHash: hash)
    }

    private var arguments: StatementArguments {
        [childID, version, sortAt, updatedAt, payload, changeSequence, visibility.rawValue, seal.rawValue, kind, id]
    }

    func insert(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO records(child_id, version, sort_at, updated_at, payload, change_seq, class, seal, kind, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments)
    }

    /// Replaces the row still at `expectedVersion`; false when there is none (someone saved first).
    func update(_ db: Database, expectedVersion: Int) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE records SET child_id = ?, version = ?, sort_at = ?, updated_at = ?, payload = ?, change_seq = ?, class = ?, seal = ?
            WHERE kind = ? AND id = ? AND version = ?
            """).execute(arguments: arguments + [expectedVersion])
        return db.changesCount == 1
    }
}

/// What the audit trail keeps of one record at one version (`audit_rows`): enough for
/// `care check` to name a row deleted, put back at an older version, moved to another child or
/// altered.
struct RecordTrailEntry: Sendable, Equatable {
    var kind: String
    var id: String
    var version: Int
    var childID: String?
    var rowHash: Data

    /// The entry's part of its event's chain hash.
    func bind(into binding: inout BindingData) {
        binding.text(kind)
        binding.text(id)
        binding.integer(Int64(version))
        binding.text(childID)
        binding.blob(rowHash)
    }
}

extension DamagedRecord {
    /// What the clear columns of a row that does not open still say, read as far as they can be
    /// (a row damaged in its columns too is named by its kind and whatever id is left).
    init(_ stored: Row, kind: RecordKind) {
        let id = (try? stored.stored("id", as: String?.self)).flatMap { $0 } ?? ""
        let child = (try? stored.stored("child_id", as: String?.self)).flatMap { $0 }
        self.init(kind: kind.rawValue, id: id, child: child.map(ChildID.init(rawValue:)))
    }
}
