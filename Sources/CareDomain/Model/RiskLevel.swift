/// How much danger a child is judged to be in. Ordered: `low < medium < high < critical`.
public enum RiskLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    /// The word shown with the symbol, so risk never depends on colour alone.
    public var word: String { rawValue.uppercased() }

    /// Monochrome-safe symbol: more marks, more risk.
    public var symbol: String {
        switch self {
        case .low: "·"
        case .medium: "▲"
        case .high: "▲▲"
        case .critical: "●●"
        }
    }

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where the child stands with respect to exploitation.
public enum ExploitationStatus: String, Codable, Sendable, CaseIterable {
    case atRisk = "at risk"
    case beingExploited = "being exploited"
    case exiting
    case exited
    case unknown
}

/// The child's legal care arrangement.
public enum CareStatus: String, Codable, Sendable, CaseIterable {
    case notInCare = "not in care"
    case inCareOfSociety = "in care of a society"
    case customaryCare = "customary care"
    case kinship
    case youthAgreement = "youth agreement (16–17)"
}
