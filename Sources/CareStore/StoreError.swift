import CareDomain
import Foundation

/// Why the store refused or failed. Every case reads as words a worker can act on; none of them
/// carries a child's data (ids are opaque, account names are not about a child).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The passphrase did not unwrap this account's key (AES-GCM authentication failed).
    case wrongPassphrase(account: String)
    /// No account with this name in the store.
    case unknownAccount(String)
    /// The account was disabled by a supervisor.
    case accountDisabled(String)
    /// An account with this name already exists.
    case accountExists(String)
    /// The passphrase is shorter than the minimum.
    case passphraseTooShort(minimum: Int)
    /// The file is not a care store, or SQLite reports it damaged.
    case corrupt(String)
    /// No store at this path.
    case notFound(path: String)
    /// `StoreAdmin.create` found a file already at the path.
    case alreadyExists(path: String)
    /// The store sits on a network filesystem, where SQLite's locking is not safe.
    case networkFilesystem(kind: String, path: String)
    /// The file was written by a newer version of care.
    case newerFormat(String)
    /// A sealed payload did not open under its row's kind and id (moved, edited or replayed).
    case sealBroken(kind: String, id: String)
    /// The session is locked; unlock with the passphrase first.
    case locked
    /// The store was closed; open it again.
    case closed
    /// The record asked for is not in the store.
    case recordNotFound(kind: String, id: String)
    /// Another process held the store longer than the busy timeout.
    case busy
    /// `refreshDetail` for a record this session has not opened (and audited) since it was
    /// last unlocked.
    case notViewed
    /// A value the store cannot accept (e.g. an empty account name), in words.
    case invalid(String)
    /// Any other SQLite failure, with SQLite's words (never statement arguments).
    case database(String)

    public var description: String {
        switch self {
        case .wrongPassphrase(let account):
            "Wrong passphrase for account \"\(account)\"."
        case .unknownAccount(let account):
            "No account named \"\(account)\" in this store."
        case .accountDisabled(let account):
            "The account \"\(account)\" is disabled; ask a supervisor."
        case .accountExists(let account):
            "An account named \"\(account)\" already exists."
        case .passphraseTooShort(let minimum):
            "A passphrase needs at least \(minimum) characters."
        case .corrupt(let why):
            "The store is damaged or not a care store: \(why)."
        case .notFound(let path):
            "No store at \(path)."
        case .alreadyExists(let path):
            "A file already exists at \(path); refusing to overwrite it."
        case .networkFilesystem(let kind, _):
            "Store is on a network drive (\(kind)); SQLite cannot share it safely there — copy it to a local disk or open it on the host that holds it"
        case .newerFormat(let format):
            "This store was written by a newer version of care (\(format)); update care to open it."
        case .sealBroken(let kind, let id):
            "The sealed \(kind) record \(id) does not open: it was altered or moved."
        case .locked:
            "The store is locked; enter your passphrase to unlock it."
        case .closed:
            "The store is closed; open it again."
        case .recordNotFound(let kind, let id):
            "No \(kind) record \(id) in the store."
        case .busy:
            "The store is busy in another session; try again in a moment."
        case .notViewed:
            "Open the record before refreshing it."
        case .invalid(let why):
            why
        case .database(let message):
            "The store could not complete the operation: \(message)."
        }
    }
}
