import GRDB

/// The store's tables. Only opaque ids, versions, kinds and timestamps are in clear; everything
/// that could describe a child is a sealed `payload`. Account names and roles are in clear
/// because the login list needs them before anyone has unlocked the store; they are about
/// workers, not children, and a worker's display name is sealed in their `worker` record.
enum Schema {
    /// Written to `meta.format` when a store is created.
    static let format = "care-store/1"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB
                );
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    active INTEGER NOT NULL,
                    wrapped_key BLOB NOT NULL,
                    kdf_salt BLOB NOT NULL,
                    kdf_n INTEGER NOT NULL,
                    kdf_r INTEGER NOT NULL,
                    kdf_p INTEGER NOT NULL,
                    version INTEGER NOT NULL
                );
                CREATE TABLE records (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    child_id TEXT,
                    version INTEGER NOT NULL,
                    sort_at REAL,
                    updated_at REAL NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (kind, id)
                );
                CREATE INDEX records_by_child ON records(kind, child_id, sort_at);
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    actor TEXT,
                    action TEXT NOT NULL,
                    target_kind TEXT,
                    target_id TEXT,
                    child_id TEXT,
                    payload BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE INDEX audit_by_child ON audit(child_id, seq);
                CREATE INDEX audit_by_target ON audit(target_kind, target_id, seq);
                -- Failed logins cannot join the keyed chain (no key without the passphrase), so
                -- they wait here and are folded into the chain at the next successful login.
                CREATE TABLE failed_logins (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    account TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
