@testable import CareDomain

/// Rows made by hand for the index and query tests, each with the search key the index keeps
/// beside it (rows do not hold their keys: `CaseloadIndex`).
struct KeyedRows {
    var rows: [CaseloadRow]
    var keys: [FoldedText]

    init(_ rows: [CaseloadRow] = [], keys: [FoldedText] = []) {
        self.rows = rows
        self.keys = keys
    }

    mutating func append(_ row: CaseloadRow, key: FoldedText) {
        rows.append(row)
        keys.append(key)
    }

    mutating func remove(at position: Int) {
        rows.remove(at: position)
        keys.remove(at: position)
    }

    func index() -> CaseloadIndex { CaseloadIndex(rows: rows, keys: keys) }

    /// What `query` gives over every row from scratch: the reference the index must equal.
    func scan(_ query: CaseloadQuery) -> [CaseloadRow] { query.apply(to: rows, keys: keys) }
}

extension KeyedRows {
    /// Every row of `snapshot` with its key, built one by one (`CaseloadIndex(snapshot:today:)`
    /// builds them on every core, straight into one buffer).
    init(snapshot: CaseloadSnapshot, today: DayDate) {
        let names = CaseloadRow.WorkerNames(snapshot.workers)
        let rows = CaseloadRow.rows(from: snapshot, today: today)
        self.init(rows, keys: rows.map { row in
            CaseloadRow.searchKey(of: row, child: snapshot.children.first { $0.id == row.child }, names: names)
        })
    }
}
