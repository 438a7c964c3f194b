import CareDomain
import Dispatch
import Foundation
import GRDB

/// One class's summaries read, checked against the trail and opened on every core at once: each
/// worker takes its own range of children and reads it through a read-only connection of its
/// own (the calling thread through the load's), so reading the rows, hashing them for the trail
/// check and opening them all run in parallel. Before, one thread read and checked every row
/// and the other cores opened what it handed them a batch at a time: at 50,000 children that
/// reading thread was busy for most of the load while the second core waited (docs/benchmarks.md,
/// eighth pass).
///
/// Within a range the rows and the trail are both read in id order and walked side by side, so
/// the check needs no map of the trail by summary id (92,000 hashed strings at 50,000 children).
///
/// A worker's connection must see the store as the load's transaction does: each compares the
/// store's change stamp (`CaseloadPrefetch.Stamp`, which every command that writes a summary
/// moves) with the load's, and a range whose worker saw another, or failed, is read again on the
/// load's own connection. What a range finds is what `readTrailedSummaries` and the opening after
/// it find, row for row (`RangedSummaryReadTests`).
enum RangedSummaryRead {
    /// Below this many summaries of a class, one thread reads them all (opening a connection
    /// costs more than it saves).
    static let threshold = 8_192

    /// What one range, or the whole class, gave.
    struct Part: Sendable {
        /// The entries of each range, in range order and child-id order within it: kept apart rather than joined, which would
        /// hold a second copy of the largest list while it grew (13 MB at 50,000 children).
        var chunks: [ChildEntries] = []
        /// Children to read from their records: a summary with damaged columns, one not as
        /// trailed, one deleted, one that does not open.
        var unopened: [ChildID] = []
        /// Summaries not what the trail last wrote, or deleted: named as damage.
        var notAsTrailed: [DamagedRecord] = []

        mutating func append(_ other: consuming Part) {
            chunks += other.chunks
            unopened += other.unopened
            notAsTrailed += other.notAsTrailed
        }
    }

    /// Where the store is and when to share its read out: what a load needs to read a class this
    /// way rather than on one thread.
    struct Sharing: Sendable {
        var location: StoreLocation
        /// Below this many summaries of a class, one thread reads them.
        var threshold = RangedSummaryRead.threshold
        /// How many ranges, each on its own thread.
        var workers = min(ParallelMap.cores, 8)
    }

    /// A range of child ids: from `lower` (inclusive) to `upper` (exclusive); nil is open.
    struct Range: Sendable, Equatable {
        var lower: String?
        var upper: String?
    }

    /// The class read on `workers` threads, or nil when it is too small to share out (the caller
    /// reads it on one thread, as before).
    static func read(_ visibility: VisibilityClass, db: Database, keys: SessionKeys, sharing: Sharing) throws -> Part? {
        guard sharing.workers > 1 else { return nil }
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM summaries WHERE class = ?", arguments: [visibility.rawValue]) ?? 0
        guard count >= sharing.threshold else { return nil }
        let ranges = try Self.ranges(visibility, count: count, workers: sharing.workers, db: db)
        let location = sharing.location
        let stamp = try CaseloadPrefetch.Stamp.read(db)
        // Each range's part, written once by its own thread before the group is left.
        let slots = UnsafeMutableBufferPointer<Part?>.allocate(capacity: ranges.count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let shared = slots
        let group = DispatchGroup()
        for index in ranges.indices.dropFirst() {
            let range = ranges[index]
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                shared[index] = try? Self.readOnOwnConnection(range, visibility, location: location, keys: keys, stamp: stamp)
            }
        }
        // The calling thread takes the first range on the load's own connection (a GRDB
        // connection is used on the thread that holds it).
        var whole = try readRange(ranges[0], visibility, db: db, keys: keys)
        group.wait()
        for index in ranges.indices.dropFirst() {
            // A worker that saw another state of the store, or failed: its range again, here.
            let part = try slots[index].take() ?? readRange(ranges[index], visibility, db: db, keys: keys)
            whole.append(part)
        }
        return whole
    }

    /// `workers` ranges of about equal numbers of summaries, in id order.
    static func ranges(_ visibility: VisibilityClass, count: Int, workers: Int, db: Database) throws -> [Range] {
        var bounds: [String] = []
        for worker in 1..<workers {
            let bound = try String.fetchOne(
                db, sql: "SELECT child_id FROM summaries WHERE class = ? ORDER BY child_id LIMIT 1 OFFSET ?",
                arguments: [visibility.rawValue, count * worker / workers])
            if let bound, bounds.last.map({ $0.utf8.lexicographicallyPrecedes(bound.utf8) }) ?? true { bounds.append(bound) }
        }
        let lowers: [String?] = [nil] + bounds
        let uppers: [String?] = bounds + [nil]
        return zip(lowers, uppers).map { Range(lower: $0, upper: $1) }
    }

    /// A range read through a read-only connection of this thread's own, or nil when that
    /// connection does not see the store as the load does.
    static func readOnOwnConnection(
        _ range: Range, _ visibility: VisibilityClass, location: StoreLocation, keys: SessionKeys, stamp: CaseloadPrefetch.Stamp
    ) throws -> Part? {
        try StoreDatabase.readAside(location, label: "care.store.ranged-read") { db in
            guard try CaseloadPrefetch.Stamp.read(db) == stamp else { return nil }
            return try readRange(range, visibility, db: db, keys: keys)
        }
    }

    /// The summaries of `visibility` in `range`, each checked against the version and row hash
    /// the trail last wrote of it and opened.
    static func readRange(_ range: Range, _ visibility: VisibilityClass, db: Database, keys: SessionKeys) throws -> Part {
        var part = Part()
        var entries = ChildEntries()
        let trail = try trailed(range, visibility, db: db)
        var next = 0
        func deleted(_ id: String) {
            let child = ChildID(rawValue: String(id.dropFirst(visibility.rawValue.count + 1)))
            part.unopened.append(child)
            part.notAsTrailed.append(DamagedRecord(kind: CaseloadSummaries.kind, id: id, child: child))
        }
        var filter = "class = ?"
        var arguments: StatementArguments = [visibility.rawValue]
        if let lower = range.lower {
            filter += " AND child_id >= ?"
            arguments += [lower]
        }
        if let upper = range.upper {
            filter += " AND child_id < ?"
            arguments += [upper]
        }
        var interner = TextInterner()
        let statement = try db.makeStatement(sql: "SELECT \(CaseloadSummaries.columns) FROM summaries WHERE \(filter) ORDER BY child_id")
        let stored = try Row.fetchCursor(statement, arguments: arguments)
        while let columns = try stored.next() {
            let row: RecordRow
            do {
                // The cursor's row is the statement's current step: its columns read directly.
                row = try SummaryColumns.row(statement.sqliteStatement)
            } catch let error as StoreError where error.isDamage {
                // Damaged columns: the child (when its id is readable) is read from its records;
                // its trail entry, passed over, names the summary as deleted, as the one-thread
                // read does.
                if let child = (try? columns.stored("child_id", as: String?.self)) ?? nil { part.unopened.append(ChildID(rawValue: child)) }
                continue
            }
            // Trailed summaries before this one have no row: deleted.
            while next < trail.count, trail[next].id.utf8.lexicographicallyPrecedes(row.id.utf8) {
                deleted(trail[next].id)
                next += 1
            }
            var trailed: CaseloadSummaries.Trailed?
            if next < trail.count, trail[next].id.utf8.elementsEqual(row.id.utf8) {
                trailed = trail[next].trailed
                next += 1
            }
            let child = ChildID(rawValue: row.childID ?? "")
            guard CaseloadSummaries.isTrailed(row, trailed) else {
                part.unopened.append(child)
                part.notAsTrailed.append(DamagedRecord(kind: CaseloadSummaries.kind, id: row.id, child: child))
                continue
            }
            do {
                entries.append(try CaseloadSummaries.open(row, keys: keys, interner: &interner), of: child)
            } catch {
                part.unopened.append(child)
            }
        }
        for index in trail.indices[next...] { deleted(trail[index].id) }
        part.chunks = [entries]
        return part
    }

    /// The version and row hash the trail last wrote of each summary of `visibility` in `range`,
    /// in id order.
    static func trailed(
        _ range: Range, _ visibility: VisibilityClass, db: Database
    ) throws -> [(id: String, trailed: CaseloadSummaries.Trailed)] {
        let prefix = "\(visibility.rawValue)/"
        // "<class>0" is the first id after every "<class>/…".
        let lower = prefix + (range.lower ?? "")
        let upper = range.upper.map { prefix + $0 } ?? "\(visibility.rawValue)0"
        var trail: [(id: String, trailed: CaseloadSummaries.Trailed)] = []
        // SQLite takes the bare columns from the row with the largest `seq` of each id.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, version, row_hash, MAX(seq) FROM audit_rows
            WHERE kind = ? AND id >= ? AND id < ? GROUP BY id ORDER BY id
            """, arguments: [CaseloadSummaries.kind, lower, upper])
        while let row = try rows.next() {
            trail.append((try row.stored("id"), CaseloadSummaries.Trailed(version: try row.stored("version"), hash: try row.stored("row_hash"))))
        }
        return trail
    }
}
