import CareDomain
import Crypto
import Foundation
import GRDB

/// Where the SQLite store keeps the lead drop's public key: `meta.lead_drop_key`.
extension LeadDrop {
    /// Writes (or puts right) the published public key, when this session holds the key.
    static func publish(keyring: Keyring, db: Database) throws {
        guard let key = keyring.key(for: .investigation) else { return }
        let published = try privateKey(key, storeID: keyring.storeID).publicKey.rawRepresentation
        guard try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [metaKey]) != published else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [metaKey, published])
    }

    static func publicKey(_ db: Database) throws -> Curve25519.KeyAgreement.PublicKey? {
        guard let raw = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [metaKey]) else { return nil }
        return try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
    }
}
