import Foundation
import GRDB

/// SQLite's failures in words a worker can act on. SQLite reports a full disk, a read-only mount,
/// a file-size limit and a disk that went away alike as "disk I/O error" (or "unable to open
/// database file"), and the system error under it is not kept by the time the statement fails
/// (`sqlite3_system_errno` gave 0 for each of them here), so the cause is read from the disk
/// itself: its free space, its mount flags, this process's file-size limit, whether the file is
/// still there.
enum SQLiteDiagnosis {
    static func storeError(_ error: DatabaseError, location: StoreLocation? = nil) -> StoreError {
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .corrupt("the file is not an SQLite database")
        case .SQLITE_CORRUPT:
            return .corrupt(error.message ?? "SQLite reports the file damaged")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy
        case .SQLITE_FULL:
            return .diskFull(DiskState(location)?.fullWords ?? "the disk holding it is full")
        case .SQLITE_READONLY:
            if error.extendedResultCode == .SQLITE_READONLY_DBMOVED {
                return .storeGone("its file was moved or deleted while care had it open")
            }
            if DiskState(location)?.readOnlyMount == true { return .readOnly(DiskState.readOnlyWords) }
            return .readOnly(message)
        case .SQLITE_IOERR, .SQLITE_CANTOPEN:
            if let disk = DiskState(location) {
                if !disk.fileExists { return .storeGone("its file is no longer at \(location?.path ?? "its path")") }
                if disk.readOnlyMount { return .readOnly(DiskState.readOnlyWords) }
                if disk.isFull { return .diskFull(disk.fullWords) }
                if disk.atFileSizeLimit {
                    return .diskFull("its file has reached the largest size this system lets it grow to (a file-size limit)")
                }
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
}
