import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// Commands and the change feed. Every rule lives in `CommandRules`; the store gives the rules a
/// view of its transaction, writes what they prepared, stamps the feed and appends the audit
/// event, all in one transaction under the write lock.
extension PostgresCaseStore {
    public func perform(_ command: CaseCommand) throws -> CommandOutcome {
        try write { transaction, keys in
            let now = clock.now()
            // The worker as stored now: an account disabled since sign-in is refused by the rules.
            let actor = try Self.fetchRecord(Worker.self, id: worker.id.rawValue, transaction, keys: keys) ?? worker
            let context = PostgresCommandContext(transaction: transaction, keys: keys, actor: actor, now: now, unit: unitInfo)
            let prepared: PreparedCommand
            do {
                prepared = try CommandRules.prepare(command, in: context)
            } catch let conflict as RecordConflict {
                throw try Self.namingTheSaver(of: conflict, transaction, keys: keys)
            }
            let first = try Self.reserveChangeSequences(transaction, count: prepared.writes.count)
            var changes: [RecordChange] = []
            var rows: [RecordRow] = []
            for (offset, write) in prepared.writes.enumerated() {
                let sequence = first + Int64(offset)
                guard let written = try Self.writeRecord(
                    write.record, insert: write.isNew, expectedVersion: write.expectedVersion, at: now, changeSequence: sequence, transaction,
                    keys: keys)
                else {
                    var yours = write.record
                    yours.version = write.expectedVersion
                    let theirs = try context.record(write.record.kind, id: write.record.recordID) ?? yours
                    throw try Self.namingTheSaver(of: RecordConflict(yours: yours, theirs: theirs), transaction, keys: keys)
                }
                rows.append(written)
                changes.append(RecordChange(kind: write.record.kind, id: write.record.recordID, child: write.record.childID, sequence: sequence))
            }
            // The summaries of the children the command changed, in its transaction and its event.
            rows += try Self.refreshSummaries(
                after: prepared.writes.map(\.record.record), at: now, changeSequence: first + Int64(max(0, prepared.writes.count - 1)),
                transaction, keys: keys)
            try appendEvent(
                transaction, keys: keys, action: prepared.action, targetKind: prepared.target.kind, targetID: prepared.target.id,
                child: prepared.child, summary: prepared.summary, rows: rows)
            return CommandOutcome(saved: prepared.writes.map(\.record), changes: changes, summary: prepared.summary)
        }
    }

    /// Fills in who saved the other version and when: the last event that wrote that record.
    static func namingTheSaver(of conflict: RecordConflict, _ transaction: PostgresLink.Transaction, keys: SessionKeys) throws -> RecordConflict {
        var named = conflict
        guard let seq = try transaction.query(
            "SELECT seq FROM audit_rows WHERE kind = $1 AND id = $2 ORDER BY seq DESC LIMIT 1",
            [.text(conflict.theirs.kind.rawValue), .text(conflict.theirs.recordID)]).first?.stored("seq", as: Int64.self),
            let row = try transaction.query("SELECT \(AuditRow.columns) FROM audit WHERE seq = $1", [.integer(seq)]).first
        else { return named }
        let event = try AuditLinking.event(try auditRow(row), keys: keys)
        if let actor = event.actor {
            named.savedBy = try fetchRecord(Worker.self, id: actor.rawValue, transaction, keys: keys)?.displayName
        }
        named.savedAt = event.at
        return named
    }

    // MARK: The change feed

    /// The latest change, asked of the server (one row): exact, as the port promises — a
    /// notification may still be on its way when another session's commit has returned. What
    /// arrives without asking is the wake-up (`waitForChange`).
    public func changeCursor() throws -> Int64 {
        _ = try session.keys()
        let cursor = try link.transaction(writer: false) { try Self.changeCounter($0) }
        listener?.notepolled(cursor)
        return cursor
    }

    /// Every record written after `cursor`, oldest change first.
    public func changes(since cursor: Int64) throws -> ChangeBatch {
        try read { transaction, _ in
            var changes: [RecordChange] = []
            for row in try transaction.query(
                "SELECT kind, id, child_id, change_seq FROM records WHERE change_seq > $1 ORDER BY change_seq", [.integer(cursor)]) {
                guard let kind = RecordKind(rawValue: try row.stored("kind")) else { throw StoreError.corrupt("a record has an unknown kind") }
                changes.append(RecordChange(
                    kind: kind, id: try row.stored("id"), child: try row.stored("child_id", as: String?.self).map(ChildID.init(rawValue:)),
                    sequence: try row.stored("change_seq")))
            }
            return ChangeBatch(changes: changes, cursor: changes.last?.sequence ?? max(cursor, 0))
        }
    }

    /// Waits until another session's change past `cursor` is announced, or `deadline`; the
    /// cursor heard, or nil. Reads nothing from the server: it is the notification that wakes it.
    public func waitForChange(after cursor: Int64, until deadline: Date) -> Int64? {
        listener?.wait(after: cursor, until: deadline)
    }

    /// Tells `heard` of each change announced (`ChangeAnnouncing`): the dashboard's loop wakes on
    /// it instead of asking on its clock.
    public func announceChanges(to heard: (@Sendable (Int64?) -> Void)?) {
        listener?.tell(heard)
    }

    /// Whether this session hears other sessions' changes (its listening connection is open).
    public var announcesChanges: Bool { listener?.isListening ?? false }

    /// Statements this session sent to the server (tests show a change arrived unasked).
    public var statementsSent: Int { link.statementCount }
}

/// What `CommandRules` reads while the store applies a command: the records as they are inside
/// the command's transaction, and the case-number counter of the same transaction.
final class PostgresCommandContext: CommandContext {
    let actor: Worker
    let now: Date
    let unit: UnitInfo
    private let transaction: PostgresLink.Transaction
    private let keys: SessionKeys
    private let decoder = RecordCoding.decoder()

    init(transaction: PostgresLink.Transaction, keys: SessionKeys, actor: Worker, now: Date, unit: UnitInfo) {
        self.transaction = transaction
        self.keys = keys
        self.actor = actor
        self.now = now
        self.unit = unit
    }

    /// The record as it is now; one of a class the actor's role may not read is refused as that
    /// role's refusal, never opened.
    func record(_ kind: RecordKind, id: String) throws -> AnyRecord? {
        guard let row = try PostgresCaseStore.fetchRow(kind, id: id, transaction) else { return nil }
        try requireReadable(row)
        return try RecordOpening.openAny(row, keys: keys, decoder: decoder)
    }

    func records(_ kind: RecordKind, child: ChildID) throws -> [AnyRecord] {
        var records: [AnyRecord] = []
        for stored in try transaction.query(
            "SELECT \(RecordRow.columns) FROM records WHERE kind = $1 AND child_id = $2", [.text(kind.rawValue), .text(child.rawValue)]) {
            let row = try PostgresCaseStore.recordRow(stored)
            guard keys.keyring.holds(row.visibility), actor.role.mayRead(row.visibility) else { continue }
            records.append(try RecordOpening.openAny(row, keys: keys, decoder: decoder))
        }
        return records
    }

    private func requireReadable(_ row: RecordRow) throws {
        do { try row.visibility.permission.require(actor.role) } catch { throw CommandError.denied(error) }
        guard keys.keyring.holds(row.visibility) else { throw StoreError.classNotHeld(row.visibility) }
    }

    /// The next case number of the unit and year, taken in this transaction. A missing counter
    /// is seeded from the children already in the store (a migrated unit).
    func nextCaseNumber(year: Int) throws -> CaseNumber {
        let key: [SQLValue] = [.text(unit.code), .int(year)]
        var last = try transaction.query("SELECT last FROM case_counters WHERE unit = $1 AND year = $2", key).first?.stored("last", as: Int64.self)
        if last == nil {
            var damaged: [DamagedRecord] = []
            last = Int64(try PostgresCaseStore.fetchAll(Child.self, transaction, keys: keys, damaged: &damaged)
                .filter { $0.caseNumber.unit == unit.code && $0.caseNumber.year == year }.map(\.caseNumber.sequence).max() ?? 0)
        }
        let next = (last ?? 0) + 1
        try transaction.query("""
            INSERT INTO case_counters(unit, year, last) VALUES ($1, $2, $3) ON CONFLICT (unit, year) DO UPDATE SET last = EXCLUDED.last
            """, key + [.integer(next)])
        return CaseNumber(unit: unit.code, year: year, sequence: Int(next))
    }
}
