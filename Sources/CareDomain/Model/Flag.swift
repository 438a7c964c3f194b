import Foundation

/// A manual flag a worker sets on a child ("do not approach at school"). Removing one needs a
/// reason and keeps the flag with its removal, so nothing is lost.
public struct Flag: Hashable, Codable, Sendable, Identifiable {
    public var id: FlagID
    public var text: String
    public var severity: AlertSeverity
    public var setBy: WorkerID
    public var setAt: Date
    public var removal: Removal?

    /// The one `Removal` every removable part of a record shares (same stored JSON).
    public typealias Removal = CareDomain.Removal

    public init(id: FlagID = .make(), text: String, severity: AlertSeverity = .warning, setBy: WorkerID, setAt: Date, removal: Removal? = nil) {
        self.id = id
        self.text = text
        self.severity = severity
        self.setBy = setBy
        self.setAt = setAt
        self.removal = removal
    }
}

/// How urgent an alert is. Shown with a word and a symbol, never by colour alone.
public enum AlertSeverity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, critical

    public var word: String { rawValue.uppercased() }

    public var symbol: String {
        switch self {
        case .info: "·"
        case .warning: "▲"
        case .critical: "●"
        }
    }

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
