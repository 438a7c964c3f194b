import Foundation

/// A session whose account a supervisor disabled while it was open. The keys it unlocked stay in
/// its memory, so the store refuses it everything from then on (every read and every write
/// checks the account first), and the dashboard locks: its passphrase no longer unlocks it.
public struct AccountDisabledWhileOpen: ErrorInWords, Equatable, Sendable {
    public let accountName: String

    public init(accountName: String) {
        self.accountName = accountName
    }

    public var description: String {
        "A supervisor disabled the account \"\(accountName)\" while it was open: care has locked, and nothing more can be read or saved with it."
    }
}
