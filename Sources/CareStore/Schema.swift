import CareDomain
import GRDB

/// The store's tables. Only opaque ids, versions, kinds, classes and timestamps are in clear;
/// everything that could describe a child is a sealed `payload`, and who did what to which child
/// is in the audit trail only as keyed tags. Account names and roles are in clear because the
/// login list needs them before anyone has unlocked the store; they are about workers, not
/// children, and a worker's display name is sealed in their `worker` record. docs/security.md
/// lists every clear column and what it reveals.
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
        migrator.registerMigration("v3") { db in
            // Keys per visibility class, seals that bind every clear column, a trail that keeps
            // each record's row hash and cannot lose its tail, keyed audit metadata. The data
            // itself is converted at the first sign-in (`StoreUpgrade`): only then is a key at
            // hand. Until it has run, `meta.sealing` is missing.
            //
            // accounts: `public_key` and the private key wrapped under the passphrase
            //   (`wrapped_private`, with the kdf columns); `wrapped_key` (the data key wrapped by
            //   the first format) is emptied when the account gets its key pair.
            // key_grants: each account's sealed copy of each class key it may read, beside the
            //   entitlement that lets any holder of that key grant it.
            // keyring: one key check per class that exists.
            // records: `class` (the key it is sealed under) and `seal` (1: first format).
            // audit: rebuilt with keyed actor, target and child; the old rows wait in
            //   `audit_v1` until the upgrade has verified and carried them over.
            // audit_rows: the records each event wrote, by version and row hash.
            let hadEvents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0 > 0
            try db.execute(sql: """
                ALTER TABLE accounts ADD COLUMN public_key BLOB;
                ALTER TABLE accounts ADD COLUMN wrapped_private BLOB;
                CREATE TABLE key_grants (
                    account_id TEXT NOT NULL,
                    class TEXT NOT NULL,
                    entitlement BLOB NOT NULL,
                    sealed_key BLOB,
                    PRIMARY KEY (account_id, class)
                );
                CREATE TABLE keyring (
                    class TEXT PRIMARY KEY NOT NULL,
                    key_check BLOB NOT NULL
                );
                ALTER TABLE records ADD COLUMN class TEXT NOT NULL DEFAULT 'team';
                ALTER TABLE records ADD COLUMN seal INTEGER NOT NULL DEFAULT 1;
                DROP INDEX audit_by_child;
                DROP INDEX audit_by_target;
                """)
            if hadEvents {
                try db.execute(sql: "ALTER TABLE audit RENAME TO audit_v1")
            } else {
                try db.execute(sql: "DROP TABLE audit")
            }
            try db.execute(sql: """
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    action TEXT NOT NULL,
                    actor_key BLOB,
                    target_key BLOB,
                    child_key BLOB,
                    payload BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE INDEX audit_by_child ON audit(child_key, seq);
                CREATE INDEX audit_by_actor ON audit(actor_key, seq);
                CREATE INDEX audit_by_target ON audit(target_key, seq);
                CREATE TABLE audit_rows (
                    seq INTEGER NOT NULL,
                    ord INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    child_id TEXT,
                    row_hash BLOB NOT NULL,
                    PRIMARY KEY (seq, ord)
                );
                CREATE INDEX audit_rows_by_record ON audit_rows(kind, id, seq);
                INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', lower(hex(randomblob(16))));
                """)
        }
        migrator.registerMigration("v4") { db in
            // The sealed per-child summaries the caseload opens from (one row per child and
            // visibility class: `SQLiteCaseStore+Summaries`). They are made at the first sign-in
            // with write access, when a key is at hand; `meta.summaries` names the classes whose
            // summaries are complete. A store still without them opens from its records, so a
            // store of the previous version can be read read-only before it is upgraded.
            try db.execute(sql: """
                CREATE TABLE summaries (
                    child_id TEXT NOT NULL,
                    class TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    updated_at REAL NOT NULL,
                    change_seq INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (child_id, class)
                );
                """)
        }
        migrator.registerMigration("v5") { db in
            // Certified accounts (`Certificates`): each account's certificate from the unit's
            // authority, and the authority's private half sealed to each supervisor. A store made
            // before has none until its first supervisor sign-in. `meta.classes_pending` names
            // the classes whose key was never made (a store upgraded from the first format
            // waits for someone who may read them); any other class missing from the keyring
            // was removed, and is reported, never made again. A new store has no `meta.format`
            // yet and nothing pending.
            let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta WHERE key = 'format'") ?? 0 > 0
            try db.execute(sql: """
                ALTER TABLE accounts ADD COLUMN certificate BLOB;
                CREATE TABLE authority_grants (
                    account_id TEXT PRIMARY KEY NOT NULL,
                    sealed_key BLOB NOT NULL
                );
                """)
            if existing {
                let made = Set(try String.fetchAll(db, sql: "SELECT class FROM keyring"))
                let pending = VisibilityClass.allCases.filter { $0 != .team && !made.contains($0.rawValue) }
                try Certificates.notePending(Set(pending), db: db)
            }
        }
        migrator.registerMigration("v6") { db in
            // The team keys the trail was chained under before the present one
            // (`TeamKeyHistory`, `care keys rotate team`), and the trail's entries by child, so
            // opening a record finds a record of the child deleted outright (`RecordTrust`).
            try db.execute(sql: """
                CREATE TABLE key_epochs (
                    epoch INTEGER PRIMARY KEY,
                    first_seq INTEGER NOT NULL,
                    key_check BLOB NOT NULL,
                    previous_key BLOB NOT NULL
                );
                CREATE INDEX audit_rows_by_child ON audit_rows(child_id, kind, id);
                """)
        }
        return migrator
    }

    /// The last migration a store must have to be opened read-only: a store of the previous
    /// version, without `summaries`, still opens (from its records).
    static let readableFrom = "v3"

    /// `meta.sealing` once a store's data is in the format above.
    static let sealing = "2"
}
