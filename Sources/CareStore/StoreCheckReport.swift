/// What `SQLiteCaseStore.verify()` found: SQLite's own integrity check, whether every sealed
/// record opens as its kind, and whether the audit chain holds.
public struct StoreCheckReport: Sendable, Equatable, CustomStringConvertible {
    /// A record that did not open, by kind and opaque id.
    public struct BadRecord: Sendable, Equatable {
        public var kind: String
        public var id: String
        public var reason: String
    }

    /// `PRAGMA integrity_check` lines other than "ok" (empty when SQLite finds no damage).
    public var integrityProblems: [String]
    public var recordsChecked: Int
    /// Records that failed to open, in table order; the first one is the one to look at.
    public var badRecords: [BadRecord]
    public var audit: AuditVerification

    public var isHealthy: Bool { integrityProblems.isEmpty && badRecords.isEmpty && audit.isIntact }

    public var description: String {
        var lines: [String] = []
        lines.append(integrityProblems.isEmpty ? "SQLite integrity: ok" : "SQLite integrity: \(integrityProblems.joined(separator: "; "))")
        if let first = badRecords.first {
            lines.append("records: \(badRecords.count) of \(recordsChecked) do not open; first: \(first.kind) \(first.id) (\(first.reason))")
        } else {
            lines.append("records: all \(recordsChecked) open")
        }
        lines.append(audit.description)
        return lines.joined(separator: "\n")
    }
}
