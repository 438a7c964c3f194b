import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of SQLite with what the operating system said underneath it (`errno`), taken from
/// the connection the moment the statement failed. SQLite reports a full disk, a read-only
/// mount, a file-size limit and a disk that went away all as "disk I/O error"; the system error
/// tells them apart.
struct SQLiteFailure: Error {
    let error: DatabaseError
    let systemErrno: Int32
}

extension Database {
    /// Runs `body`; a `DatabaseError` leaves it as an `SQLiteFailure` carrying the system error
    /// SQLite last saw on this connection.
    func withSystemErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SQLiteFailure(error: error, systemErrno: sqlite3_system_errno(sqliteConnection))
        }
    }
}

/// SQLite's failures in words a worker can act on. What the system error does not settle is
/// settled by looking at the disk itself: free space, a read-only mount, a file that is gone.
enum SQLiteDiagnosis {
    static func storeError(_ error: DatabaseError, systemErrno: Int32 = 0, location: StoreLocation? = nil) -> StoreError {
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .corrupt("the file is not an SQLite database")
        case .SQLITE_CORRUPT:
            return .corrupt(error.message ?? "SQLite reports the file damaged")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy
        case .SQLITE_FULL:
            return fromSystem(systemErrno) ?? .diskFull(DiskState(location)?.fullWords ?? "the disk holding it is full")
        case .SQLITE_READONLY:
            if error.extendedResultCode == .SQLITE_READONLY_DBMOVED {
                return .storeGone("its file was moved or deleted while care had it open")
            }
            if let known = fromSystem(systemErrno) { return known }
            if DiskState(location)?.readOnlyMount == true { return .readOnly(DiskState.readOnlyWords) }
            return .readOnly(message)
        case .SQLITE_IOERR, .SQLITE_CANTOPEN:
            if let known = fromSystem(systemErrno) { return known }
            if let disk = DiskState(location) {
                if !disk.fileExists { return .storeGone("its file is no longer at \(location?.path ?? "its path")") }
                if disk.readOnlyMount { return .readOnly(DiskState.readOnlyWords) }
                if disk.isFull { return .diskFull(disk.fullWords) }
            }
            if error.resultCode == .SQLITE_CANTOPEN {
                return .diskError("SQLite could not open its file (\(message))")
            }
            return .diskError("the disk reported an input/output error")
        case .SQLITE_NOMEM:
            return .database("there was not enough memory; close other programs and try again")
        case .SQLITE_ERROR where message.contains("no such table") || message.contains("no such column") || message.contains("malformed"):
            // The schema itself is not what care wrote: damage, not a passing failure.
            return .corrupt(message)
        default:
            return .database(message)
        }
    }

    /// The words for a system error that names its cause, or nil when it does not.
    static func fromSystem(_ code: Int32) -> StoreError? {
        switch code {
        case ENOSPC, EDQUOT:
            return .diskFull("the disk holding it is full")
        case EFBIG:
            return .diskFull("its file has reached the largest size this system lets it grow to (a file-size limit)")
        case EROFS:
            return .readOnly(DiskState.readOnlyWords)
        case ENOENT, ESTALE, ENODEV, ENXIO:
            return .storeGone("its file or the disk holding it is no longer there")
        case EIO:
            return .diskError("the disk reported an input/output error")
        case EACCES, EPERM:
            return .readOnly("this account may no longer write its file or folder")
        default:
            return nil
        }
    }
}

/// What the disk holding a store says about itself, for telling a full or read-only disk from a
/// failing one.
struct DiskState {
    var fileExists: Bool
    var readOnlyMount: Bool
    var freeBytes: UInt64

    static let readOnlyWords = "the disk holding it is mounted read-only"

    init?(_ location: StoreLocation?) {
        guard let location else { return nil }
        var info = statvfs()
        guard statvfs(location.directory, &info) == 0 else { return nil }
        fileExists = access(location.path, F_OK) == 0
        readOnlyMount = info.f_flag & UInt(ST_RDONLY) != 0
        freeBytes = UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    /// Less room than SQLite needs for a page or two of the write-ahead log.
    var isFull: Bool { freeBytes < 64 * 1024 }

    var fullWords: String { "the disk holding it is full (\(freeBytes / 1024) KiB free)" }
}
