import CareDomain
import Crypto
import Foundation
import GRDB

/// Converts a store made by an earlier version (migrated to the v3 tables but not yet
/// converted) at its first sign-in, inside that sign-in's transaction:
///
/// 1. its first-format audit trail (`audit_v1`) is verified from the first event to its head;
///    a trail that does not verify is not carried over, and the upgrade is refused in words
///    (converting it would hide the break);
/// 2. every record is opened with the one data key, its class is set from what it is, and
///    team records are sealed again under the team key (the old data key) bound to every clear
///    column; records of other classes keep their first-format seal until someone who may read
///    them signs in and makes their class's key (`ClassKeys.make`);
/// 3. every event is carried over into the new trail with its number, time and words, its actor,
///    target and child as keyed tags;
/// 4. one event records the upgrade, with the row hash of every record as it now stands.
struct StoreUpgrade {
    let db: Database
    let keys: SessionKeys
    let actor: String
    let now: Date

    func run() throws {
        let carried = try verifiedFirstFormatTrail()
        let rows = try resealRecords()
        try AuditLog.storeHead(AuditHead.empty(keyring: keys.keyring), db: db)
        let log = AuditLog(keys: keys)
        for event in carried {
            try log.append(db, AuditLog.NewEvent(
                action: AuditAction(rawValue: event.action) ?? .view, actor: event.actor, at: Date(timeIntervalSince1970: event.at),
                targetKind: event.targetKind.flatMap(RecordKind.init(rawValue:)), targetID: event.targetID,
                child: event.childID.map(ChildID.init(rawValue:)), summary: event.summary))
        }
        if try db.tableExists("audit_v1") { try db.execute(sql: "DROP TABLE audit_v1") }
        try db.execute(
            sql: "INSERT OR REPLACE INTO keyring(class, key_check) VALUES (?, ?)",
            arguments: [VisibilityClass.team.rawValue, Keyring.keyCheck(keys.keyring.team, storeID: keys.storeID, visibility: .team)])
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('sealing', ?)", arguments: [Schema.sealing])
        let waiting = rows.filter { $0.seal == .legacy }.count
        try log.append(db, AuditLog.NewEvent(
            action: .update, actor: actor, at: now, summary: "upgraded the store: \(rows.count - waiting) records sealed again bound to their columns"
                + (waiting == 0 ? "" : ", \(waiting) restricted records waiting for someone who may read them")
                + ", \(carried.count) audit events verified and carried over",
            rows: rows))
    }

    /// One first-format event, opened.
    struct FirstFormatEvent {
        var seq: Int64
        var at: Double
        var actor: String?
        var action: String
        var targetKind: String?
        var targetID: String?
        var childID: String?
        var payload: Data
        var hash: Data
        var summary = ""
    }

    /// The first-format trail, verified link by link and against its head, its summaries opened.
    private func verifiedFirstFormatTrail() throws -> [FirstFormatEvent] {
        guard try db.tableExists("audit_v1") else { return [] }
        let chainKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: keys.keyring.team, info: Data("care audit chain v1".utf8), outputByteCount: 32)
        var events: [FirstFormatEvent] = []
        var previous = AuditChain.genesis
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_v1 ORDER BY seq") {
            var event = FirstFormatEvent(
                seq: try row.stored("seq"), at: try row.stored("at"), actor: try row.stored("actor"), action: try row.stored("action"), targetKind: try row.stored("target_kind"),
                targetID: try row.stored("target_id"), childID: try row.stored("child_id"), payload: try row.stored("payload"), hash: try row.stored("hash"))
            guard event.seq == Int64(events.count) + 1 else { throw refusal(at: Int64(events.count) + 1, "deleted") }
            guard Self.firstFormatLink(previous: previous, event, key: chainKey) == event.hash else { throw refusal(at: event.seq, "edited") }
            let plain = try LegacySeal.open(event.payload, kind: "audit", id: String(event.seq), key: keys.keyring.team)
            guard let payload = try? RecordCoding.decoder().decode(FirstFormatPayload.self, from: plain) else {
                throw refusal(at: event.seq, "does not decode")
            }
            event.summary = payload.summary
            previous = event.hash
            events.append(event)
        }
        if let blob = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'audit_head'"), blob.count == 40 {
            let seq = blob.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
            guard seq == Int64(events.count), Data(blob.suffix(32)) == previous else {
                throw refusal(at: Int64(events.count) + 1, "deleted (the trail ends before its head, event \(seq))")
            }
        }
        return events
    }

    private struct FirstFormatPayload: Decodable {
        var summary: String
    }

    private func refusal(at seq: Int64, _ what: String) -> StoreError {
        .upgradeRefused("its audit trail does not verify (event \(seq): \(what)), so it was not carried over; nothing was changed. "
            + "Keep this file as evidence and restore the store from a backup, or run `care check` with the previous version")
    }

    /// `hash_n` as the first format computed it: HMAC-SHA256 over the previous hash and every
    /// column, each with its length in front.
    static func firstFormatLink(previous: Data, _ event: FirstFormatEvent, key: SymmetricKey) -> Data {
        var message = Data()
        func append(_ field: Data?) {
            guard let field else {
                message.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
                return
            }
            message.append(contentsOf: withUnsafeBytes(of: UInt32(field.count).bigEndian) { Array($0) })
            message.append(field)
        }
        append(previous)
        append(withUnsafeBytes(of: event.seq.bigEndian) { Data($0) })
        append(withUnsafeBytes(of: event.at.bitPattern.bigEndian) { Data($0) })
        for field in [event.actor, event.action, event.targetKind, event.targetID, event.childID] {
            append(field.map { Data($0.utf8) })
        }
        append(event.payload)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Opens every record with the data key, sets its class, and seals team records again in
    /// the bound format. Returns every row as it now stands.
    private func resealRecords() throws -> [RecordRow] {
        let decoder = RecordCoding.decoder()
        var rows: [RecordRow] = []
        let stored = try Row.fetchAll(db, sql: "SELECT kind, id, child_id, version, sort_at, updated_at, change_seq, payload FROM records")
        for old in stored {
            let kindName: String = old["kind"]
            let id: String = old["id"]
            let plain = try LegacySeal.open(old["payload"], kind: kindName, id: id, key: keys.keyring.team)
            guard let kind = RecordKind(rawValue: kindName), let record = try? AnyRecord.decode(kind, from: plain, using: decoder),
                  record.recordID == id, record.version == old["version"] as Int
            else {
                throw StoreError.upgradeRefused("its \(kindName) record \(id) does not open as itself; nothing was changed. Run `care check` with the previous version")
            }
            var row = RecordRow(
                kind: kindName, id: id, childID: old["child_id"], version: old["version"], sortAt: old["sort_at"],
                updatedAt: old["updated_at"], changeSequence: old["change_seq"], visibility: record.record.visibilityClass,
                seal: .legacy, payload: old["payload"])
            if row.visibility == .team { try keys.sealer.seal(plain, into: &row) }
            try db.execute(
                sql: "UPDATE records SET class = ?, seal = ?, payload = ? WHERE kind = ? AND id = ?",
                arguments: [row.visibility.rawValue, row.seal.rawValue, row.payload, row.kind, row.id])
            rows.append(row)
        }
        return rows
    }
}
