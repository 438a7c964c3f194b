import Foundation

/// The data behind one or more `InMemoryCaseStore` sessions: every record by kind and id, the
/// change feed, the audit trail and the case-number counters. A write runs on a copy of the
/// tables and replaces them only when it succeeds, so a refused command leaves nothing behind,
/// as a rolled-back transaction would.
public final class MemoryDatabase: @unchecked Sendable {
    public let unit: UnitInfo
    private let lock = NSLock()
    private var tables: Tables
    private let passphrases: [String: String]

    /// A store holding `records`, whose workers sign in with `passphrases` (account name →
    /// passphrase). Case-number counters start after the highest number among the children.
    public init(unit: UnitInfo, records: [any CareRecord], passphrases: [String: String]) {
        self.unit = unit
        self.passphrases = passphrases
        var tables = Tables()
        for record in records {
            var stored = AnyRecord(record)
            stored.version = max(stored.version, 1)
            _ = tables.put(stored)
        }
        for child in tables.all(Child.self) where child.caseNumber.unit == unit.code {
            tables.caseCounters[child.caseNumber.year] = max(tables.caseCounters[child.caseNumber.year] ?? 0, child.caseNumber.sequence)
        }
        self.tables = tables
    }

    /// A generated demo unit in which every worker signs in with `passphrase`.
    public convenience init(demo: DemoUnit, passphrase: String, timeZone: TimeZone) {
        let passphrases = Dictionary(demo.workers.map { ($0.accountName, passphrase) }, uniquingKeysWith: { a, _ in a })
        self.init(unit: UnitInfo(code: demo.unit, timeZone: timeZone), records: demo.allRecords, passphrases: passphrases)
    }

    func read<T>(_ body: (Tables) throws -> T) rethrows -> T {
        try lock.withLock { try body(tables) }
    }

    /// Runs `body` on a copy of the tables, keeping the copy only when `body` returns.
    func write<T>(_ body: (inout Tables) throws -> T) rethrows -> T {
        try lock.withLock {
            var copy = tables
            let result = try body(&copy)
            tables = copy
            return result
        }
    }

    func append(_ event: AuditEvent) {
        lock.withLock {
            var numbered = event
            numbered.sequence = Int64(tables.audit.count + 1)
            tables.audit.append(numbered)
        }
    }

    /// Every audit event, oldest first.
    public func auditEvents() -> [AuditEvent] { lock.withLock { tables.audit } }

    /// Every record of one kind, read without a session (for tests, as `record(_:id:)`).
    public func allRecords<Record: CareRecord>(_ type: Record.Type) -> [Record] { read { $0.all(type) } }

    /// A record as the data holds it now, read without a session (so no view is audited): for
    /// tests that need a child's whole record beside the caseload's summary of it.
    public func record<Record: CareRecord>(_ type: Record.Type, id: String) -> Record? {
        read { $0.record(Record.kind, id)?.as(Record.self) }
    }

    func worker(named account: String) -> Worker? {
        read { $0.all(Worker.self).first { $0.accountName == account } }
    }

    func passphrase(of account: String) -> String? { passphrases[account] }

    /// The tables themselves: plain values, copied on write.
    struct Tables {
        var records: [RecordKind: [String: AnyRecord]] = [:]
        var changes: [RecordChange] = []
        var sequence: Int64 = 0
        var audit: [AuditEvent] = []
        var caseCounters: [Int: Int] = [:]

        func record(_ kind: RecordKind, _ id: String) -> AnyRecord? { records[kind]?[id] }

        func all<Record: CareRecord>(_ type: Record.Type) -> [Record] {
            (records[Record.kind] ?? [:]).values.compactMap { $0.as(Record.self) }
        }

        /// Stores `record` and returns its entry in the change feed.
        mutating func put(_ record: AnyRecord) -> RecordChange {
            records[record.kind, default: [:]][record.recordID] = record
            sequence += 1
            let change = RecordChange(kind: record.kind, id: record.recordID, child: record.childID, sequence: sequence)
            changes.append(change)
            return change
        }
    }
}

/// `CommandContext` over the tables of one write.
final class MemoryCommandContext: CommandContext {
    let tables: MemoryDatabase.Tables
    let actor: Worker
    let now: Date
    let unit: UnitInfo
    private(set) var caseCounters: [Int: Int]

    init(tables: MemoryDatabase.Tables, actor: Worker, now: Date, unit: UnitInfo) {
        self.tables = tables
        self.actor = actor
        self.now = now
        self.unit = unit
        caseCounters = tables.caseCounters
    }

    func record(_ kind: RecordKind, id: String) throws -> AnyRecord? { tables.record(kind, id) }

    func records(_ kind: RecordKind, child: ChildID) throws -> [AnyRecord] {
        (tables.records[kind] ?? [:]).values.filter { $0.childID == child }
    }

    func nextCaseNumber(year: Int) throws -> CaseNumber {
        let next = (caseCounters[year] ?? 0) + 1
        caseCounters[year] = next
        return CaseNumber(unit: unit.code, year: year, sequence: next)
    }
}
