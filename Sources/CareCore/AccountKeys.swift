import CareDomain
import Crypto
import Foundation

/// An account's key pair: the public half in clear, so anyone holding a class key can grant it
/// to the account without its passphrase; the private half wrapped under the passphrase.
package enum AccountKeys {
    package typealias PrivateKey = Curve25519.KeyAgreement.PrivateKey
    package typealias PublicKey = Curve25519.KeyAgreement.PublicKey

    package static func makeKeyPair() -> PrivateKey { PrivateKey() }

    /// Wraps `privateKey` under `passphrase`, bound to the account id, the cost and the public key.
    package static func wrap(
        _ privateKey: PrivateKey, passphrase: String, cost: KDFCost, accountID: String,
        minimumLength: Int = KeyVault.minimumPassphraseLength
    ) throws -> WrappedKey {
        try KeyVault.wrap(
            privateKey.rawRepresentation, passphrase: passphrase, cost: cost,
            binding: binding(accountID: accountID, publicKey: privateKey.publicKey.rawRepresentation), minimumLength: minimumLength)
    }

    /// The private key, or nil when the passphrase is wrong or the wrap, its cost or the public
    /// key beside it was changed.
    package static func unwrap(_ wrapped: WrappedKey, passphrase: String, accountID: String, publicKey: Data) throws -> PrivateKey? {
        guard let raw = try KeyVault.unwrap(wrapped, passphrase: passphrase, binding: binding(accountID: accountID, publicKey: publicKey)),
              let key = try? PrivateKey(rawRepresentation: raw), key.publicKey.rawRepresentation == publicKey
        else { return nil }
        return key
    }

    private static func binding(accountID: String, publicKey: Data) -> (KDFCost) -> Data {
        { cost in
            var binding = BindingData("care/v2/account-key")
            binding.text(accountID)
            binding.integer(Int64(cost.rounds))
            binding.integer(Int64(cost.blockSize))
            binding.integer(Int64(cost.parallelism))
            binding.blob(publicKey)
            return binding.bytes
        }
    }
}

/// A class key given to one account: sealed with HPKE (X25519, HKDF-SHA256, ChaCha20-Poly1305)
/// to the account's public key, with the store, the account and the class in HPKE's `info`,
/// so a grant copied to another account or class does not open.
///
/// Beside each grant, an entitlement: an HMAC under the class key over the account, its role
/// and (once it has one) its public key, written by someone who held the key when the account
/// was entitled. A holder grants a class only to accounts with a valid entitlement, so changing
/// an account's role in the clear `accounts` table earns it nothing.
package enum KeyGrant {
    package static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    /// Length of an X25519 encapsulated key, which leads every sealed grant.
    package static let encapsulatedKeyLength = 32

    package static func seal(
        _ key: SymmetricKey, to publicKey: AccountKeys.PublicKey, storeID: String, accountID: String, visibility: VisibilityClass
    ) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: suite, info: info(storeID, accountID, visibility))
        let sealed = try key.withUnsafeBytes { try sender.seal(Data($0)) }
        return sender.encapsulatedKey + sealed
    }

    /// The class key, or nil when the grant was not sealed for this account and class.
    package static func open(
        _ grant: Data, with privateKey: AccountKeys.PrivateKey, storeID: String, accountID: String, visibility: VisibilityClass
    ) -> SymmetricKey? {
        guard grant.count > encapsulatedKeyLength else { return nil }
        let encapsulated = grant.prefix(encapsulatedKeyLength)
        let sealed = grant.dropFirst(encapsulatedKeyLength)
        guard var recipient = try? HPKE.Recipient(
            privateKey: privateKey, ciphersuite: suite, info: info(storeID, accountID, visibility), encapsulatedKey: Data(encapsulated)),
              let raw = try? recipient.open(Data(sealed)), raw.count == 32
        else { return nil }
        return SymmetricKey(data: raw)
    }

    /// The entitlement of `accountID`, with `role`, to the class whose key is `key`; `publicKey`
    /// nil while the account has no key pair yet (its grant then waits for its next sign-in).
    package static func entitlement(
        _ key: SymmetricKey, storeID: String, visibility: VisibilityClass, accountID: String, role: Role, publicKey: Data?
    ) -> Data {
        var binding = BindingData("care/v2/entitlement")
        binding.text(storeID)
        binding.text(visibility.rawValue)
        binding.text(accountID)
        binding.text(role.rawValue)
        binding.blob(publicKey)
        return Data(HMAC<SHA256>.authenticationCode(for: binding.bytes, using: key))
    }

    private static func info(_ storeID: String, _ accountID: String, _ visibility: VisibilityClass) -> Data {
        var binding = BindingData("care/v2/grant")
        binding.text(storeID)
        binding.text(accountID)
        binding.text(visibility.rawValue)
        return binding.bytes
    }
}
