import Foundation
import GRDB

/// Moves the WAL's committed pages into the store file off the writer's thread.
///
/// SQLite checkpoints on the connection whose commit takes the WAL past its limit: that save
/// copies the WAL's pages into the file and syncs it, one save in twenty-five at 5,000 children
/// and the whole of the save's p99 (7.5 ms against 1.7 median; the disk's own sync 0.07 ms;
/// docs/benchmarks.md). The store's own connection now checkpoints only far past the limit
/// (`StoreDatabase.autoCheckpointPages`, a net for when this falls behind), and after a commit
/// takes the WAL past `limitBytes` this checkpoints it on a connection of its own, `PASSIVE`:
/// it waits for no reader or writer, and a save made meanwhile goes on into the WAL.
final class WALCheckpointer: @unchecked Sendable {
    /// SQLite's own default: 1,000 pages of 4 KiB.
    static let standardLimitBytes = 4_096_000

    let location: StoreLocation
    let limitBytes: Int
    private let queue = DispatchQueue(label: "care.checkpoint")
    private let lock = NSLock()
    private var scheduled = false
    private var connection: DatabaseQueue?
    private var closed = false
    private var done = 0

    init(location: StoreLocation, limitBytes: Int) {
        self.location = location
        self.limitBytes = limitBytes
    }

    /// How many checkpoints this made (for the tests).
    var checkpoints: Int { lock.withLock { done } }

    /// After a commit: a checkpoint is started if the WAL has passed the limit and none is
    /// under way. One `stat` when it has not.
    func noteCommit() {
        var status = stat()
        guard stat(location.walPath, &status) == 0, Int(status.st_size) >= limitBytes else { return }
        let start: Bool = lock.withLock {
            guard !scheduled, !closed else { return false }
            scheduled = true
            return true
        }
        if start { queue.async { self.checkpoint() } }
    }

    /// Waits for a checkpoint under way (for close, and the tests).
    func wait() { queue.sync {} }

    /// Waits for a checkpoint under way and closes this one's connection.
    func close() {
        lock.withLock { closed = true }
        queue.sync {
            try? connection?.close()
            connection = nil
        }
    }

    private func checkpoint() {
        defer { lock.withLock { scheduled = false } }
        guard !lock.withLock({ closed }) else { return }
        do {
            if connection == nil { connection = try StoreDatabase.open(location) }
            // Best effort: a checkpoint that cannot run now (a reader on old pages, a full
            // disk) leaves the pages in the WAL, where every reader still finds them.
            _ = try connection?.writeWithoutTransaction { try $0.checkpoint(.passive) }
            lock.withLock { done += 1 }
        } catch {}
    }
}
