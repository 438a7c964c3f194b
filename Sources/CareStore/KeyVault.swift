import Crypto
import CryptoExtras
import Foundation

/// One account's copy of the data key, sealed under a key derived from that person's passphrase.
/// Each person has their own passphrase; disabling one account removes only its copy.
struct WrappedKey: Sendable, Equatable {
    var salt: Data
    var cost: KDFCost
    /// AES-GCM combined box of the 32-byte data key.
    var sealed: Data
}

/// Makes, wraps and unwraps the store's data key.
///
/// The wrapping key is scrypt(passphrase, salt, N, r, p). The associated data of the wrap binds
/// it to the account id and the cost, so lowering the cost columns in the file (to make guessing
/// cheaper) only makes the key fail to unwrap.
public enum KeyVault {
    /// The shortest passphrase an account may have.
    public static let minimumPassphraseLength = 10

    /// A fresh random 256-bit data key, made once when a store is created.
    static func makeDataKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    /// `minimumLength` is lowered only for the demo store, whose passphrase is public anyway.
    static func wrap(
        _ dataKey: SymmetricKey, passphrase: String, cost: KDFCost, accountID: String, minimumLength: Int = minimumPassphraseLength
    ) throws -> WrappedKey {
        guard passphrase.count >= minimumLength else {
            throw StoreError.passphraseTooShort(minimum: minimumLength)
        }
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        let wrapping = try derive(passphrase: passphrase, salt: salt, cost: cost)
        let plain = dataKey.withUnsafeBytes { Data($0) }
        let box = try AES.GCM.seal(plain, using: wrapping, authenticating: associatedData(accountID: accountID, cost: cost))
        guard let sealed = box.combined else { throw StoreError.invalid("AES-GCM produced no combined box") }
        return WrappedKey(salt: salt, cost: cost, sealed: sealed)
    }

    /// The data key, or `nil` when the passphrase (or anything bound to the wrap) is wrong.
    static func unwrap(_ wrapped: WrappedKey, passphrase: String, accountID: String) throws -> SymmetricKey? {
        let wrapping = try derive(passphrase: passphrase, salt: wrapped.salt, cost: wrapped.cost)
        guard let box = try? AES.GCM.SealedBox(combined: wrapped.sealed),
              let plain = try? AES.GCM.open(box, using: wrapping, authenticating: associatedData(accountID: accountID, cost: wrapped.cost))
        else { return nil }
        return SymmetricKey(data: plain)
    }

    private static func derive(passphrase: String, salt: Data, cost: KDFCost) throws -> SymmetricKey {
        // NFC, so the same passphrase typed on another keyboard or terminal gives the same bytes.
        let bytes = Data(passphrase.precomposedStringWithCanonicalMapping.utf8)
        return try KDF.Scrypt.deriveKey(
            from: bytes, salt: salt, outputByteCount: 32,
            rounds: cost.rounds, blockSize: cost.blockSize, parallelism: cost.parallelism)
    }

    private static func associatedData(accountID: String, cost: KDFCost) -> Data {
        Data("care/v1|account|\(accountID)|\(cost.rounds)|\(cost.blockSize)|\(cost.parallelism)".utf8)
    }
}
