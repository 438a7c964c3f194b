import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the disk holding a store says about itself, for telling a full or read-only disk from a
/// failing one.
struct DiskState {
    var fileExists: Bool
    var readOnlyMount: Bool
    var freeBytes: UInt64
    /// Whether one of the store's files is within 128 KiB of this process's file-size limit
    /// (`ulimit -f`): its next write fails with EFBIG, which SQLite does not pass on reliably.
    var atFileSizeLimit: Bool

    static let readOnlyWords = "the disk holding it is mounted read-only"

    init?(_ location: StoreLocation?) {
        guard let location else { return nil }
        var info = statvfs()
        guard statvfs(location.directory, &info) == 0 else { return nil }
        fileExists = access(location.path, F_OK) == 0
        readOnlyMount = info.f_flag & UInt(ST_RDONLY) != 0
        freeBytes = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            let largest = location.allPaths.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? UInt64 }.max() ?? 0
            atFileSizeLimit = largest + 2 * 65_536 >= UInt64(limit.rlim_cur)
        } else {
            atFileSizeLimit = false
        }
    }

    /// Less room than SQLite needs for a page or two of the write-ahead log.
    var isFull: Bool { freeBytes < 64 * 1024 }

    var fullWords: String { "the disk holding it is full (\(freeBytes / 1024) KiB free)" }
}
