/// The tables of one unit's schema. They mirror the SQLite store's (`Schema`, at its latest
/// version) column for column, so `care migrate` copies sealed rows and the audit chain byte for
/// byte: `BLOB` is `bytea`, `REAL` `double precision`, `INTEGER` `bigint`.
///
/// Everything a name or a note could be in is a sealed `payload`; the clear columns are ids,
/// versions, times, classes and keyed tags, as in the SQLite file.
enum PostgresSchema {
    static let format = "care-store/postgres/1"

    static func create(schema: String) -> [String] {
        let name = PostgresLink.quoted(schema)
        return [
            "CREATE SCHEMA \(name)",
            "SET search_path TO \(name)",
            """
            CREATE TABLE meta (
                key text PRIMARY KEY,
                value bytea
            )
            """,
            """
            CREATE TABLE accounts (
                id text PRIMARY KEY,
                account_name text NOT NULL UNIQUE,
                role text NOT NULL,
                active bigint NOT NULL,
                wrapped_key bytea NOT NULL,
                kdf_salt bytea NOT NULL,
                kdf_n bigint NOT NULL,
                kdf_r bigint NOT NULL,
                kdf_p bigint NOT NULL,
                version bigint NOT NULL,
                public_key bytea,
                wrapped_private bytea,
                certificate bytea
            )
            """,
            """
            CREATE TABLE records (
                kind text NOT NULL,
                id text NOT NULL,
                child_id text,
                version bigint NOT NULL,
                sort_at double precision,
                updated_at double precision NOT NULL,
                payload bytea NOT NULL,
                change_seq bigint NOT NULL DEFAULT 0,
                class text NOT NULL DEFAULT 'team',
                seal bigint NOT NULL DEFAULT 1,
                PRIMARY KEY (kind, id)
            )
            """,
            "CREATE INDEX records_by_change ON records(change_seq)",
            "CREATE INDEX records_by_child ON records(kind, child_id, sort_at, id)",
            """
            CREATE TABLE audit (
                seq bigint PRIMARY KEY,
                at double precision NOT NULL,
                action text NOT NULL,
                actor_key bytea,
                target_key bytea,
                child_key bytea,
                payload bytea NOT NULL,
                hash bytea NOT NULL
            )
            """,
            "CREATE INDEX audit_by_child ON audit(child_key, seq)",
            "CREATE INDEX audit_by_actor ON audit(actor_key, seq)",
            "CREATE INDEX audit_by_target ON audit(target_key, seq)",
            """
            CREATE TABLE audit_rows (
                seq bigint NOT NULL,
                ord bigint NOT NULL,
                kind text NOT NULL,
                id text NOT NULL,
                version bigint NOT NULL,
                child_id text,
                row_hash bytea NOT NULL,
                PRIMARY KEY (seq, ord)
            )
            """,
            "CREATE INDEX audit_rows_by_record ON audit_rows(kind, id, seq)",
            """
            CREATE TABLE failed_logins (
                id bigserial PRIMARY KEY,
                at double precision NOT NULL,
                account text NOT NULL
            )
            """,
            """
            CREATE TABLE case_counters (
                unit text NOT NULL,
                year bigint NOT NULL,
                last bigint NOT NULL,
                PRIMARY KEY (unit, year)
            )
            """,
            """
            CREATE TABLE key_grants (
                account_id text NOT NULL,
                class text NOT NULL,
                entitlement bytea NOT NULL,
                sealed_key bytea,
                PRIMARY KEY (account_id, class)
            )
            """,
            """
            CREATE TABLE keyring (
                class text PRIMARY KEY,
                key_check bytea NOT NULL
            )
            """,
            """
            CREATE TABLE summaries (
                child_id text NOT NULL,
                class text NOT NULL,
                version bigint NOT NULL,
                updated_at double precision NOT NULL,
                change_seq bigint NOT NULL,
                payload bytea NOT NULL,
                PRIMARY KEY (child_id, class)
            )
            """,
            """
            CREATE TABLE authority_grants (
                account_id text PRIMARY KEY,
                sealed_key bytea NOT NULL
            )
            """,
        ]
    }

    /// The tables `care migrate` copies, in an order that keeps every reference valid.
    static let tables = [
        "meta", "accounts", "key_grants", "keyring", "authority_grants", "records", "summaries", "case_counters", "audit", "audit_rows",
        "failed_logins",
    ]
}
