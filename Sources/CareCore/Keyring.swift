import CareDomain
import Crypto
import Foundation

/// The class keys a session holds, and the keys every role needs derived from the team key.
///
/// Each visibility class has its own random 256-bit key; an account holds wrapped copies of
/// exactly the classes its role may read (`key_grants`). The audit chain, its head and the
/// audit index are keyed from the team key, because every role writes audit events.
package struct Keyring: Sendable {
    /// The store's random id (`meta.store_id`), bound into every seal and grant.
    package let storeID: String
    private var keys: [VisibilityClass: SymmetricKey]

    package init(storeID: String, team: SymmetricKey) {
        self.storeID = storeID
        keys = [.team: team]
    }

    package var team: SymmetricKey { keys[.team]! }

    package func key(for visibility: VisibilityClass) -> SymmetricKey? { keys[visibility] }

    package func holds(_ visibility: VisibilityClass) -> Bool { keys[visibility] != nil }

    package var classes: [VisibilityClass] { keys.keys.sorted() }

    package mutating func add(_ key: SymmetricKey, for visibility: VisibilityClass) { keys[visibility] = key }

    /// The team keys that chained the audit trail before the present one (`care keys rotate
    /// team`), oldest first: each chained the events from its `firstEvent` up to the next one's.
    /// A session holds them to verify and read the events they chained, and for nothing else.
    package private(set) var pastTeams: [TeamEpoch] = []
    /// The first event chained under the present team key (1 when it was never rotated).
    package private(set) var teamFirstEvent: Int64 = 1

    /// One team key the trail was chained under before the present one.
    package struct TeamEpoch: Sendable {
        package var number: Int
        package var firstEvent: Int64
        package var key: SymmetricKey

        package init(number: Int, firstEvent: Int64, key: SymmetricKey) {
            self.number = number
            self.firstEvent = firstEvent
            self.key = key
        }
    }

    /// Which team key chains which events: the past ones (oldest first) and the first event
    /// under the present key.
    package mutating func setTeamHistory(_ past: [TeamEpoch], presentFrom firstEvent: Int64) {
        pastTeams = past
        teamFirstEvent = firstEvent
    }

    /// The keyring of a past team key, for deriving the audit keys of the events it chained.
    package func pastTeamKeyring(_ epoch: TeamEpoch) -> Keyring { Keyring(storeID: storeID, team: epoch.key) }

    /// A key for one purpose, derived from the team key (HKDF-SHA256).
    package func derived(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: team, info: Data("care/v2/\(purpose)".utf8), outputByteCount: 32)
    }

    /// A fresh random class key.
    package static func makeClassKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    /// A value that says which key a class has without revealing it (`keyring.key_check`):
    /// a grant that opens to another key is refused instead of sealing records nobody else can
    /// read.
    package static func keyCheck(_ key: SymmetricKey, storeID: String, visibility: VisibilityClass) -> Data {
        var binding = BindingData("care/v2/key-check")
        binding.text(storeID)
        binding.text(visibility.rawValue)
        return Data(HMAC<SHA256>.authenticationCode(for: binding.bytes, using: key))
    }
}

/// Seals and opens record payloads: AES-256-GCM under the key of the row's class, with every
/// clear column of the row as associated data (`RecordRow.associatedData`).
package struct RecordSealer: Sendable {
    package let keyring: Keyring

    package init(keyring: Keyring) { self.keyring = keyring }

    /// Seals `plaintext` into `row.payload`. A session cannot write a class it does not hold.
    package func seal(_ plaintext: Data, into row: inout RecordRow) throws {
        guard let key = keyring.key(for: row.visibility) else { throw StoreError.classNotHeld(row.visibility) }
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: row.associatedData(storeID: keyring.storeID))
        guard let combined = box.combined else { throw StoreError.invalid("AES-GCM produced no combined box") }
        row.seal = .bound
        row.payload = combined
    }

    /// The plaintext of `row`; `StoreError.sealBroken` when any column or the payload was
    /// changed, or it was sealed under another key. A class this session does not hold is
    /// `classNotHeld`: callers decide what a role that may not read it sees.
    package func open(_ row: RecordRow) throws -> Data {
        guard let key = keyring.key(for: row.visibility) else { throw StoreError.classNotHeld(row.visibility) }
        if row.seal == .drop, row.visibility == .investigation {
            return try LeadDrop.open(row, investigation: key, storeID: keyring.storeID)
        }
        guard row.seal == .bound else { throw StoreError.sealBroken(kind: row.kind, id: row.id) }
        do {
            let box = try AES.GCM.SealedBox(combined: row.payload)
            return try AES.GCM.open(box, using: key, authenticating: row.associatedData(storeID: keyring.storeID))
        } catch {
            throw StoreError.sealBroken(kind: row.kind, id: row.id)
        }
    }

    /// Seals an audit event's payload, bound to the store and the event's sequence number.
    package func sealAudit(_ plaintext: Data, sequence: Int64) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: keyring.team, authenticating: Self.auditBinding(keyring.storeID, sequence))
        guard let combined = box.combined else { throw StoreError.invalid("AES-GCM produced no combined box") }
        return combined
    }

    package func openAudit(_ blob: Data, sequence: Int64) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: blob)
            return try AES.GCM.open(box, using: keyring.team, authenticating: Self.auditBinding(keyring.storeID, sequence))
        } catch {
            throw StoreError.sealBroken(kind: "audit", id: String(sequence))
        }
    }

    private static func auditBinding(_ storeID: String, _ sequence: Int64) -> Data {
        var binding = BindingData("care/v2/audit")
        binding.text(storeID)
        binding.integer(sequence)
        return binding.bytes
    }
}

/// The first format's seal: AES-GCM under the store's one data key, bound only to `care/v1|kind|id`.
/// Read only while upgrading a store made by an earlier version (and for its audit payloads).
package enum LegacySeal {
    package static func associatedData(kind: String, id: String) -> Data { Data("care/v1|\(kind)|\(id)".utf8) }

    package static func open(_ blob: Data, kind: String, id: String, key: SymmetricKey) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: blob)
            return try AES.GCM.open(box, using: key, authenticating: associatedData(kind: kind, id: id))
        } catch {
            throw StoreError.sealBroken(kind: kind, id: id)
        }
    }
}
