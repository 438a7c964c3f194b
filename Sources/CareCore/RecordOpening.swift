import CareDomain
import Foundation

/// Sealing a record into its row and opening a row back into its record, the same for every
/// backend: the row's clear columns must say what the sealed record says, so a row moved to
/// another record, child, version or class does not open even when its seal does.
package enum RecordOpening {
    /// Opens `row` as a `Record`; a row of another kind, a seal that fails or clear columns that
    /// disagree with the payload is `StoreError.sealBroken`, a payload that does not decode
    /// `StoreError.corrupt`.
    package static func open<Record: CareRecord>(_ type: Record.Type, row: RecordRow, keys: SessionKeys, decoder: JSONDecoder) throws -> Record {
        guard row.kind == Record.kind.rawValue else { throw StoreError.sealBroken(kind: row.kind, id: row.id) }
        let plain = try keys.sealer.open(row)
        let record: Record
        do {
            record = try decoder.decode(Record.self, from: plain)
        } catch {
            throw StoreError.corrupt("the \(row.kind) record \(row.id) does not decode")
        }
        guard record.recordID == row.id, record.version == row.version, record.childID?.rawValue == row.childID,
              record.visibilityClass == row.visibility
        else {
            throw StoreError.sealBroken(kind: row.kind, id: row.id)
        }
        return record
    }

    /// Opens one row as whatever record its kind names, with the same checks as `open`.
    package static func openAny(_ row: RecordRow, keys: SessionKeys, decoder: JSONDecoder) throws -> AnyRecord {
        guard let kind = RecordKind(rawValue: row.kind) else { throw StoreError.corrupt("the record \(row.id) has an unknown kind") }
        let plain = try keys.sealer.open(row)
        let record: AnyRecord
        do {
            record = try AnyRecord.decode(kind, from: plain, using: decoder)
        } catch {
            throw StoreError.corrupt("the \(row.kind) record \(row.id) does not decode")
        }
        guard record.recordID == row.id, record.version == row.version, record.childID?.rawValue == row.childID,
              record.record.visibilityClass == row.visibility
        else {
            throw StoreError.sealBroken(kind: row.kind, id: row.id)
        }
        return record
    }

    /// `record` sealed into the row that stores it, stamped with `changeSequence`.
    package static func sealed<Record: CareRecord>(
        _ record: Record, at: Date, changeSequence: Int64, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> RecordRow {
        var row = RecordRow(record, updatedAt: at, changeSequence: changeSequence)
        try keys.sealer.seal(encoder.encode(record), into: &row)
        return row
    }

    /// `sealed` for a record known only as `AnyRecord`.
    package static func sealedAny(_ record: AnyRecord, at: Date, changeSequence: Int64, keys: SessionKeys, encoder: JSONEncoder) throws -> RecordRow {
        func seal<Record: CareRecord>(_ concrete: Record) throws -> RecordRow {
            try sealed(concrete, at: at, changeSequence: changeSequence, keys: keys, encoder: encoder)
        }
        return try seal(record.record)
    }
}
