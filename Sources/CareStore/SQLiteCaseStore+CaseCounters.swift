import CareDomain
import Foundation
import GRDB

/// The per-unit, per-year case-number counters (`case_counters`). A number is taken inside the
/// transaction that creates the child, so two sessions or processes never get the same one.
extension SQLiteCaseStore {
    struct CounterKey: Hashable {
        var unit: String
        var year: Int
    }

    /// Takes the next case number for `unit` and `year` and moves the counter past it.
    static func takeCaseNumber(unit: String, year: Int, db: Database, keys: SessionKeys) throws -> CaseNumber {
        let key = CounterKey(unit: unit, year: year)
        let last = try storedCounter(key, db: db) ?? highestSequences(db: db, keys: keys)[key] ?? 0
        try storeCounter(key, last: last + 1, db: db)
        return CaseNumber(unit: unit, year: year, sequence: last + 1)
    }

    /// Moves counters up to at least the highest sequence among `children` (an import's), so the
    /// next child created never takes an imported number. A counter without a row is seeded
    /// from every child in the store first (the import's included).
    static func raiseCounters(past children: [Child], db: Database, keys: SessionKeys) throws {
        var highest: [CounterKey: Int] = [:]
        for child in children where child.caseNumber.isAssigned {
            let key = CounterKey(unit: child.caseNumber.unit, year: child.caseNumber.year)
            highest[key] = max(highest[key] ?? 0, child.caseNumber.sequence)
        }
        var seeds: [CounterKey: Int]?
        for (key, imported) in highest {
            var last = try storedCounter(key, db: db)
            if last == nil {
                if seeds == nil { seeds = try highestSequences(db: db, keys: keys) }
                last = seeds?[key]
            }
            try storeCounter(key, last: max(last ?? 0, imported), db: db)
        }
    }

    private static func storedCounter(_ key: CounterKey, db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT last FROM case_counters WHERE unit = ? AND year = ?", arguments: [key.unit, key.year])
    }

    private static func storeCounter(_ key: CounterKey, last: Int, db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO case_counters(unit, year, last) VALUES (?, ?, ?)", arguments: [key.unit, key.year, last])
    }

    /// The highest sequence per unit and year among the children in the store. Case numbers are
    /// sealed, so this opens every child: it runs once per counter, when a store made before
    /// the counters (or a new year) first needs one.
    private static func highestSequences(db: Database, keys: SessionKeys) throws -> [CounterKey: Int] {
        var highest: [CounterKey: Int] = [:]
        for child in try fetchAll(Child.self, db: db, keys: keys, decoder: RecordCoding.decoder()) {
            let key = CounterKey(unit: child.caseNumber.unit, year: child.caseNumber.year)
            highest[key] = max(highest[key] ?? 0, child.caseNumber.sequence)
        }
        return highest
    }
}
