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
        migrator.registerMigration("v2") { db in
            // The change feed: every written row carries the `meta.changes` value it was written
            // under, so `changes(since:)` is one indexed range scan. Rows written before v2 keep
            // 0: they are older than any cursor a session can hold after opening with v2.
            // Case-number counters per unit and year: the next number is taken inside the
            // transaction that creates the child, so two processes never get the same one. A
            // missing row is seeded from the children already in the store the first time.
            // Contacts page by (sort_at, id), so the child index carries the id too.
            try db.execute(sql: """
                ALTER TABLE records ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX records_by_change ON records(change_seq);
                DROP INDEX records_by_child;
                CREATE INDEX records_by_child ON records(kind, child_id, sort_at, id);
                CREATE TABLE case_counters (
                    unit TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    last INTEGER NOT NULL,
                    PRIMARY KEY (unit, year)
                );
                """)
        }
        return migrator
    }
}
