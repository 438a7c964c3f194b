import CareDomain
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// How far a backup or a restore has got, for a progress bar.
public struct CopyProgress: Sendable, Equatable {
    public var pagesCopied: Int
    public var pagesTotal: Int

    public var fraction: Double { pagesTotal == 0 ? 1 : Double(pagesCopied) / Double(pagesTotal) }
}

/// What a backup or restore did, in numbers the command prints.
public struct CopyResult: Sendable, Equatable {
    /// The file written.
    public var path: String
    public var bytes: Int
    /// The last event of the audit trail in the copy (kept in clear).
    public var auditEvents: Int64
    /// Where the store that a restore replaced was kept, if there was one.
    public var replacedKeptAt: String?
}

/// Copies of a store made with SQLite's online backup API: the copy is taken in one read
/// transaction, a consistent snapshot, while other sessions and processes go on reading and
/// writing (WAL lets a writer commit beside a reader). A copy is a whole store, sealed as the
/// original: the same accounts and passphrases open it.
public enum StoreBackup {
    /// Pages per step: small enough for a progress bar to move on a large store.
    static let pagesPerStep: CInt = 256

    /// Writes a copy of `store` to `destination` (refused when a file is already there), created
    /// 0600 in a new file beside it and renamed into place only when complete, so a backup cut
    /// short never leaves a file that looks whole. Audited in the store first, so the copy's
    /// trail ends with its own backup event. Supervisors only.
    public static func backup(
        _ store: SQLiteCaseStore, to destination: String, progress: (CopyProgress) -> Void = { _ in }
    ) throws -> CopyResult {
        try store.require(.export)
        let target = StoreLocation(path: destination)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw StoreError.invalid("A file is already at \(target.path); choose a new name for the backup (nothing was written).")
        }
        try target.createDirectory()
        try store.write { db, keys in
            _ = try store.appendEvent(db, keys: keys, action: .export, summary: "backed up the store to \(target.path)")
        }
        try copy(from: store.dbQueue, to: target, progress: progress)
        return try result(at: target, replacedKeptAt: nil)
    }

    /// Puts the store at `source` (a backup) in place at `destination`. A store already there is
    /// replaced only with `force`, and is first copied to `destination.before-restore-TIME`,
    /// which the result names. The backup is checked first: it must be a care store that SQLite
    /// finds whole. Restores into the live file with the backup API, so a process that has the
    /// store open reads the restored content on its next read instead of a file that vanished.
    public static func restore(
        from source: String, to destination: String, force: Bool, now: Date = Date(), progress: (CopyProgress) -> Void = { _ in }
    ) throws -> CopyResult {
        let from = StoreLocation(path: source)
        let target = StoreLocation(path: destination)
        guard from.exists else { throw StoreError.notFound(path: from.path) }
        guard from.path != target.path else { throw StoreError.invalid("The backup and the store are the same file; nothing was done.") }
        let sourceQueue = try StoreDatabase.open(from, readOnly: true)
        defer { try? sourceQueue.close() }
        try StoreDatabase.requireStore(sourceQueue, readOnlyReason: "a backup is only read")
        let problems = try StoreDatabase.mapErrors(at: from) {
            try sourceQueue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" } }
        }
        guard problems.isEmpty else {
            throw StoreError.corrupt("the backup \(from.path) is damaged (\(problems.prefix(3).joined(separator: "; "))); nothing was restored")
        }
        var kept: String?
        if target.exists {
            guard force else {
                throw StoreError.invalid(
                    "A store is already at \(target.path); restoring would replace it. Nothing was done. "
                        + "Add --force to replace it (it is first copied beside itself).")
            }
            let stamp = Self.stamp(now)
            let aside = StoreLocation(path: target.path + ".before-restore-" + stamp)
            let current = try StoreDatabase.open(target)
            defer { try? current.close() }
            try copy(from: current, to: aside, progress: { _ in })
            kept = aside.path
            try StoreDatabase.mapErrors(at: target) { try backup(sourceQueue, into: current, progress: progress) }
        } else {
            try target.requireLocalFilesystem(using: StatfsProbe())
            try target.createDirectory()
            try copy(from: sourceQueue, to: target, progress: progress)
        }
        return try result(at: target, replacedKeptAt: kept)
    }

    /// The store id and the last audit event of a store file, read from clear columns without
    /// signing in (for comparing a backup with this machine's anchors before restoring it).
    public static func head(of path: String) throws -> (storeID: String, sequence: Int64) {
        let location = StoreLocation(path: path)
        guard location.exists else { throw StoreError.notFound(path: location.path) }
        let queue = try StoreDatabase.open(location, readOnly: true)
        defer { try? queue.close() }
        try StoreDatabase.requireStore(queue, readOnlyReason: "it is only read")
        return try StoreDatabase.mapErrors(at: location) {
            try queue.read { db in
                (try StoreDatabase.storeID(db), try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit") ?? 0)
            }
        }
    }

    /// Copies into a new file at `target` through `<target>.partial`, renamed when complete.
    static func copy(from source: DatabaseQueue, to target: StoreLocation, progress: (CopyProgress) -> Void) throws {
        let partial = StoreLocation(path: target.path + ".partial")
        for file in partial.allPaths { try? FileManager.default.removeItem(atPath: file) }
        do {
            let destination = try StoreDatabase.open(partial)
            try StoreDatabase.mapErrors(at: target) { try backup(source, into: destination, progress: progress) }
            // Closing checkpoints the copy's WAL into its file, so one file is the whole copy.
            try destination.close()
            guard rename(partial.path, target.path) == 0 else {
                throw StoreError.invalid("The copy could not be renamed to \(target.path): \(String(cString: strerror(errno))).")
            }
        } catch {
            for file in partial.allPaths { try? FileManager.default.removeItem(atPath: file) }
            throw error
        }
    }

    /// SQLite's backup from one open store into another, `pagesPerStep` pages at a time, all
    /// in one read transaction of the source (GRDB's `backup` reads in one).
    static func backup(_ source: DatabaseQueue, into destination: DatabaseQueue, progress: (CopyProgress) -> Void) throws {
        try withoutActuallyEscaping(progress) { progress in
            try source.backup(to: destination, pagesPerStep: pagesPerStep) { step in
                progress(CopyProgress(pagesCopied: step.totalPageCount - step.remainingPageCount, pagesTotal: step.totalPageCount))
            }
        }
    }

    private static func result(at target: StoreLocation, replacedKeptAt: String?) throws -> CopyResult {
        let (_, events) = try head(of: target.path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
        return CopyResult(path: target.path, bytes: bytes, auditEvents: events, replacedKeptAt: replacedKeptAt)
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
