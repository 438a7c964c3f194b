import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// `care migrate`: a unit's tables carried from another backend to a new schema on the server,
/// row for row and byte for byte — sealed payloads, keyed tags, key grants and the audit chain
/// are copied, never opened, so no passphrase is needed and the server learns nothing it would
/// not hold anyway. Then every copied row is read back and compared with what was sent (the row
/// hash the audit trail keeps for records and caseload summaries, the bytes of each chain link),
/// before the copy is said to be done.
public enum PostgresMigration {
    /// What a migration did, in words and numbers.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        /// Rows copied, by table, in the order they were copied.
        public var copied: [(table: String, rows: Int)]
        /// Rows read back that differ from the source (none when the copy is sound).
        public var mismatches: [String]

        public static func == (a: Report, b: Report) -> Bool {
            a.copied.map(\.table) == b.copied.map(\.table) && a.copied.map(\.rows) == b.copied.map(\.rows) && a.mismatches == b.mismatches
        }

        public var isSound: Bool { mismatches.isEmpty }

        public var description: String {
            var lines = copied.map { "copied \($0.rows) rows of \($0.table)" }
            lines.append(mismatches.isEmpty
                ? "every record and audit event read back from the server is the one sent"
                : "\(mismatches.count) rows differ after the copy: " + mismatches.prefix(5).joined(separator: "; "))
            return lines.joined(separator: "\n")
        }
    }

    /// Copies `tables` into `address`'s unit schema, which must not exist yet, in one
    /// transaction (a failed copy leaves nothing behind), then verifies the copy.
    public static func migrate(_ tables: [StoreTable], to address: PostgresAddress) throws -> Report {
        let unit = tables.first { $0.name == "meta" }.flatMap { meta -> String? in
            guard let key = meta.columns.firstIndex(of: "key"), let value = meta.columns.firstIndex(of: "value") else { return nil }
            return meta.rows.first { $0[key] == .text("unit") }.flatMap { if case .text(let code) = $0[value] { code } else { nil } }
        }
        guard unit == address.unit else {
            throw StoreError.invalid("the store is of the unit \(unit ?? "(none)"), but the address names the unit \(address.unit)")
        }
        let link = try PostgresLink(address)
        defer { link.close() }
        if try link.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [.text(address.schema)]).first != nil {
            throw PostgresStoreError.storeExists(address.description)
        }
        var copied: [(String, Int)] = []
        try link.transaction(writer: false) { transaction in
            for statement in PostgresSchema.create(schema: address.schema) { try transaction.query(statement) }
            for table in tables {
                guard PostgresSchema.tables.contains(table.name) else { continue }
                let columns = table.columns.map { PostgresLink.quoted($0) }.joined(separator: ", ")
                let marks = table.columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
                let sql = "INSERT INTO \(table.name)(\(columns)) VALUES (\(marks))"
                for row in table.rows {
                    try transaction.query(sql, zip(table.columns, row).map { column, value in
                        sqlValue(value, bytesColumn: table.name == "meta" && column == "value")
                    })
                }
                if table.name == "failed_logins", !table.rows.isEmpty {
                    try transaction.query("SELECT setval(pg_get_serial_sequence('failed_logins', 'id'), (SELECT MAX(id) FROM failed_logins))")
                }
                copied.append((table.name, table.rows.count))
            }
        }
        return Report(copied: copied, mismatches: try readBack(tables, link))
    }

    /// SQLite's dynamically typed `meta.value` becomes bytes: text and numbers as their UTF-8
    /// digits, as the PostgreSQL store writes them.
    private static func sqlValue(_ value: StoreTable.Value, bytesColumn: Bool) -> SQLValue {
        switch value {
        case .null: .null
        case .integer(let number): bytesColumn ? .bytes(Data(String(number).utf8)) : .integer(number)
        case .real(let number): bytesColumn ? .bytes(Data(String(number).utf8)) : .real(number)
        case .text(let text): bytesColumn ? .bytes(Data(text.utf8)) : .text(text)
        case .bytes(let data): .bytes(data)
        }
    }

    /// Every record's row hash and every audit event's chain hash and payload, as read back from
    /// the server, against the source's.
    private static func readBack(_ tables: [StoreTable], _ link: PostgresLink) throws -> [String] {
        var mismatches: [String] = []
        if let records = tables.first(where: { $0.name == "records" }) {
            var sent: [String: Data] = [:]
            for row in records.rows {
                let stored = try recordRow(row, columns: records.columns)
                sent[stored.kind + "/" + stored.id] = stored.hash
            }
            var seen = 0
            for row in try link.query("SELECT \(RecordRow.columns) FROM records") {
                let stored = try PostgresCaseStore.recordRow(row)
                seen += 1
                if sent[stored.kind + "/" + stored.id] != stored.hash { mismatches.append("the \(stored.kind) record \(stored.id)") }
            }
            if seen != records.rows.count { mismatches.append("\(records.rows.count) records sent, \(seen) on the server") }
        }
        if let summaries = tables.first(where: { $0.name == "summaries" }) {
            var sent: [String: Data] = [:]
            for row in summaries.rows {
                let stored = try summaryRow(row, columns: summaries.columns)
                sent[stored.id] = stored.hash
            }
            let back = try link.query("SELECT \(CaseloadSummaries.columns) FROM summaries")
            for row in back {
                let stored = try PostgresCaseStore.summaryRow(row)
                if sent[stored.id] != stored.hash { mismatches.append("the summary \(stored.id)") }
            }
            if back.count != summaries.rows.count { mismatches.append("\(summaries.rows.count) summaries sent, \(back.count) on the server") }
        }
        if let audit = tables.first(where: { $0.name == "audit" }),
           let seqColumn = audit.columns.firstIndex(of: "seq"), let hashColumn = audit.columns.firstIndex(of: "hash"),
           let payloadColumn = audit.columns.firstIndex(of: "payload") {
            var sent: [Int64: (StoreTable.Value, StoreTable.Value)] = [:]
            for row in audit.rows { if case .integer(let seq) = row[seqColumn] { sent[seq] = (row[hashColumn], row[payloadColumn]) } }
            let back = try link.query("SELECT seq, hash, payload FROM audit ORDER BY seq")
            for row in back {
                let seq: Int64 = try row.stored("seq")
                guard let (hash, payload) = sent[seq], hash == .bytes(try row.bytes("hash")), payload == .bytes(try row.bytes("payload")) else {
                    mismatches.append("audit event \(seq)")
                    continue
                }
            }
            if back.count != audit.rows.count { mismatches.append("\(audit.rows.count) audit events sent, \(back.count) on the server") }
        }
        return mismatches
    }

    private static func summaryRow(_ row: [StoreTable.Value], columns: [String]) throws -> RecordRow {
        func value(_ name: String) -> StoreTable.Value { columns.firstIndex(of: name).map { row[$0] } ?? .null }
        guard case .text(let child) = value("child_id"), case .text(let visibility) = value("class"), case .integer(let version) = value("version"),
              case .integer(let sequence) = value("change_seq"), case .bytes(let payload) = value("payload")
        else { throw StoreError.corrupt("a caseload summary of the source store is damaged in its clear columns") }
        let updatedAt: Double
        switch value("updated_at") {
        case .real(let time): updatedAt = time
        case .integer(let time): updatedAt = Double(time)
        default: throw StoreError.corrupt("a caseload summary of the source store is damaged in its clear columns")
        }
        return try CaseloadSummaries.row(
            childID: child, visibility: visibility, version: Int(version), updatedAt: updatedAt, changeSequence: sequence, payload: payload)
    }

    private static func recordRow(_ row: [StoreTable.Value], columns: [String]) throws -> RecordRow {
        func value(_ name: String) -> StoreTable.Value { columns.firstIndex(of: name).map { row[$0] } ?? .null }
        func text(_ name: String) -> String? { if case .text(let text) = value(name) { text } else { nil } }
        func integer(_ name: String) -> Int64? { if case .integer(let number) = value(name) { number } else { nil } }
        func real(_ name: String) -> Double? {
            switch value(name) {
            case .real(let number): number
            case .integer(let number): Double(number)
            default: nil
            }
        }
        guard let kind = text("kind"), let id = text("id"), let version = integer("version"), let updatedAt = real("updated_at"),
              let visibility = text("class").flatMap(VisibilityClass.init(rawValue:)),
              let seal = integer("seal").flatMap({ RecordRow.Seal(rawValue: Int($0)) }), case .bytes(let payload) = value("payload")
        else { throw StoreError.corrupt("a record of the source store is damaged in its clear columns") }
        return RecordRow(
            kind: kind, id: id, childID: text("child_id"), version: Int(version), sortAt: real("sort_at"), updatedAt: updatedAt,
            changeSequence: integer("change_seq") ?? 0, visibility: visibility, seal: seal, payload: payload)
    }
}
