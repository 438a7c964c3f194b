import Crypto
import Foundation

/// One audit row as stored: the clear columns and the sealed summary.
struct AuditRow: Sendable, Equatable {
    var seq: Int64
    var at: Double
    var actor: String?
    var action: String
    var targetKind: String?
    var targetID: String?
    var childID: String?
    var payload: Data
    var hash: Data
}

/// The keyed hash chain over the audit table.
///
/// `hash_n = HMAC-SHA256(k, hash_{n-1} ‖ seq ‖ at ‖ actor ‖ action ‖ target_kind ‖ target_id ‖
/// child_id ‖ payload)`, with every field length-prefixed so no two rows encode alike, and
/// `hash_0` thirty-two zero bytes. The key `k` comes from the data key by HKDF, so only people
/// who can unlock the store can extend the chain, and anyone who edits, deletes or reorders rows
/// without it breaks the chain at that row.
struct AuditChain: Sendable {
    let key: SymmetricKey

    static let genesis = Data(count: 32)

    init(dataKey: SymmetricKey) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: dataKey, info: Data("care audit chain v1".utf8), outputByteCount: 32)
    }

    /// The hash of `row` following `previous`.
    func link(previous: Data, _ row: AuditRow) -> Data {
        var message = Data()
        Self.append(previous, to: &message)
        Self.append(withUnsafeBytes(of: row.seq.bigEndian) { Data($0) }, to: &message)
        Self.append(withUnsafeBytes(of: row.at.bitPattern.bigEndian) { Data($0) }, to: &message)
        for field in [row.actor, row.action, row.targetKind, row.targetID, row.childID] {
            Self.append(field.map { Data($0.utf8) }, to: &message)
        }
        Self.append(row.payload, to: &message)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    private static func append(_ field: Data?, to message: inout Data) {
        guard let field else {
            message.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
            return
        }
        message.append(contentsOf: withUnsafeBytes(of: UInt32(field.count).bigEndian) { Array($0) })
        message.append(field)
    }

    /// Walks the rows in `seq` order and names the first one that does not chain.
    /// `head` is the last (seq, hash) the store recorded in `meta`, when it has one.
    func verify(_ rows: [AuditRow], head: (seq: Int64, hash: Data)?) -> AuditVerification {
        var previous = Self.genesis
        for (index, row) in rows.enumerated() {
            let expected = Int64(index) + 1
            if row.seq != expected {
                return AuditVerification(eventCount: rows.count, firstBreak: AuditBreak(sequence: expected, reason: .missing))
            }
            if link(previous: previous, row) != row.hash {
                return AuditVerification(eventCount: rows.count, firstBreak: AuditBreak(sequence: row.seq, reason: classify(row, in: rows)))
            }
            previous = row.hash
        }
        if let head, head.seq != Int64(rows.count) || head.hash != previous {
            let seq = rows.count < head.seq ? Int64(rows.count) + 1 : head.seq
            return AuditVerification(eventCount: rows.count, firstBreak: AuditBreak(sequence: seq, reason: .missing))
        }
        return AuditVerification(eventCount: rows.count, firstBreak: nil)
    }

    /// A row that does not chain where it is: if its content chains at another place (with that
    /// place's sequence number and predecessor), it was moved; otherwise it was edited.
    private func classify(_ row: AuditRow, in rows: [AuditRow]) -> AuditBreak.Reason {
        for (index, other) in rows.enumerated() where other.seq != row.seq {
            var moved = row
            moved.seq = other.seq
            let previous = index == 0 ? Self.genesis : rows[index - 1].hash
            if link(previous: previous, moved) == row.hash { return .reordered(belongsAt: other.seq) }
        }
        return .edited
    }
}

/// The result of walking the audit chain.
public struct AuditVerification: Sendable, Equatable, CustomStringConvertible {
    /// How many events the table holds.
    public var eventCount: Int
    /// The first event that does not verify, or nil when the whole chain holds.
    public var firstBreak: AuditBreak?

    public var isIntact: Bool { firstBreak == nil }

    public var description: String {
        guard let firstBreak else { return "audit chain intact (\(eventCount) events)" }
        return "audit chain broken at event \(firstBreak.sequence): \(firstBreak.reason)"
    }
}

/// Where and how the audit chain breaks.
public struct AuditBreak: Sendable, Equatable {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The row's content or hash was changed.
        case edited
        /// A row is missing here (deleted, or the table cut short).
        case missing
        /// The row's content belongs at another sequence number (rows swapped or moved).
        case reordered(belongsAt: Int64)

        public var description: String {
            switch self {
            case .edited: "edited"
            case .missing: "deleted (a gap in the sequence)"
            case .reordered(let seq): "reordered (its content belongs at event \(seq))"
            }
        }
    }

    public var sequence: Int64
    public var reason: Reason
}
