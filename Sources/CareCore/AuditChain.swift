import CareDomain
import Crypto
import Foundation

/// One audit row as stored: the clear and keyed columns and the sealed payload.
package struct AuditRow: Sendable, Equatable {
    package var seq: Int64
    package var at: Double
    package var action: String
    /// HMACs of the actor, the target and the child (`AuditIndex`): a store can filter by them,
    /// a copied file does not say who looked at which child.
    package var actorKey: Data?
    package var targetKey: Data?
    package var childKey: Data?
    package var payload: Data
    package var hash: Data

    package static let columns = "seq, at, action, actor_key, target_key, child_key, payload, hash"

    package init(seq: Int64, at: Double, action: String, actorKey: Data?, targetKey: Data?, childKey: Data?, payload: Data, hash: Data) {
        self.seq = seq
        self.at = at
        self.action = action
        self.actorKey = actorKey
        self.targetKey = targetKey
        self.childKey = childKey
        self.payload = payload
        self.hash = hash
    }
}

/// The keyed hash chain over the audit table.
///
/// `hash_n = HMAC-SHA256(k, hash_{n-1} ‖ seq ‖ at ‖ action ‖ actor ‖ target ‖ child ‖ payload ‖
/// rows)`, every field length-prefixed, `hash_0` thirty-two zero bytes, and `rows` the records the
/// event wrote, each as (kind, id, version, child, row hash). The key comes from the team key by
/// HKDF, so every role can extend the chain and nobody without a passphrase can; anyone who
/// edits, deletes or reorders rows — or the record entries of an event — without it breaks the
/// chain at that row.
package struct AuditChain: Sendable {
    package let key: SymmetricKey

    package static let genesis = Data(count: 32)

    package init(keyring: Keyring) { key = keyring.derived("audit-chain") }

    /// The hash of `row`, with the record entries it wrote, following `previous`.
    package func link(previous: Data, _ row: AuditRow, entries: [RecordTrailEntry]) -> Data {
        var link = startLink(previous: previous, row, entryCount: entries.count)
        for entry in entries { link.add(entry) }
        return link.finish()
    }

    /// A link to be fed its record entries one at a time: an import's event lists every record
    /// it wrote (1.2 million at 50,000 children), too many to hold to check the trail's tail.
    package func startLink(previous: Data, _ row: AuditRow, entryCount: Int) -> Link {
        Link(key: key, previous: previous, row, entryCount: entryCount)
    }

    /// The HMAC of one link, over the same bytes as the whole list would be, fed in pieces.
    package struct Link {
        private var hmac: HMAC<SHA256>
        private var binding = BindingData("care/v2/audit-link")
        /// Bytes held before they are fed to the HMAC.
        private static let piece = 64 * 1_024

        fileprivate init(key: SymmetricKey, previous: Data, _ row: AuditRow, entryCount: Int) {
            hmac = HMAC<SHA256>(key: key)
            binding.blob(previous)
            binding.integer(row.seq)
            binding.time(row.at)
            binding.text(row.action)
            binding.blob(row.actorKey)
            binding.blob(row.targetKey)
            binding.blob(row.childKey)
            binding.blob(row.payload)
            binding.integer(Int64(entryCount))
        }

        package mutating func add(_ entry: RecordTrailEntry) {
            entry.bind(into: &binding)
            if binding.count >= Self.piece { binding.flush(into: &hmac) }
        }

        package consuming func finish() -> Data {
            var hmac = hmac
            var binding = binding
            binding.flush(into: &hmac)
            return Data(hmac.finalize())
        }
    }
}

/// The keyed tags that stand for an event's actor, target and child in the clear columns:
/// HMAC-SHA256 under a key from the team key, cut to 16 bytes. The same worker or child always
/// gets the same tag, so the store can still filter the trail by them.
package struct AuditIndex: Sendable {
    package let key: SymmetricKey
    /// The key of a look's child and target tags (`view`, `preview`): of its own, so a look's
    /// tag never equals the tag of that child's write events, whose `audit_rows` hold the child
    /// id in clear; without a key the file does not say which child a look concerns.
    package let lookKey: SymmetricKey

    package init(keyring: Keyring) {
        key = keyring.derived("audit-index")
        lookKey = keyring.derived("audit-index-look")
    }

    package func actor(_ id: String?) -> Data? { id.map { tag("actor", [$0]) } }
    package func child(_ id: String?) -> Data? { id.map { tag("child", [$0]) } }
    package func target(kind: String?, id: String?) -> Data? {
        guard let kind, let id else { return nil }
        return tag("target", [kind, id])
    }

    /// The child tag of `action`'s events. A look's is sealed: a fresh random salt and an HMAC
    /// under the look key over the salt and the child (`sealedTag`), so two looks at the same
    /// child carry different tags and the file alone links neither to the other nor to the
    /// child's write events; a holder of the team key still finds them (`isLook(_:at:)`).
    package func child(_ id: String?, for action: AuditAction) -> Data? {
        guard Self.isLook(action) else { return child(id) }
        return id.map { sealedTag("child", [$0]) }
    }

    package func target(kind: String?, id: String?, for action: AuditAction) -> Data? {
        guard Self.isLook(action) else { return target(kind: kind, id: id) }
        guard let kind, let id else { return nil }
        return sealedTag("target", [kind, id])
    }

    /// The deterministic tags a child's events may carry, for finding them with SQL: its write
    /// events' and those of looks written before look tags were sealed. Sealed look tags are
    /// matched one by one (`isLook(_:at:)`).
    package func childTags(_ id: String) -> [Data] { [tag("child", [id]), tag("child", [id], key: lookKey)] }

    /// The length of a sealed tag: salt and HMAC.
    package static let sealedTagLength = 32

    /// Whether `stored` is the sealed child tag of a look at `child`.
    package func isLook(_ stored: Data?, at child: String) -> Bool {
        guard let stored, stored.count == Self.sealedTagLength else { return false }
        return sealedTag("child", [child], salt: Data(stored.prefix(16))) == stored
    }

    private func sealedTag(_ purpose: String, _ values: [String], salt: Data? = nil) -> Data {
        let salt = salt ?? SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        var binding = BindingData("care/v3/audit-index/look-\(purpose)")
        binding.blob(salt)
        for value in values { binding.text(value) }
        return salt + Data(HMAC<SHA256>.authenticationCode(for: binding.bytes, using: lookKey).prefix(16))
    }

    package static func isLook(_ action: AuditAction) -> Bool { action == .view || action == .preview }

    private func tag(_ purpose: String, _ values: [String], key: SymmetricKey? = nil) -> Data {
        var binding = BindingData("care/v2/audit-index/\(purpose)")
        for value in values { binding.text(value) }
        return Data(HMAC<SHA256>.authenticationCode(for: binding.bytes, using: key ?? self.key).prefix(16))
    }
}

/// The result of walking the audit chain.
public struct AuditVerification: Sendable, Equatable, CustomStringConvertible {
    /// How many events the table holds.
    public var eventCount: Int
    /// The first event that does not verify, or nil when the whole chain holds.
    public var firstBreak: AuditBreak?

    package init(eventCount: Int, firstBreak: AuditBreak?) {
        self.eventCount = eventCount
        self.firstBreak = firstBreak
    }

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
        /// The trail ends before the event its keyed head names: its last events were deleted.
        case cut(head: Int64)
        /// The head is missing, or its key check fails: it was removed or rewritten.
        case headRewritten
        /// Events after the one the head names (written without moving the head).
        case beyondHead(head: Int64)
        /// The records later events wrote are still listed, but the events and the head were
        /// cut back to an earlier point.
        case entriesAfterHead(head: Int64)
        /// The team key that chained this part of the trail (before a rotation of the team key)
        /// is missing from the store or does not open, so the events cannot be verified.
        case trailKeyMissing
        /// The events from here are chained under another team key, but the event before names
        /// no rotation to it (or a rotation event is not followed by its key).
        case keyChangedWithoutRotation

        public var description: String {
            switch self {
            case .edited: "edited"
            case .missing: "deleted (a gap in the sequence)"
            case .reordered(let seq): "reordered (its content belongs at event \(seq))"
            case .cut(let head): "deleted (the trail was cut: its head names event \(head))"
            case .headRewritten: "the head of the trail was removed or rewritten"
            case .beyondHead(let head): "added after the head (event \(head)) outside care"
            case .entriesAfterHead(let head): "deleted (the records later events wrote are still listed after event \(head): the trail and its head were cut back)"
            case .trailKeyMissing: "cannot be verified: the team key it was chained under before a rotation is missing from the store or does not open"
            case .keyChangedWithoutRotation: "the team key changes here without a rotation event naming the new key"
            }
        }
    }

    public var sequence: Int64
    public var reason: Reason

    package init(sequence: Int64, reason: Reason) {
        self.sequence = sequence
        self.reason = reason
    }
}
