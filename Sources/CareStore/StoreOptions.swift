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

    public init(
        path: String, kdfCost: KDFCost = .default, clock: any WallClock = SystemClock(),
        filesystemProbe: any FilesystemProbe = StatfsProbe(), anchors: AnchorBook? = nil
    ) {
        self.path = path
        self.kdfCost = kdfCost
        self.clock = clock
        self.filesystemProbe = filesystemProbe
        self.anchors = anchors
    }

    public var location: StoreLocation { StoreLocation(path: path) }
}

/// A person to add to a store: what they type at login, what screens call them, their role and
/// their first passphrase.
public struct NewAccount: Sendable {
    public var accountName: String
    public var displayName: String
    public var role: Role
    public var passphrase: String

    public init(accountName: String, displayName: String, role: Role, passphrase: String) {
        self.accountName = accountName
        self.displayName = displayName
        self.role = role
        self.passphrase = passphrase
    }

    /// Account names are what people type: trimmed, non-empty, no control characters or spaces.
    func validatedName() throws -> String {
        try Self.validated(name: accountName)
    }

    /// The one rule for account names, for the store and for commands that check early.
    public static func validated(name accountName: String) throws -> String {
        let name = accountName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64,
              name.unicodeScalars.allSatisfy({ !CharacterSet.controlCharacters.contains($0) && !CharacterSet.whitespaces.contains($0) })
        else {
            throw StoreError.invalid("An account name needs 1 to 64 characters, without spaces or control characters.")
        }
        return name
    }
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
