import CareDomain
import Foundation
import GRDB

/// Every record of a unit, as an export or the annual report reads it.
public struct UnitRecords: Sendable {
    public var unit: UnitInfo
    public var records: [AnyRecord]
    /// Stored records that did not open: not in `records`, named so the person is told.
    public var damaged: [DamagedRecord]

    public func all<Record: CareRecord>(_ type: Record.Type) -> [Record] {
        records.compactMap { $0.as(Record.self) }
    }
}

/// What an import put in the store.
public struct ImportOutcome: Sendable, Equatable {
    /// Records added, by kind.
    public var added: [RecordKind: Int]
    /// Workers, services or the review checklist already in the store, left as they are.
    public var keptExisting: Int
    /// Children without a case number in the file, numbered by the store.
    public var numbered: Int

    public var total: Int { added.values.reduce(0, +) }
}

/// An import refused: every problem found, in words (kind and id, never a child's data).
public struct ImportRefusal: ErrorInWords, Equatable, Sendable {
    public var problems: [String]

    public var description: String {
        let shown = problems.prefix(20).map { "  " + $0 }.joined(separator: "\n")
        let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
        return "Nothing was imported:\n\(shown)\(more)"
    }
}

extension SQLiteCaseStore {
    /// Every record of `kinds` (every kind by default). The `export` audit event carrying
    /// `summary` is written first, in its own short transaction, so the records never leave the
    /// store unaudited; they are then read in one read transaction (one consistent moment), which
    /// holds up no other session's saves however large the unit. A record that does not open is
    /// named in `damaged`, not passed over in silence. Supervisors only (they hold every key).
    public func unitRecords(_ kinds: [RecordKind] = RecordKind.allCases, auditing summary: String) throws -> UnitRecords {
        try require(.export)
        try write { db, keys in _ = try appendEvent(db, keys: keys, action: .export, summary: summary) }
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            var damaged: [DamagedRecord] = []
            let note: DamageHandler = { record, _ in damaged.append(record) }
            func fetch<Record: CareRecord>(_ type: Record.Type) throws -> [AnyRecord] {
                try Self.fetchAll(type, db: db, keys: keys, decoder: decoder, onDamage: note)
                    .sorted { $0.recordID < $1.recordID }.map(AnyRecord.init)
            }
            var records: [AnyRecord] = []
            for kind in kinds { records += try fetch(AnyRecord.recordType(of: kind)) }
            return UnitRecords(unit: unitInfo, records: records, damaged: damaged)
        }
    }

    /// Adds `records` (read from an import file) in one transaction, or nothing at all.
    ///
    /// - A worker, service or review checklist whose id is already in the store is kept as the
    ///   store has it (a store made by `care init` has its own catalogue); so is a second checklist.
    /// - Any other record already in the store, a case number another child has, a record about a
    ///   child that is neither in the file nor in the store: each is a problem, and any problem
    ///   refuses the whole import (`ImportRefusal`), naming the record by kind and id.
    /// - A child whose case number is not assigned (sequence 0) gets the next number of the
    ///   store's unit for the year the case opened.
    ///
    /// One `create` audit event carries `summary` and every row written. Supervisors only.
    ///
    /// A `dryRun` does all of it, the case numbers too, and then rolls the transaction back:
    /// nothing is written, not even the audit event.
    public func importUnitRecords(
        _ records: [AnyRecord], summary: String, dryRun: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> ImportOutcome {
        try importUnitRecords(records, summary: summary, dryRun: dryRun, progress: progress, alsoWriting: nil)
    }

    /// As above, with `alsoWriting` run in the same transaction after the records (a transfer's
    /// answer kept beside the child it let in: both, or neither).
    func importUnitRecords(
        _ records: [AnyRecord], summary: String, dryRun: Bool = false, progress: (Int, Int) -> Void = { _, _ in },
        alsoWriting: ((Database) throws -> Void)?
    ) throws -> ImportOutcome {
        guard role == .supervisor else {
            throw StoreError.invalid("Only a supervisor can import records; \(worker.role.personWithArticle) cannot. Ask a supervisor.")
        }
        do {
            return try importInTransaction(records, summary: summary, dryRun: dryRun, progress: progress, alsoWriting: alsoWriting)
        } catch let rolledBack as DryRun {
            return rolledBack.outcome
        }
    }

    /// Thrown at the end of a dry run, so the transaction rolls back.
    private struct DryRun: Error { let outcome: ImportOutcome }

    private func importInTransaction(
        _ records: [AnyRecord], summary: String, dryRun: Bool, progress: (Int, Int) -> Void, alsoWriting: ((Database) throws -> Void)?
    ) throws -> ImportOutcome {
        try write { db, keys in
            var problems: [String] = []
            var outcome = ImportOutcome(added: [:], keptExisting: 0, numbered: 0)
            let catalogue: Set<RecordKind> = [.worker, .service, .reviewChecklist, .closureReasons]
            let existingChildren = try Self.fetchAll(Child.self, db: db, keys: keys, decoder: RecordCoding.decoder())
            var takenNumbers = Dictionary(existingChildren.map { ($0.caseNumber, "child \($0.id.rawValue) in the store") },
                                          uniquingKeysWith: { first, _ in first })
            var knownChildren = Set(existingChildren.map(\.id))
            var seen = Set<RecordRef>()
            var accepted: [AnyRecord] = []
            let hasChecklist = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE kind = ?)", arguments: [RecordKind.reviewChecklist.rawValue]) ?? false
            for record in records {
                guard seen.insert(record.ref).inserted else {
                    problems.append("The file holds \(record.kind.words) \(record.recordID) twice.")
                    continue
                }
                let exists = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE kind = ? AND id = ?)",
                    arguments: [record.kind.rawValue, record.recordID]) ?? false
                if catalogue.contains(record.kind) && (exists || (record.kind == .reviewChecklist && hasChecklist)) {
                    outcome.keptExisting += 1
                    continue
                }
                if exists {
                    problems.append("\(record.kind.words.capitalizedFirst) \(record.recordID) is already in the store.")
                    continue
                }
                if case .child(let child) = record {
                    knownChildren.insert(child.id)
                }
                accepted.append(record)
            }
            // Numbers the file gives are taken first, so the store numbers the rest after them.
            try Self.raiseCounters(
                past: accepted.compactMap { $0.as(Child.self) }.filter { $0.caseNumber.unit == unit && takenNumbers[$0.caseNumber] == nil },
                db: db, keys: keys)
            var numbered: [AnyRecord] = []
            for record in accepted {
                guard case .child(var child) = record else {
                    if let about = record.childID, !knownChildren.contains(about) {
                        problems.append("\(record.kind.words.capitalizedFirst) \(record.recordID) is about child \(about.rawValue), who is neither in the file nor in the store.")
                    }
                    numbered.append(record)
                    continue
                }
                if !child.caseNumber.isAssigned {
                    child.caseNumber = try Self.takeCaseNumber(unit: unit, year: child.openedOn.year, db: db, keys: keys)
                    outcome.numbered += 1
                } else if let holder = takenNumbers[child.caseNumber] {
                    problems.append("Child \(child.id.rawValue) has case number \(child.caseNumber), which \(holder) has.")
                }
                takenNumbers[child.caseNumber] = takenNumbers[child.caseNumber] ?? "child \(child.id.rawValue) in the file"
                numbered.append(.child(child))
            }
            guard problems.isEmpty else { throw ImportRefusal(problems: problems) }

            let encoder = RecordCoding.encoder()
            let now = clock.now()
            var rows: [RecordRow] = []
            rows.reserveCapacity(numbered.count)
            let first = try Self.reserveChangeSequences(db, count: max(1, numbered.count))
            for (offset, record) in numbered.enumerated() {
                func insert<Record: CareRecord>(_ concrete: Record) throws -> RecordRow {
                    var stored = concrete
                    stored.version = max(concrete.version, 1)
                    return try Self.insertRow(stored, at: now, changeSequence: first + Int64(offset), db: db, keys: keys, encoder: encoder)
                }
                rows.append(try insert(record.record))
                outcome.added[record.kind, default: 0] += 1
                if offset % 100 == 99 { progress(offset + 1, numbered.count) }
            }
            progress(numbered.count, numbered.count)
            try Self.raiseCounters(past: numbered.compactMap { $0.as(Child.self) }, db: db, keys: keys)
            rows += try Self.refreshSummaries(
                after: numbered.map(\.record), at: now, changeSequence: first + Int64(max(0, numbered.count - 1)), db: db, keys: keys)
            let breakdown = RecordKind.allCases.compactMap { kind in outcome.added[kind].map { "\($0) \(kind.rawValue)" } }
            _ = try appendEvent(
                db, keys: keys, action: .create,
                summary: "\(summary): \(outcome.total) records (\(breakdown.joined(separator: ", ")))", rows: rows)
            try alsoWriting?(db)
            if dryRun { throw DryRun(outcome: outcome) }
            return outcome
        }
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
