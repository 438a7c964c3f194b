import CareDomain
import Foundation

/// How to open or create a store: where, how hard the passphrase key derivation is, whose clock
/// stamps audit events, how to tell a network filesystem, and where this machine keeps the audit
/// heads it has seen.
public struct StoreOptions: Sendable {
    /// The store file.
    public var path: String
    /// Work factors for new or changed passphrases. Existing accounts keep the cost they were
    /// wrapped with until their passphrase changes.
    public var kdfCost: KDFCost
    public var clock: any WallClock
    public var filesystemProbe: any FilesystemProbe
    /// Where this machine remembers each store's audit head (nil: nowhere; the command line
    /// passes `AnchorBook.standard()`).
    public var anchors: AnchorBook?
    /// Read the caseload's sealed summaries while the passphrase's key is derived, for the
    /// dashboard's first load (`CaseloadPrefetch`). Off for commands that do not load it.
    public var readsCaseloadAhead: Bool
    /// How large the WAL grows before this session checkpoints it off the writer's thread
    /// (`WALCheckpointer`); tests set a small one to see it happen.
    public var checkpointAfterBytes = WALCheckpointer.standardLimitBytes
    /// From how many summaries of a class the caseload's load reads it on every core, each its
    /// own range (`RangedSummaryRead`); tests set a small one to see it happen.
    public var sharesReadAbove = RangedSummaryRead.threshold

    public init(
        path: String, kdfCost: KDFCost = .default, clock: any WallClock = SystemClock(),
        filesystemProbe: any FilesystemProbe = StatfsProbe(), anchors: AnchorBook? = nil, readsCaseloadAhead: Bool = false
    ) {
        self.readsCaseloadAhead = readsCaseloadAhead
        self.path = path
        self.kdfCost = kdfCost
        self.clock = clock
        self.filesystemProbe = filesystemProbe
        self.anchors = anchors
    }

    public var location: StoreLocation { StoreLocation(path: path) }
}

/// One line of the login list: readable without unlocking the store.
public struct AccountSummary: Hashable, Sendable {
    public var accountName: String
    public var role: Role
    public var active: Bool
    /// The id of the account's `Worker` record.
    public var workerID: WorkerID

    public init(accountName: String, role: Role, active: Bool, workerID: WorkerID) {
        self.accountName = accountName
        self.role = role
        self.active = active
        self.workerID = workerID
    }
}
