import Crypto
import Foundation

/// Seals and opens payloads with the store's data key (AES-256-GCM). The associated data names
/// where the blob belongs — `care/v1|<kind>|<id>` — so a blob copied into another row, or a row
/// of another kind, fails to open instead of showing one child's notes on another's record.
struct Sealer: Sendable {
    let key: SymmetricKey

    /// The associated data binding a payload to its row.
    static func associatedData(kind: String, id: String) -> Data {
        Data("care/v1|\(kind)|\(id)".utf8)
    }

    func seal(_ plaintext: Data, kind: String, id: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Self.associatedData(kind: kind, id: id))
        guard let combined = box.combined else { throw StoreError.invalid("AES-GCM produced no combined box") }
        return combined
    }

    /// Opens a blob sealed for (`kind`, `id`); throws `StoreError.sealBroken` when it was sealed
    /// for another row, edited, or sealed under another key.
    func open(_ blob: Data, kind: String, id: String) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: blob)
            return try AES.GCM.open(box, using: key, authenticating: Self.associatedData(kind: kind, id: id))
        } catch {
            throw StoreError.sealBroken(kind: kind, id: id)
        }
    }
}
