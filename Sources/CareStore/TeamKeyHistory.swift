import CareDomain
import Crypto
import Foundation
import GRDB

/// The team keys the audit trail was chained under (`key_epochs`), so the team key can be
/// rotated without rebuilding the trail.
///
/// The team key also keys the audit chain, its head, its tags and its events' seals. A rotation
/// (`care keys rotate team`) does not chain the trail again under the new key — that would give
/// every event a new hash, so every machine's anchor would name the store as diverged, and it
/// would let whoever rotates rewrite the past unseen. Instead the trail is cut into parts
/// ("epochs"), each chained under one team key:
///
/// - the rotation event is the last event chained under the old key, and lists among the rows it
///   wrote a `team-key` entry whose hash is the new key's key check: the old chain vouches for
///   the change of key, so nobody can move the boundary without breaking it;
/// - every later event, and the head's MAC, are under the new key, so a holder of the old key
///   can neither append an event nor move the head;
/// - the old key is kept sealed (AES-GCM) under the new one, bound to the store and the epoch,
///   so anyone holding the present key verifies and reads the whole trail, and the old key opens
///   nothing in the store but the events it chained.
///
/// Epoch 0 is the store's first team key and has no row; epoch `n` has the first event chained
/// under its key, its key check, and epoch `n - 1`'s key sealed under it.
enum TeamKeyHistory {
    /// The kind of the trail entry a rotation event lists for the new team key.
    static let entryKind = "team-key"

    /// Fills in which team keys chained which events, opening the past keys from the present
    /// one. A part whose key is missing or does not open is left out: the chain's walk names it
    /// (`AuditBreak.Reason.trailKeyMissing`).
    static func load(into keyring: inout Keyring, db: Database) throws {
        guard try db.tableExists("key_epochs") else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT epoch, first_seq, key_check, previous_key FROM key_epochs ORDER BY epoch DESC")
        guard let newest = rows.first else {
            // No kept key, yet the trail names a rotation: the past keys were removed. The
            // present key chains what follows the last rotation; the walk names the rest.
            let lastRotation = try Int64.fetchOne(
                db, sql: "SELECT MAX(seq) FROM audit_rows WHERE kind = ? AND id LIKE 'team/%'", arguments: [entryKind])
            if let lastRotation { keyring.setTeamHistory([], presentFrom: lastRotation + 1) }
            return
        }
        let presentCheck = Keyring.keyCheck(keyring.team, storeID: keyring.storeID, visibility: .team)
        guard let start = rows.firstIndex(where: { ($0["key_check"] as Data?) == presentCheck }) else {
            // The present key has no row: no past key can be opened; the walk names it.
            keyring.setTeamHistory([], presentFrom: newest["first_seq"])
            return
        }
        var key = keyring.team
        var past: [Keyring.TeamEpoch] = []
        let presentFrom: Int64 = rows[start]["first_seq"]
        for index in rows.indices.dropFirst(start) {
            let row = rows[index]
            let epoch: Int = row["epoch"]
            guard let previous = open(row["previous_key"], under: key, storeID: keyring.storeID, epoch: epoch) else { break }
            // The previous epoch starts where the row after this one (older) says, or at 1.
            let nextOlder = rows.indices.contains(index + 1) ? rows[index + 1] : nil
            guard nextOlder == nil || (nextOlder!["epoch"] as Int) == epoch - 1 else { break }
            past.insert(Keyring.TeamEpoch(number: epoch - 1, firstEvent: nextOlder?["first_seq"] ?? 1, key: previous), at: 0)
            key = previous
        }
        keyring.setTeamHistory(past, presentFrom: presentFrom)
    }

    /// Records a new team key, chaining the events from `firstEvent` on, with the one before it
    /// sealed under it. Returns the trail entry the rotation event lists.
    static func record(
        previous: SymmetricKey, present: SymmetricKey, firstEvent: Int64, storeID: String, db: Database
    ) throws -> RecordTrailEntry {
        let epoch = (try Int.fetchOne(db, sql: "SELECT MAX(epoch) FROM key_epochs") ?? 0) + 1
        let check = Keyring.keyCheck(present, storeID: storeID, visibility: .team)
        let box = try AES.GCM.seal(previous.withUnsafeBytes { Data($0) }, using: present, authenticating: binding(storeID, epoch))
        guard let sealed = box.combined else { throw StoreError.invalid("AES-GCM produced no combined box") }
        try db.execute(
            sql: "INSERT INTO key_epochs(epoch, first_seq, key_check, previous_key) VALUES (?, ?, ?, ?)",
            arguments: [epoch, firstEvent, check, sealed])
        return RecordTrailEntry(kind: entryKind, id: "team/\(epoch)", version: epoch, childID: nil, rowHash: check)
    }

    private static func open(_ sealed: Data?, under key: SymmetricKey, storeID: String, epoch: Int) -> SymmetricKey? {
        guard let sealed, let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: key, authenticating: binding(storeID, epoch)), plain.count == 32
        else { return nil }
        return SymmetricKey(data: plain)
    }

    private static func binding(_ storeID: String, _ epoch: Int) -> Data {
        var binding = BindingData("care/v3/team-key-epoch")
        binding.text(storeID)
        binding.integer(Int64(epoch))
        return binding.bytes
    }
}
