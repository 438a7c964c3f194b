import CareStore
import Crypto
import CryptoExtras
import Foundation

/// An export sealed with a passphrase (`care export --encrypt`), which `care import` opens with
/// the same passphrase. The format (`docs/import-format.md`, "Sealed exports") is a small JSON
/// document:
///
/// ```json
/// {"format": "care-sealed/1", "kdf": "scrypt", "n": 32768, "r": 8, "p": 1,
///  "salt": "<16 random bytes, base64>", "cipher": "AES-256-GCM", "content": "json",
///  "sealed": "<12-byte nonce ‖ ciphertext ‖ 16-byte tag, base64>"}
/// ```
///
/// The key is scrypt(passphrase in NFC, salt, N, r, p), 32 bytes. Everything but `sealed` is
/// bound into AES-GCM's associated data, so a file whose cost was lowered (to make guessing
/// cheaper) or whose content type was changed does not open.
public struct SealedFile: Codable, Sendable, Equatable {
    public static let formatName = "care-sealed/1"

    public var format: String
    public var kdf: String
    public var n: Int
    public var r: Int
    public var p: Int
    public var salt: Data
    public var cipher: String
    /// What the sealed bytes are: "json" or "csv".
    public var content: String
    public var sealed: Data

    /// The most work a file may ask of the machine that opens it (2^20 is 1 GiB of memory).
    static let largestCost = 1 << 20

    /// Seals `plaintext` under `passphrase`. Tests pass a lower `cost` explicitly; the default is
    /// the same as the store's passphrases.
    public static func seal(_ plaintext: Data, content: String, passphrase: String, cost: KDFCost = .default) throws -> SealedFile {
        guard passphrase.count >= KeyVault.minimumPassphraseLength else {
            throw SealedFileError.passphraseTooShort
        }
        let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        var file = SealedFile(
            format: formatName, kdf: "scrypt", n: cost.rounds, r: cost.blockSize, p: cost.parallelism, salt: salt,
            cipher: "AES-256-GCM", content: content, sealed: Data())
        let key = try file.key(passphrase)
        guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: file.associatedData).combined else {
            throw SealedFileError.notSealed
        }
        file.sealed = combined
        return file
    }

    /// The plaintext, or `SealedFileError.wrongPassphrase` when the passphrase (or anything in
    /// the file) is wrong.
    public func open(passphrase: String) throws -> Data {
        guard format == Self.formatName, kdf == "scrypt", cipher == "AES-256-GCM" else { throw SealedFileError.unknownFormat }
        guard n <= Self.largestCost, r <= 32, p <= 16, (try? KDFCost(rounds: n, blockSize: r, parallelism: p)) != nil else {
            throw SealedFileError.unknownFormat
        }
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: try key(passphrase), authenticating: associatedData)
        else { throw SealedFileError.wrongPassphrase }
        return plain
    }

    /// The file as written: JSON, one line.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// A sealed file, or nil when `data` is not one (a plain export or a CSV file).
    public static func read(_ data: Data) -> SealedFile? {
        guard data.prefix(256).range(of: Data("\"care-sealed".utf8)) != nil else { return nil }
        return try? JSONDecoder().decode(SealedFile.self, from: data)
    }

    var associatedData: Data {
        Data("\(format)|\(kdf)|\(n)|\(r)|\(p)|\(salt.base64EncodedString())|\(cipher)|\(content)".utf8)
    }

    private func key(_ passphrase: String) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Data(passphrase.precomposedStringWithCanonicalMapping.utf8), salt: salt, outputByteCount: 32,
            rounds: n, blockSize: r, parallelism: p)
    }
}

public enum SealedFileError: Error, CustomStringConvertible, Equatable {
    case wrongPassphrase
    case passphraseTooShort
    case unknownFormat
    case notSealed

    public var description: String {
        switch self {
        case .wrongPassphrase: "The passphrase does not open this file (or the file was changed after it was sealed). Nothing was imported."
        case .passphraseTooShort: "A passphrase for a sealed export needs at least \(KeyVault.minimumPassphraseLength) characters; a few words work well."
        case .unknownFormat: "This sealed file was not written by this version of care, or its header was changed. Nothing was imported."
        case .notSealed: "The export could not be sealed; nothing was written."
        }
    }
}
