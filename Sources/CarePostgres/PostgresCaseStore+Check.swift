import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// `care check` on the server: the records and the chain checked by the same rules as in the
/// SQLite file (`RecordCheck`, `AuditLinking.verify`).
extension PostgresCaseStore {
    /// Every record against the last version the audit trail wrote of it and, when this account
    /// holds its class's key, opened as its kind; what the trail wrote that is gone; then the
    /// chain from its first event to its keyed head. Reveals nothing sealed.
    /// Then every caseload summary the same way and against the child's records (`SummaryCheck`),
    /// and every account's certificate, key grant and the keyring's signature (`AccountCheck`),
    /// both shared with the SQLite store. The server keeps no memory of the authority key (the
    /// SQLite store's anchor book is this machine's), so a replaced authority key whose
    /// certificates and keyring signature were all made again is not found here.
    public func verify() throws -> StoreCheckReport {
        do { try Permission.readAudit.require(role) } catch { throw CommandError.denied(error) }
        return try read { transaction, keys in
            var records = RecordCheck(keys: keys)
            // The newest entry the trail wrote of each record (`DISTINCT ON` keeps the first row
            // of each kind and id, which the order makes the newest).
            let latest = """
                WITH latest AS (
                    SELECT DISTINCT ON (kind, id) kind, id, version, child_id, row_hash, seq FROM audit_rows
                    WHERE kind <> 'summary' ORDER BY kind, id, seq DESC
                )
                """
            let rows = try transaction.query("""
                \(latest)
                SELECT r.kind, r.id, r.child_id, r.version, r.sort_at, r.updated_at, r.change_seq, r.class, r.seal, r.payload,
                       l.version AS trail_version, l.child_id AS trail_child, l.row_hash AS trail_hash, l.seq AS trail_seq
                FROM records r LEFT JOIN latest l ON l.kind = r.kind AND l.id = r.id
                ORDER BY r.kind, r.id
                """)
            for stored in rows {
                let written: RecordCheck.Written? = if try stored.stored("trail_seq", as: Int64?.self) != nil {
                    RecordCheck.Written(
                        version: Int(try stored.stored("trail_version", as: Int64.self)), childID: try stored.stored("trail_child", as: String?.self),
                        rowHash: try stored.bytes("trail_hash"))
                } else { nil }
                records.check(
                    kind: (try? stored.stored("kind", as: String?.self)) ?? nil, id: (try? stored.stored("id", as: String?.self)) ?? nil,
                    childID: (try? stored.stored("child_id", as: String?.self)) ?? nil, row: Result { try Self.recordRow(stored) },
                    written: written)
            }
            let deleted = try transaction.query("""
                \(latest)
                SELECT l.kind, l.id, l.version, l.child_id FROM latest l LEFT JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE r.id IS NULL ORDER BY l.seq
                """)
            for row in deleted {
                records.deleted(
                    kind: try row.stored("kind"), id: try row.stored("id"), version: Int(try row.stored("version", as: Int64.self)),
                    childID: try row.stored("child_id", as: String?.self))
            }
            let summaries = try Self.checkSummaries(transaction, keys: keys, troubled: records.troubled)
            var report = StoreCheckReport(
                integrityProblems: [], recordsChecked: records.checked + summaries.checked,
                recordsNotReadable: records.notReadable + summaries.notReadable, problems: records.problems + summaries.problems,
                audit: try Self.walkChain(transaction, keys: keys), engineCheck: nil)
            let accounts = try Self.accountCheck(transaction)
            report.accountProblems = accounts.problems(keyring: keys.keyring)
            report.accountsCertified = accounts.authorityKey != nil
            return report
        }
    }

    /// Every summary against the last version the trail wrote of it, opened when this account
    /// holds its class's key and compared with the entry the child's records make now; a child
    /// missing the summary of a class the store keeps is named too (`SummaryCheck`).
    static func checkSummaries(
        _ transaction: PostgresLink.Transaction, keys: SessionKeys, troubled: Set<String>
    ) throws -> (checked: Int, notReadable: Int, problems: [StoreCheckReport.RecordProblem]) {
        var summaries = SummaryCheck(
            keys: keys, made: try SummaryCheck.made(kept: try summarizedClasses(transaction), keys: keys) { visibility, damaged in
                try caseloadEntries(of: nil, visibility, transaction, keys: keys) { record, _ in damaged(record) }
            }, troubled: troubled)
        let latest = """
            WITH latest AS (
                SELECT DISTINCT ON (id) id, version, child_id, row_hash, seq FROM audit_rows
                WHERE kind = '\(CaseloadSummaries.kind)' ORDER BY id, seq DESC
            )
            """
        let rows = try transaction.query("""
            \(latest)
            SELECT s.child_id, s.class, s.version, s.updated_at, s.change_seq, s.payload,
                   l.version AS trail_version, l.child_id AS trail_child, l.row_hash AS trail_hash
            FROM summaries s LEFT JOIN latest l ON l.id = s.class || '/' || s.child_id
            ORDER BY s.class, s.child_id
            """)
        for stored in rows {
            let id = "\((try? stored.stored("class", as: String?.self)).flatMap { $0 } ?? "")/\((try? stored.stored("child_id", as: String?.self)).flatMap { $0 } ?? "")"
            let written: RecordCheck.Written? = if let version = try stored.stored("trail_version", as: Int64?.self) {
                RecordCheck.Written(
                    version: Int(version), childID: try stored.stored("trail_child", as: String?.self), rowHash: try stored.bytes("trail_hash"))
            } else { nil }
            summaries.check(id: id, row: Result { try summaryRow(stored) }, written: written)
        }
        let deleted = try transaction.query("""
            \(latest)
            SELECT l.id, l.version FROM latest l LEFT JOIN summaries s ON l.id = s.class || '/' || s.child_id
            WHERE s.child_id IS NULL ORDER BY l.seq
            """)
        for row in deleted { summaries.deleted(id: try row.stored("id"), version: Int(try row.stored("version", as: Int64.self))) }
        summaries.finish()
        return (summaries.checked, summaries.notReadable, summaries.problems)
    }

    /// The accounts and key tables as `AccountCheck` reads them.
    static func accountCheck(_ transaction: PostgresLink.Transaction) throws -> AccountCheck {
        var entitlements: [String: [VisibilityClass: Data]] = [:]
        var sealed: [String: Int] = [:]
        var grants: [(accountID: String, visibility: VisibilityClass)] = []
        for row in try transaction.query(
            "SELECT account_id, class, entitlement, sealed_key IS NOT NULL AS sealed FROM key_grants ORDER BY account_id, class") {
            let id: String = try row.stored("account_id")
            guard let visibility = VisibilityClass(rawValue: try row.stored("class")) else { continue }
            entitlements[id, default: [:]][visibility] = try row.bytes("entitlement")
            if try row.stored("sealed", as: Bool.self) { sealed[id, default: 0] += 1 }
            grants.append((id, visibility))
        }
        var accounts: [AccountCheck.Account] = []
        for row in try transaction.query("SELECT id, account_name, role, active, public_key, certificate FROM accounts ORDER BY account_name") {
            guard let role = Role(rawValue: try row.stored("role")) else { continue }
            let id: String = try row.stored("id")
            accounts.append(AccountCheck.Account(
                account: CertifiedAccount(
                    id: id, name: try row.stored("account_name"), role: role, active: try row.stored("active", as: Int64.self) == 1,
                    publicKey: try row.optionalBytes("public_key")),
                certificate: try row.optionalBytes("certificate"), sealedGrants: sealed[id] ?? 0, entitlements: entitlements[id] ?? [:]))
        }
        var checks: [VisibilityClass: Data] = [:]
        for row in try transaction.query("SELECT class, key_check FROM keyring") {
            if let visibility = VisibilityClass(rawValue: try row.stored("class")) { checks[visibility] = try row.bytes("key_check") }
        }
        return AccountCheck(
            authorityKey: try metaBytes("authority_key", transaction), seenAuthority: nil, accounts: accounts, grants: grants,
            authorityGrants: try transaction.query("SELECT account_id FROM authority_grants ORDER BY account_id").map { try $0.stored("account_id") },
            keyChecks: checks, pending: Set((try metaText("classes_pending", transaction) ?? "").split(separator: ",").compactMap {
                VisibilityClass(rawValue: String($0))
            }),
            keyringSignature: try metaBytes("keyring_signature", transaction))
    }
}
