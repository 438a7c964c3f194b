/// What `care check` found: SQLite's own integrity check, every record against the audit
/// trail's memory of it (and opened, when this account holds its class's key), and the chain.
/// The same for both backends (`RecordCheck` makes its records' part); a PostgreSQL store has
/// no file for care to check (`engineCheck` nil): its server's own checks are its operator's.
public struct StoreCheckReport: Sendable, Equatable, CustomStringConvertible {
    /// A record that is not as the audit trail last wrote it, by kind and opaque id.
    public struct RecordProblem: Sendable, Equatable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable, CustomStringConvertible {
            /// In the trail, not in the table.
            case deleted(version: Int)
            /// An older version put back: its seal still opens, the trail knows a newer one.
            case rolledBack(stored: Int, trail: Int)
            /// A version the trail never wrote.
            case unknownVersion(stored: Int, trail: Int)
            /// Under another child than the trail wrote it for.
            case moved(from: String?, to: String?)
            /// The row's bytes are not those the trail wrote.
            case altered
            /// A row no event wrote.
            case notInTrail
            /// The seal does not open under its columns.
            case sealBroken
            /// Any other damage, in words.
            case damaged(String)
            /// A child without the summary of a class the store keeps summaries of.
            case missing
            /// A summary that opens but does not hold what the child's records say now.
            case differs

            public var description: String {
                switch self {
                case .deleted(let version): "deleted (the audit trail wrote version \(version))"
                case .rolledBack(let stored, let trail): "rolled back to version \(stored) (the audit trail wrote version \(trail))"
                case .unknownVersion(let stored, let trail): "at version \(stored), which the audit trail never wrote (it wrote \(trail))"
                case .moved(let from, let to): "moved from child \(from ?? "none") to child \(to ?? "none")"
                case .altered: "changed outside care (not the row the audit trail wrote)"
                case .notInTrail: "added outside care (no audit event wrote it)"
                case .sealBroken: "its seal does not open: it was altered, moved or sealed under another key"
                case .damaged(let why): why
                case .missing: "missing (the store keeps this class's summaries; the caseload reads this child from its records)"
                case .differs: "does not hold what the child's records say (the caseload would show what they no longer say)"
                }
            }
        }

        public var kind: String
        public var id: String
        public var reason: Reason

        public var description: String { "\(kind) \(id): \(reason)" }

        package init(kind: String, id: String, reason: Reason) {
            self.kind = kind
            self.id = id
            self.reason = reason
        }
    }

    /// `PRAGMA integrity_check` lines other than "ok" (empty when SQLite finds no damage).
    public var integrityProblems: [String]
    /// Rows in the records table.
    public var recordsChecked: Int
    /// Rows of classes this account holds no key to (its role may not read them, or the key has
    /// not reached it yet): checked against the trail, not opened.
    public var recordsNotReadable: Int
    /// Every record that is not as the trail wrote it, deleted ones included, in table order.
    public var problems: [RecordProblem]
    public var audit: AuditVerification
    /// The accounts and key tables: a certificate that does not verify, a grant to a role its
    /// certificate does not allow, a class key missing or added (`Certificates.problems`).
    public var accountProblems: [String] = []
    /// False for a store made before certificates, until its first supervisor sign-in.
    public var accountsCertified = true

    /// The store is behind, or differs from, the head this machine saw (`SignIn.anchorNotice`).
    /// The anchor stays where it was until a supervisor accepts the store (`care anchor accept`),
    /// so every check says so again.
    public var anchorProblem: String?
    /// The name of the storage engine's own check that `integrityProblems` reports ("SQLite
    /// integrity"); nil when care runs none (PostgreSQL), and no line is printed for it.
    public var engineCheck: String? = "SQLite integrity"
    /// False where the accounts' certificates and key grants were not walked (PostgreSQL, so
    /// far: each sign-in checks its own account's certificate); said so, not called healthy.
    public var accountsChecked = true

    package init(
        integrityProblems: [String], recordsChecked: Int, recordsNotReadable: Int, problems: [RecordProblem], audit: AuditVerification,
        accountProblems: [String] = [], accountsCertified: Bool = true, anchorProblem: String? = nil, engineCheck: String? = "SQLite integrity"
    ) {
        self.integrityProblems = integrityProblems
        self.recordsChecked = recordsChecked
        self.recordsNotReadable = recordsNotReadable
        self.problems = problems
        self.audit = audit
        self.accountProblems = accountProblems
        self.accountsCertified = accountsCertified
        self.anchorProblem = anchorProblem
        self.engineCheck = engineCheck
    }

    public var isHealthy: Bool {
        integrityProblems.isEmpty && problems.isEmpty && audit.isIntact && accountProblems.isEmpty && anchorProblem == nil
    }

    /// How many problems the description names one by one.
    static let namedLimit = 50

    public var description: String {
        var lines: [String] = []
        if let engineCheck {
            lines.append(integrityProblems.isEmpty ? "\(engineCheck): ok" : "\(engineCheck): \(integrityProblems.joined(separator: "; "))")
        }
        if problems.isEmpty {
            lines.append("records: all \(recordsChecked) match the audit trail"
                + (recordsNotReadable == 0
                    ? " and open"
                    : "; \(recordsChecked - recordsNotReadable) open, \(recordsNotReadable) are sealed under a key this account does not hold"))
        } else {
            lines.append("records: \(problems.count) problems among \(recordsChecked):")
            for problem in problems.prefix(Self.namedLimit) { lines.append("  \(problem)") }
            if problems.count > Self.namedLimit { lines.append("  … and \(problems.count - Self.namedLimit) more") }
        }
        if !accountsChecked {
            lines.append("accounts and keys: not checked by care check on this store (each sign-in checks its own account's certificate)")
        } else if !accountsCertified {
            lines.append("accounts: not yet certified (the first supervisor to sign in certifies them)")
        } else if accountProblems.isEmpty {
            lines.append("accounts and keys: every certificate and grant verifies")
        } else {
            lines.append("accounts and keys: \(accountProblems.count) problems:")
            for problem in accountProblems.prefix(Self.namedLimit) { lines.append("  \(problem)") }
        }
        lines.append(audit.description)
        if let anchorProblem { lines.append("this machine: \(anchorProblem)") }
        return lines.joined(separator: "\n")
    }
}
