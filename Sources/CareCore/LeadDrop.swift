import CareDomain
import Crypto
import Foundation

/// How a lead reaches the police from someone who holds no `investigation` key: a public key
/// whose private half is derived from the investigation class key (HKDF), published in
/// `meta.lead_drop_key` by the first session that holds that key. A child protection worker or
/// a liaison seals the lead to it with HPKE (X25519, HKDF-SHA256, ChaCha20-Poly1305), with every
/// clear column of the row as associated data, so the row is `investigation` class like any
/// other and only police and supervisors can open it; the reporter's own key cannot.
///
/// The sealing is here, shared by every backend; where the public key is kept is each store's
/// (`LeadDrop+GRDB.swift` for SQLite, `meta` on the server for PostgreSQL).
package enum LeadDrop {
    package static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    package static let metaKey = "lead_drop_key"
    package static let encapsulatedKeyLength = 32

    /// The drop's private key, from the investigation class key.
    package static func privateKey(_ investigation: SymmetricKey, storeID: String) throws -> Curve25519.KeyAgreement.PrivateKey {
        let seed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: investigation, salt: Data(storeID.utf8), info: Data("care/v2/lead-drop".utf8), outputByteCount: 32)
        return try seed.withUnsafeBytes { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Data($0)) }
    }

    private static func info(_ storeID: String) -> Data {
        var binding = BindingData("care/v2/lead-drop")
        binding.text(storeID)
        return binding.bytes
    }

    /// The public key a session holding `keyring`'s investigation key publishes (its raw
    /// bytes), or nil when it holds none. A store writes it where it keeps `metaKey` whenever it
    /// differs from what is there.
    package static func publishedKey(keyring: Keyring) throws -> Data? {
        guard let key = keyring.key(for: .investigation) else { return nil }
        return try privateKey(key, storeID: keyring.storeID).publicKey.rawRepresentation
    }

    /// `record` sealed into a row as every backend writes it: under its class key, or, for a
    /// lead from someone who does not hold the `investigation` key, to the drop's public key
    /// (`published`: the raw bytes the store keeps, read only then). Refused in words while no
    /// key is published.
    package static func sealedForWriting<Record: CareRecord>(
        _ record: Record, at: Date, changeSequence: Int64, keys: SessionKeys, encoder: JSONEncoder, published: () throws -> Data?
    ) throws -> RecordRow {
        guard Record.kind == .lead, case var row = RecordRow(record, updatedAt: at, changeSequence: changeSequence),
              !keys.keyring.holds(row.visibility)
        else { return try RecordOpening.sealed(record, at: at, changeSequence: changeSequence, keys: keys, encoder: encoder) }
        guard let raw = try published(), let drop = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw StoreError.invalid(
                "The police's key for leads is not set up in this store yet; it is, once a police officer or a supervisor has signed in.")
        }
        try seal(encoder.encode(record), into: &row, to: drop, storeID: keys.storeID)
        return row
    }

    /// `sealedForWriting` for a record known only as `AnyRecord`.
    package static func sealedForWriting(
        any record: AnyRecord, at: Date, changeSequence: Int64, keys: SessionKeys, encoder: JSONEncoder, published: () throws -> Data?
    ) throws -> RecordRow {
        func seal<Record: CareRecord>(_ concrete: Record) throws -> RecordRow {
            try sealedForWriting(concrete, at: at, changeSequence: changeSequence, keys: keys, encoder: encoder, published: published)
        }
        return try seal(record.record)
    }

    /// Seals `plaintext` into `row.payload` for the police.
    package static func seal(_ plaintext: Data, into row: inout RecordRow, to publicKey: Curve25519.KeyAgreement.PublicKey, storeID: String) throws {
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: suite, info: info(storeID))
        row.seal = .drop
        let sealed = try sender.seal(plaintext, authenticating: row.associatedData(storeID: storeID))
        row.payload = sender.encapsulatedKey + sealed
    }

    /// Opens a row sealed to the drop, with the investigation class key.
    package static func open(_ row: RecordRow, investigation: SymmetricKey, storeID: String) throws -> Data {
        guard row.payload.count > encapsulatedKeyLength else { throw StoreError.sealBroken(kind: row.kind, id: row.id) }
        let encapsulated = row.payload.prefix(encapsulatedKeyLength)
        let sealed = row.payload.dropFirst(encapsulatedKeyLength)
        do {
            var recipient = try HPKE.Recipient(
                privateKey: privateKey(investigation, storeID: storeID), ciphersuite: suite, info: info(storeID),
                encapsulatedKey: Data(encapsulated))
            return try recipient.open(Data(sealed), authenticating: row.associatedData(storeID: storeID))
        } catch {
            throw StoreError.sealBroken(kind: row.kind, id: row.id)
        }
    }
}
