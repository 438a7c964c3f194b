import CareCore
import CareDomain
import Foundation

extension PostgresCaseStore {
    /// Imports whole records (the demo generator's, with their own ids) in one transaction with
    /// one audit event; supervisors only. A record whose id is taken refuses the whole import.
    @discardableResult
    public func importRecords(_ records: [any CareRecord], summary: String? = nil) throws -> Int {
        do { try Permission.manageAccounts.require(role) } catch { throw CommandError.denied(error) }
        return try write { transaction, keys in
            let now = clock.now()
            var counts: [RecordKind: Int] = [:]
            var rows: [RecordRow] = []
            let first = try Self.reserveChangeSequences(transaction, count: records.count)
            for (offset, record) in records.enumerated() {
                var stored = AnyRecord(record)
                stored.version = max(stored.version, 1)
                guard let row = try Self.writeRecord(
                    stored, insert: true, expectedVersion: 0, at: now, changeSequence: first + Int64(offset), transaction, keys: keys)
                else { throw StoreError.invalid("the \(stored.kind.rawValue) record \(stored.recordID) is in the store already; nothing was imported") }
                rows.append(row)
                counts[stored.kind, default: 0] += 1
            }
            rows += try Self.refreshSummaries(
                after: records, at: now, changeSequence: first + Int64(max(0, records.count - 1)), transaction, keys: keys)
            // Case numbers go on from the highest imported, per unit and year.
            var highest: [String: Int] = [:]
            for case let child as Child in records where child.caseNumber.isAssigned {
                let key = "\(child.caseNumber.unit)/\(child.caseNumber.year)"
                highest[key] = max(highest[key] ?? 0, child.caseNumber.sequence)
            }
            for (key, last) in highest {
                let parts = key.split(separator: "/")
                try transaction.query("""
                    INSERT INTO case_counters(unit, year, last) VALUES ($1, $2, $3)
                    ON CONFLICT (unit, year) DO UPDATE SET last = GREATEST(case_counters.last, EXCLUDED.last)
                    """, [.text(String(parts[0])), .integer(Int64(parts[1])), .int(last)])
            }
            let breakdown = RecordKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
            try appendEvent(
                transaction, keys: keys, action: .create,
                summary: summary ?? "imported \(records.count) records (\(breakdown.joined(separator: ", ")))", rows: rows)
            return records.count
        }
    }
}

/// `care demo` on a PostgreSQL store: the generated synthetic unit, one account per role, as
/// `DemoStore` writes it into a file.
public enum PostgresDemo {
    /// The demo passphrase is public, so it may be shorter than real ones.
    static let minimumLength = 4

    public static func create(_ demo: DemoUnit, options: PostgresCaseStore.Options, passphrase: String, timeZone: TimeZone = .current) throws {
        guard let supervisor = demo.workers.first(where: { $0.role == .supervisor }) else {
            throw StoreError.invalid("The demo unit has no supervisor.")
        }
        let store = try PostgresCaseStore.create(
            options: options, unit: UnitInfo(code: demo.unit, timeZone: timeZone), admin: supervisor, passphrase: passphrase,
            minimumLength: minimumLength)
        defer { store.close() }
        var signIn: Set<Role> = [.supervisor]
        var others: [any CareRecord] = []
        for worker in demo.workers where worker.id != supervisor.id {
            if signIn.insert(worker.role).inserted {
                try store.addAccount(worker, passphrase: passphrase, minimumLength: minimumLength)
            } else {
                others.append(worker)
            }
        }
        try store.importRecords(others + demo.allRecords.filter { type(of: $0).kind != .worker }, summary: "imported the synthetic demo unit")
    }
}
