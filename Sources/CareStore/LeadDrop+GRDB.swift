import CareDomain
import Crypto
import Foundation
import GRDB

/// Where the SQLite store keeps the lead drop's public key: `meta.lead_drop_key`.
extension LeadDrop {
    /// Writes (or puts right) the published public key, when this session holds the key.
    static func publish(keyring: Keyring, db: Database) throws {
        guard let published = try publishedKey(keyring: keyring) else { return }
        guard try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [metaKey]) != published else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [metaKey, published])
    }

    /// The published key's raw bytes, for `LeadDrop.sealedForWriting`.
    static func published(_ db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [metaKey])
    }
}
