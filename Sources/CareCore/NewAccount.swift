import CareDomain
import Foundation

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
    package func validatedName() throws -> String {
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
