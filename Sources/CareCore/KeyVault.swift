import Crypto
import CryptoExtras
import Foundation

/// Something sealed under a key derived from one person's passphrase: an account's private key
/// (or, in stores made before the key pairs, the store's one data key).
package struct WrappedKey: Sendable, Equatable {
    package var salt: Data
    package var cost: KDFCost
    /// AES-GCM combined box.
    package var sealed: Data

    package init(salt: Data, cost: KDFCost, sealed: Data) {
        self.salt = salt
        self.cost = cost
        self.sealed = sealed
    }
}

/// Turns passphrases into wrapping keys, and wraps and unwraps with them.
///
/// The wrapping key is scrypt(passphrase, salt, N, r, p). The associated data binds the wrap to
/// the account and the cost (and, for a private key, its public half), so lowering the cost
/// columns in the file (to make guessing cheaper) only makes the wrap fail to open.
public enum KeyVault {
    /// The shortest passphrase an account may have.
    public static let minimumPassphraseLength = 10

    /// Seals `secret` under `passphrase`. `minimumLength` is lowered only for the demo store,
    /// whose passphrase is public anyway.
    package static func wrap(
        _ secret: Data, passphrase: String, cost: KDFCost, binding: (KDFCost) -> Data, minimumLength: Int = minimumPassphraseLength
    ) throws -> WrappedKey {
        guard passphrase.count >= minimumLength else {
            throw StoreError.passphraseTooShort(minimum: minimumLength)
        }
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        let wrapping = try derive(passphrase: passphrase, salt: salt, cost: cost)
        let box = try AES.GCM.seal(secret, using: wrapping, authenticating: binding(cost))
        guard let sealed = box.combined else { throw StoreError.invalid("AES-GCM produced no combined box") }
        return WrappedKey(salt: salt, cost: cost, sealed: sealed)
    }

    /// The secret, or `nil` when the passphrase (or anything bound to the wrap) is wrong.
    package static func unwrap(_ wrapped: WrappedKey, passphrase: String, binding: (KDFCost) -> Data) throws -> Data? {
        let wrapping = try derive(passphrase: passphrase, salt: wrapped.salt, cost: wrapped.cost)
        guard let box = try? AES.GCM.SealedBox(combined: wrapped.sealed),
              let plain = try? AES.GCM.open(box, using: wrapping, authenticating: binding(wrapped.cost))
        else { return nil }
        return plain
    }

    /// One derivation at `cost` from a throwaway passphrase and salt, for `care bench`'s KDF line.
    public static func deriveOnceForTiming(cost: KDFCost) throws {
        _ = try derive(passphrase: "care-bench-throwaway", salt: Data(repeating: 0x5A, count: 16), cost: cost)
    }

    private static func derive(passphrase: String, salt: Data, cost: KDFCost) throws -> SymmetricKey {
        // NFC, so the same passphrase typed on another keyboard or terminal gives the same bytes.
        let bytes = Data(passphrase.precomposedStringWithCanonicalMapping.utf8)
        return try KDF.Scrypt.deriveKey(
            from: bytes, salt: salt, outputByteCount: 32,
            rounds: cost.rounds, blockSize: cost.blockSize, parallelism: cost.parallelism)
    }

    /// The associated data of the first format's wrap of the data key.
    package static func legacyBinding(accountID: String) -> (KDFCost) -> Data {
        { cost in Data("care/v1|account|\(accountID)|\(cost.rounds)|\(cost.blockSize)|\(cost.parallelism)".utf8) }
    }
}
