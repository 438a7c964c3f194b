import CareDomain
import Dispatch
import Foundation
import GRDB

/// The caseload's sealed summaries, read and checked against the trail on another thread while
/// the sign-in derives the passphrase's key, which takes one core for about 80–100 ms. Nothing
/// read here needs a key or is opened: these are the rows `summarizedEntries` would read first
/// after the key (`readTrailedSummaries`), handed to the first caseload load when the store has
/// not changed since (`Stamp`), and thrown away otherwise.
///
/// Only a caseload of up to `rowLimit` summaries is read ahead: the rows are held whole until
/// the key comes, while the load without it holds one batch at a time. Read ahead at 50,000
/// children (92,000 rows), the peak rose from 231 to 330 MB and the load was no faster
/// (docs/benchmarks.md).
final class CaseloadPrefetch: @unchecked Sendable {
    /// What the summaries' rows depend on: every command that writes a summary moves the
    /// change counter, and making missing summaries changes the classes kept.
    struct Stamp: Equatable, Sendable {
        let changes: Int64?
        let summarized: Set<VisibilityClass>

        static func read(_ db: Database) throws -> Stamp {
            Stamp(changes: try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes'"),
                  summarized: try SQLiteCaseStore.summarizedClasses(db))
        }
    }

    struct Read: Sendable {
        let stamp: Stamp
        let classes: [VisibilityClass: SQLiteCaseStore.TrailedSummaries]
    }

    static let rowLimit = 16_384

    /// What became of what was read ahead (for tests and `care bench`).
    enum Outcome: Equatable, Sendable {
        /// Not taken yet.
        case waiting
        /// The first load took the rows.
        case used
        /// The store changed before the key came (a save by another process, summaries made at
        /// this sign-in): the load read everything again.
        case stale
        /// Nothing was read ahead (a caseload over `rowLimit`, or the read failed).
        case nothingRead
    }

    var outcome: Outcome {
        lock.lock()
        defer { lock.unlock() }
        return decided
    }
    private var decided = Outcome.waiting

    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the reading thread before `finished` is signalled; read after waiting.
    private var read: Read?
    private var taken = false
    private let lock = NSLock()

    /// Starts reading the summaries `account`'s role may read, on a read-only connection of its
    /// own. Any failure only means there is nothing read ahead.
    static func start(_ location: StoreLocation, account: String, rowLimit: Int = rowLimit) -> CaseloadPrefetch {
        let prefetch = CaseloadPrefetch()
        DispatchQueue.global(qos: .userInitiated).async {
            defer { prefetch.finished.signal() }
            prefetch.read = try? Self.readAhead(location, account: account, rowLimit: rowLimit)
        }
        return prefetch
    }

    /// What was read ahead, once: waits for the reading thread to finish. Nil after the first
    /// call, or when nothing could be read.
    func take() -> Read? {
        lock.lock()
        defer { lock.unlock() }
        guard !taken else { return nil }
        taken = true
        finished.wait()
        defer { read = nil }
        if read == nil { decided = .nothingRead }
        return read
    }

    /// Notes whether what `take` gave was still current when the load compared it.
    func noteTaken(current: Bool) {
        lock.lock()
        defer { lock.unlock() }
        decided = current ? .used : .stale
    }

    private static func readAhead(_ location: StoreLocation, account: String, rowLimit: Int) throws -> Read? {
        try StoreDatabase.readAside(location, label: "care.store.prefetch") { db -> Read? in
            guard let roleName = try String.fetchOne(db, sql: "SELECT role FROM accounts WHERE account_name = ?", arguments: [account]),
                  let role = Role(rawValue: roleName),
                  try db.tableExists("summaries")
            else { return nil }
            let stamp = try Stamp.read(db)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM summaries") ?? 0
            guard count <= rowLimit else { return nil }
            var classes: [VisibilityClass: SQLiteCaseStore.TrailedSummaries] = [:]
            for visibility in SQLiteCaseStore.summaryClasses where role.readableClasses.contains(visibility) && stamp.summarized.contains(visibility) {
                classes[visibility] = try SQLiteCaseStore.readTrailedSummaries(of: nil, visibility, db: db)
            }
            return Read(stamp: stamp, classes: classes)
        }
    }
}

/// Sealed rows kept in batches of `ParallelOpening.batch` and handed out one batch at a time,
/// so each batch is let go as soon as it is opened: the caseload read ahead never holds every
/// sealed row beside every opened entry. A reference, so taking a batch frees it rather than
/// a copy's; used by one thread at a time (the reading thread, then the load after it).
final class RowBatches: @unchecked Sendable {
    private var batches: [[RecordRow]] = []
    private var taken = 0

    init() {}

    var count: Int { batches[taken...].reduce(0) { $0 + $1.count } }

    func append(_ row: RecordRow) {
        if batches.last.map({ $0.count >= ParallelOpening.batch }) ?? true {
            batches.append([])
            batches[batches.count - 1].reserveCapacity(ParallelOpening.batch)
        }
        batches[batches.count - 1].append(row)
    }

    /// The next batch, which this no longer holds; nil when all were taken.
    func takeBatch() -> [RecordRow]? {
        guard taken < batches.count else { return nil }
        var batch: [RecordRow] = []
        swap(&batch, &batches[taken])
        taken += 1
        return batch
    }
}
