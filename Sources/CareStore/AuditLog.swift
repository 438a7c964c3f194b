import CareDomain
import Foundation
import GRDB

/// The audit trail on disk: `audit` (one row per event), `audit_rows` (the records each event
/// wrote, by version and row hash) and the keyed head in `meta`. Appends, checks the tail
/// against the head, walks the whole chain and reads events back.
struct AuditLog {
    let keys: SessionKeys

    /// An event about to be appended.
    struct NewEvent {
        var action: AuditAction
        var actor: String?
        var at: Date
        var targetKind: RecordKind?
        var targetID: String?
        var child: ChildID?
        var summary: String
        /// The records this event wrote, as written.
        var rows: [RecordRow] = []
        /// Trail entries of records written without their rows kept (a batch of summaries too
        /// large to hold); appended after `rows`'.
        var entries: [RecordTrailEntry] = []
    }

    // MARK: Appending

    /// Appends `event` inside the current transaction and moves the head. Refuses (writing
    /// nothing) when the trail no longer reaches its head: appending then would anchor a cut
    /// trail under a new, valid head.
    @discardableResult
    func append(_ db: Database, _ event: NewEvent) throws -> AuditEvent {
        let head = try verifiedTail(db)
        let seq = head.sequence + 1
        // The present team key's, except for the event that rotates it: the last one chained
        // under the old key (`TeamKeyHistory`).
        guard let trail = keys.trail(forEvent: seq) else { throw StoreError.auditTrailBroken(AuditBreak(sequence: seq, reason: .trailKeyMissing)) }
        let payload = AuditPayload(
            summary: event.summary, actor: event.actor, targetKind: event.targetKind?.rawValue, targetID: event.targetID,
            child: event.child?.rawValue)
        var row = AuditRow(
            seq: seq, at: event.at.timeIntervalSince1970, action: event.action.rawValue, actorKey: trail.index.actor(event.actor),
            targetKey: trail.index.target(kind: event.targetKind?.rawValue, id: event.targetID, for: event.action),
            childKey: trail.index.child(event.child?.rawValue, for: event.action),
            payload: try trail.sealer.sealAudit(RecordCoding.encoder().encode(payload), sequence: seq), hash: Data())
        let entries = event.rows.map(\.trailEntry) + event.entries
        row.hash = trail.chain.link(previous: head.hash, row, entries: entries)
        try db.execute(
            sql: "INSERT INTO audit(\(AuditRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [row.seq, row.at, row.action, row.actorKey, row.targetKey, row.childKey, row.payload, row.hash])
        let insertEntry = try db.cachedStatement(sql: """
            INSERT INTO audit_rows(seq, ord, kind, id, version, child_id, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (ord, entry) in entries.enumerated() {
            try insertEntry.execute(arguments: [seq, ord, entry.kind, entry.id, entry.version, entry.childID, entry.rowHash])
        }
        try Self.storeHead(AuditHead(sequence: seq, hash: row.hash, keyring: keys.keyring), db: db)
        return AuditEvent(
            sequence: seq, at: Date(timeIntervalSince1970: row.at), actor: event.actor.map(WorkerID.init(rawValue:)),
            action: event.action, targetKind: event.targetKind, targetID: event.targetID, child: event.child,
            summary: event.summary, hash: row.hash)
    }

    static func storeHead(_ head: AuditHead, db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head', ?)", arguments: [head.stored])
    }

    static func storedHead(_ db: Database) throws -> AuditHead? {
        try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'audit_head'").flatMap(AuditHead.init(stored:))
    }

    // MARK: The tail

    /// The head, after checking that the trail reaches it: its key check holds, the last event
    /// is the one it names, and that event chains from the one before. Cheap (two rows and the
    /// last event's entries, streamed), so it runs before every write. Throws `StoreError.auditTrailBroken`
    /// naming what is wrong; the rules are `AuditLinking.checkTail`, the PostgreSQL store's too.
    func verifiedTail(_ db: Database) throws -> AuditHead {
        let last = try Row.fetchAll(db, sql: "SELECT \(AuditRow.columns) FROM audit ORDER BY seq DESC LIMIT 2").map { try Self.auditRow($0) }
        let head = try Self.storedHead(db)
        let after = try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM audit_rows WHERE seq > ?)", arguments: [head?.sequence ?? 0]) ?? false
        return try AuditLinking.checkTail(head: head, lastTwo: last, entriesAfterHead: after, keys: keys) { previous, newest in
            guard let trail = keys.trail(forEvent: newest.seq) else {
                throw StoreError.auditTrailBroken(AuditBreak(sequence: newest.seq, reason: .trailKeyMissing))
            }
            return try storedLink(previous: previous, newest, chain: trail.chain, db: db)
        }
    }

    // MARK: The whole chain

    /// Walks every event from the first, with the record entries of each, and then the head;
    /// names the first event that does not verify.
    func verifyChain(_ db: Database) throws -> AuditVerification {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditRow.columns) FROM audit ORDER BY seq")
        let entryRows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_rows ORDER BY seq, ord")
        // Each event's entries are fed to its link as the cursor reaches them, never held: an
        // import's event lists every record it wrote.
        var entryCounts: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT seq, COUNT(*) AS n FROM audit_rows GROUP BY seq") {
            entryCounts[try row.stored("seq")] = try row.stored("n")
        }
        var pendingEntry: (Int64, RecordTrailEntry)?
        // The rotation of the team key an event names among its entries (`TeamKeyHistory`).
        var rotationNamed: RecordTrailEntry?
        func link(previous: Data, _ row: AuditRow, chain: AuditChain) throws -> Data {
            var link = chain.startLink(previous: previous, row, entryCount: entryCounts[row.seq] ?? 0)
            rotationNamed = nil
            while true {
                if pendingEntry == nil, let stored = try entryRows.next() { pendingEntry = (try stored.stored("seq"), try Self.trailEntry(stored)) }
                guard let (entrySeq, entry) = pendingEntry, entrySeq <= row.seq else { return link.finish() }
                if entrySeq == row.seq {
                    link.add(entry)
                    if entry.kind == TeamKeyHistory.entryKind { rotationNamed = entry }
                }
                pendingEntry = nil
            }
        }
        // The trail is walked under the team key of each part: the oldest first, and the next
        // one only after an event, verified under the key before, names its rotation to it. The
        // first event of each part (`key_epochs.first_seq`, a clear column) is not trusted here.
        var walking = keys.pastTrail + [keys.present]
        if keys.keyring.teamFirstEvent > 1, keys.pastTrail.first?.firstEvent != 1 {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: 1, reason: .trailKeyMissing))
        }
        var previous = AuditChain.genesis
        var expected: Int64 = 1
        while let stored = try rows.next() {
            // A damaged row breaks the chain where it stands; the check names it there.
            guard let row = try? Self.auditRow(stored) else {
                return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: expected, reason: .edited))
            }
            if row.seq != expected {
                return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: expected, reason: .missing))
            }
            if try link(previous: previous, row, chain: walking[0].chain) != row.hash {
                return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: row.seq, reason: try classify(row, db: db)))
            }
            if let rotation = rotationNamed {
                // Only to the key the store holds next, by its key check; the events after are
                // chained under it.
                guard walking.count > 1,
                      rotation.rowHash == Keyring.keyCheck(walking[1].sealer.keyring.team, storeID: keys.storeID, visibility: .team)
                else {
                    return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: row.seq + 1, reason: .trailKeyMissing))
                }
                walking.removeFirst()
            }
            previous = row.hash
            expected += 1
        }
        let last = expected - 1
        if walking.count > 1 {
            // The store's present key was never named by a rotation in the trail.
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: last + 1, reason: .keyChangedWithoutRotation))
        }
        guard let head = try Self.storedHead(db), head.verifies(keyring: keys.keyring) else {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: last, reason: .headRewritten))
        }
        if head.sequence > last {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: last + 1, reason: .cut(head: head.sequence)))
        }
        if head.sequence < last {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: head.sequence + 1, reason: .beyondHead(head: head.sequence)))
        }
        if head.hash != previous {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: last, reason: .edited))
        }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM audit_rows WHERE seq > ?)", arguments: [last]) == true {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: last + 1, reason: .entriesAfterHead(head: last)))
        }
        return AuditVerification(eventCount: count, firstBreak: nil)
    }

    /// A row that does not chain where it is: if its content chains at another place (with that
    /// place's number, predecessor and record entries), it was moved; otherwise it was edited.
    private func classify(_ row: AuditRow, db: Database) throws -> AuditBreak.Reason {
        let others = try Row.fetchCursor(db, sql: "SELECT seq FROM audit WHERE seq <> ? ORDER BY seq", arguments: [row.seq])
        while let other = try others.next() {
            let seq: Int64 = other["seq"]
            let previous = seq == 1
                ? AuditChain.genesis
                : (try Data.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [seq - 1]) ?? AuditChain.genesis)
            var moved = row
            moved.seq = seq
            if let trail = keys.trail(forEvent: seq), try storedLink(previous: previous, moved, chain: trail.chain, db: db) == row.hash {
                return .reordered(belongsAt: seq)
            }
        }
        return .edited
    }

    // MARK: Reading events

    /// Events oldest first, filtered by the keyed child and actor columns and by time.
    func events(_ db: Database, child: String?, actor: String?, since: Date?) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        // Events chained before a rotation of the team key carry the tags of the key of their time.
        let indexes = keys.allIndexes
        if let child {
            // A look's sealed tag differs per event: every sealed look is read and matched below.
            let tags = indexes.flatMap { $0.childTags(child) }
            conditions.append("(child_key IN (\(tags.map { _ in "?" }.joined(separator: ", "))) "
                + "OR (action IN ('view', 'preview') AND length(child_key) = \(AuditIndex.sealedTagLength)))")
            arguments += StatementArguments(tags)
        }
        if let actor {
            let tags = indexes.compactMap { $0.actor(actor) }
            conditions.append("actor_key IN (\(tags.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(tags)
        }
        if let since {
            conditions.append("at >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditRow.columns) FROM audit \(filter) ORDER BY seq", arguments: arguments)
        var events: [AuditEvent] = []
        while let next = try rows.next() {
            let row = try Self.auditRow(next)
            if let child, row.childKey?.count == AuditIndex.sealedTagLength, !(keys.trail(forEvent: row.seq)?.index.isLook(row.childKey, at: child) ?? false) { continue }
            events.append(try event(row))
        }
        return events
    }

    /// One stored event, its payload opened.
    func event(_ row: AuditRow) throws -> AuditEvent {
        try AuditLinking.event(row, keys: keys)
    }

    // MARK: Rows

    static func auditRow(_ row: Row) throws -> AuditRow {
        AuditRow(
            seq: try row.stored("seq"), at: try row.stored("at"), action: try row.stored("action"), actorKey: try row.stored("actor_key"), targetKey: try row.stored("target_key"),
            childKey: try row.stored("child_key"), payload: try row.stored("payload"), hash: try row.stored("hash"))
    }

    static func trailEntry(_ row: Row) throws -> RecordTrailEntry {
        RecordTrailEntry(kind: try row.stored("kind"), id: try row.stored("id"), version: try row.stored("version"), childID: try row.stored("child_id"), rowHash: try row.stored("row_hash"))
    }

    /// The link of the stored event `row` following `previous`, its entries read one at a time.
    func storedLink(previous: Data, _ row: AuditRow, chain: AuditChain, db: Database) throws -> Data {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_rows WHERE seq = ?", arguments: [row.seq]) ?? 0
        var link = chain.startLink(previous: previous, row, entryCount: count)
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM audit_rows WHERE seq = ? ORDER BY ord", arguments: [row.seq])
        while let stored = try entries.next() { link.add(try Self.trailEntry(stored)) }
        return link.finish()
    }
}
