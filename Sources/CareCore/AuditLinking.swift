import CareDomain
import Foundation

/// The audit chain's rules over rows, with no storage: how a new event is sealed, tagged and
/// linked to the one before; how a stored event opens; how the tail is checked against the
/// keyed head. Each backend reads and writes the rows (`audit`, `audit_rows`, the head in
/// `meta`) in its own transaction and hands them here, so the chain is the same on every backend
/// and a trail copied from one to another verifies unchanged.
package enum AuditLinking {
    /// An event about to be appended.
    package struct Pending: Sendable {
        package var action: AuditAction
        package var actor: String?
        package var at: Date
        package var targetKind: RecordKind?
        package var targetID: String?
        package var child: ChildID?
        package var summary: String
        /// The records this event wrote, as written.
        package var rows: [RecordRow]

        package init(
            action: AuditAction, actor: String?, at: Date, targetKind: RecordKind? = nil, targetID: String? = nil, child: ChildID? = nil,
            summary: String, rows: [RecordRow] = []
        ) {
            self.action = action
            self.actor = actor
            self.at = at
            self.targetKind = targetKind
            self.targetID = targetID
            self.child = child
            self.summary = summary
            self.rows = rows
        }
    }

    /// The stored row, trail entries and new head of `event` appended after `head`.
    package static func link(
        _ event: Pending, after head: AuditHead, keys: SessionKeys
    ) throws -> (row: AuditRow, entries: [RecordTrailEntry], head: AuditHead, event: AuditEvent) {
        let seq = head.sequence + 1
        let payload = AuditPayload(
            summary: event.summary, actor: event.actor, targetKind: event.targetKind?.rawValue, targetID: event.targetID,
            child: event.child?.rawValue)
        var row = AuditRow(
            seq: seq, at: event.at.timeIntervalSince1970, action: event.action.rawValue, actorKey: keys.index.actor(event.actor),
            targetKey: keys.index.target(kind: event.targetKind?.rawValue, id: event.targetID, for: event.action),
            childKey: keys.index.child(event.child?.rawValue, for: event.action),
            payload: try keys.sealer.sealAudit(RecordCoding.encoder().encode(payload), sequence: seq), hash: Data())
        let entries = event.rows.map(\.trailEntry)
        row.hash = keys.chain.link(previous: head.hash, row, entries: entries)
        let opened = AuditEvent(
            sequence: seq, at: Date(timeIntervalSince1970: row.at), actor: event.actor.map(WorkerID.init(rawValue:)),
            action: event.action, targetKind: event.targetKind, targetID: event.targetID, child: event.child,
            summary: event.summary, hash: row.hash)
        return (row, entries, AuditHead(sequence: seq, hash: row.hash, keyring: keys.keyring), opened)
    }

    /// One stored event, its payload opened.
    package static func event(_ row: AuditRow, keys: SessionKeys) throws -> AuditEvent {
        // An event chained before the team key was rotated is sealed under the key of its time.
        guard let trail = keys.trail(forEvent: row.seq) else { throw StoreError.sealBroken(kind: "audit", id: String(row.seq)) }
        let plain = try trail.sealer.openAudit(row.payload, sequence: row.seq)
        let payload: AuditPayload
        do {
            payload = try RecordCoding.decoder().decode(AuditPayload.self, from: plain)
        } catch {
            throw StoreError.corrupt("audit event \(row.seq) does not decode")
        }
        return AuditEvent(
            sequence: row.seq, at: Date(timeIntervalSince1970: row.at), actor: payload.actor.map(WorkerID.init(rawValue:)),
            action: AuditAction(rawValue: row.action) ?? .view, targetKind: payload.targetKind.flatMap(RecordKind.init(rawValue:)),
            targetID: payload.targetID, child: payload.child.map(ChildID.init(rawValue:)), summary: payload.summary, hash: row.hash)
    }

    /// The head, after checking that the trail reaches it: its key check holds, the last event
    /// (`lastTwo`, newest first) is the one it names and chains from the one before, and no
    /// record entries lie past it. Throws `StoreError.auditTrailBroken` naming what is wrong.
    /// `linkOfNewest` gives the newest event's link after a previous hash, from its stored
    /// entries: a backend may feed them from a cursor (`AuditChain.startLink`), since an import's
    /// event lists every record it wrote.
    package static func checkTail(
        head stored: AuditHead?, lastTwo: [AuditRow], entriesAfterHead: Bool, keys: SessionKeys,
        linkOfNewest: (_ previous: Data, _ newest: AuditRow) throws -> Data
    ) throws -> AuditHead {
        guard let head = stored, head.verifies(keyring: keys.keyring) else {
            throw StoreError.auditTrailBroken(AuditBreak(sequence: lastTwo.first?.seq ?? 0, reason: .headRewritten))
        }
        if entriesAfterHead {
            throw StoreError.auditTrailBroken(AuditBreak(sequence: head.sequence + 1, reason: .entriesAfterHead(head: head.sequence)))
        }
        guard let newest = lastTwo.first else {
            if head.sequence == 0 { return head }
            throw StoreError.auditTrailBroken(AuditBreak(sequence: 1, reason: .cut(head: head.sequence)))
        }
        if newest.seq < head.sequence {
            throw StoreError.auditTrailBroken(AuditBreak(sequence: newest.seq + 1, reason: .cut(head: head.sequence)))
        }
        if newest.seq > head.sequence {
            throw StoreError.auditTrailBroken(AuditBreak(sequence: head.sequence + 1, reason: .beyondHead(head: head.sequence)))
        }
        let previous: Data
        if newest.seq == 1 {
            previous = AuditChain.genesis
        } else if let before = lastTwo.dropFirst().first, before.seq == newest.seq - 1 {
            previous = before.hash
        } else {
            throw StoreError.auditTrailBroken(AuditBreak(sequence: newest.seq - 1, reason: .missing))
        }
        guard newest.hash == head.hash, try linkOfNewest(previous, newest) == newest.hash else {
            throw StoreError.auditTrailBroken(AuditBreak(sequence: newest.seq, reason: .edited))
        }
        return head
    }

    /// Walks every event from the first (`rows` in sequence order, with the record entries of
    /// each) and then the head; names the first event that does not verify.
    package static func verify(
        rows: [AuditRow], entries: [Int64: [RecordTrailEntry]], head stored: AuditHead?, entriesAfterLast: Bool, keys: SessionKeys
    ) -> AuditVerification {
        let count = rows.count
        var previous = AuditChain.genesis
        var expected: Int64 = 1
        for row in rows {
            if row.seq != expected {
                return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: expected, reason: .missing))
            }
            if keys.chain.link(previous: previous, row, entries: entries[row.seq] ?? []) != row.hash {
                return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: row.seq, reason: .edited))
            }
            previous = row.hash
            expected += 1
        }
        let last = expected - 1
        guard let head = stored, head.verifies(keyring: keys.keyring) else {
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
        if entriesAfterLast {
            return AuditVerification(eventCount: count, firstBreak: AuditBreak(sequence: last + 1, reason: .entriesAfterHead(head: last)))
        }
        return AuditVerification(eventCount: count, firstBreak: nil)
    }
}
