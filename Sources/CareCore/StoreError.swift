import CareDomain
import Foundation

/// Why the store refused or failed. Every case reads as words a worker can act on; none of them
/// carries a child's data (ids are opaque, account names are not about a child).
public enum StoreError: ErrorInWords, Equatable, Sendable, SignInRefusal, LockRefusal {
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
    /// Wrong passphrases for this account, from any process: the next try waits.
    case signInThrottled(account: String, seconds: Int)
    /// The audit trail does not reach its keyed head (cut, rewritten or added to outside care);
    /// nothing was written.
    case auditTrailBroken(AuditBreak)
    /// The store cannot be written (its file or folder is read-only): what was asked needs to.
    case readOnly(String)
    /// This session holds no key to records of this class (its role may not read them, or the
    /// key has not reached it yet).
    case classNotHeld(VisibilityClass)
    /// A store made by an earlier version could not be upgraded, in words.
    case upgradeRefused(String)
    /// The disk is full, or the file reached a size limit: nothing was written.
    case diskFull(String)
    /// The store's file or its disk went away while it was open.
    case storeGone(String)
    /// The disk failed to read or write (an input/output error that is not a full disk).
    case diskError(String)
    /// The person gave up waiting for another session's write lock: nothing was written.
    case gaveUpWaiting
    /// Any other SQLite failure, with SQLite's words (never statement arguments).
    case database(String)

    /// Whether this says a stored record does not open (its seal, or what it holds), as opposed
    /// to the store failing: such a record is passed over as damaged where the rest can load.
    package var isDamage: Bool {
        switch self {
        case .sealBroken, .corrupt: true
        default: false
        }
    }

    public var isLockRefusal: Bool {
        switch self {
        case .busy, .gaveUpWaiting: true
        default: false
        }
    }

    public var signInWait: Int? {
        if case .signInThrottled(_, let seconds) = self { return seconds }
        return nil
    }

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
            "The store is damaged or not a care store: \(why). A supervisor can run `care check` to see what is damaged; "
                + "if the store does not open, restore it from a backup (keep the damaged file as evidence)."
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
            "Another session held the store for longer than care waits (5 s), so this was not done; try again in a moment."
        case .notViewed:
            "Open the record before refreshing it."
        case .invalid(let why):
            why
        case .signInThrottled(let account, let seconds):
            "Too many wrong passphrases for \"\(account)\": wait \(seconds) s before the next try."
        case .auditTrailBroken(let broken):
            "The audit trail does not reach its head (event \(broken.sequence): \(broken.reason)). Nothing was written. "
                + "A supervisor can run `care check`; restore the store from a backup."
        case .readOnly(let why):
            "The store cannot be written: \(why)."
        case .classNotHeld(let visibility):
            "This account holds no key to \(visibility.records)."
        case .upgradeRefused(let why):
            "This store was made by an earlier version of care and could not be upgraded: \(why)."
        case .diskFull(let why):
            "The store could not be written: \(why). Nothing was saved; free some space (or ask whoever looks after this machine), then try again."
        case .storeGone(let why):
            "The store can no longer be reached: \(why). Nothing more can be saved; quit and open the store where it is now, or restore it from a backup."
        case .diskError(let why):
            "The store's disk could not be read or written: \(why). Nothing was saved; if it keeps happening the disk may be failing: copy the store somewhere safe and run `care check`."
        case .gaveUpWaiting:
            "Gave up waiting for another session; nothing was saved."
        case .database(let message):
            "The store could not complete the operation: \(message). If it keeps happening, a supervisor can run `care check`."
        }
    }
}
