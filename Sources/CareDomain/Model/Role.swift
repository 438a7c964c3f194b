/// The four kinds of people who use a CARE unit's store. What each may do is in `Permissions`.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case childProtection
    case police
    case liaison
    case supervisor

    /// Words for screens and messages ("child protection", not "childProtection").
    public var title: String {
        switch self {
        case .childProtection: "child protection"
        case .police: "police"
        case .liaison: "Indigenous liaison"
        case .supervisor: "supervisor"
        }
    }

    /// The person as people say it: "a child protection worker", "an Indigenous liaison".
    public var personWithArticle: String {
        switch self {
        case .childProtection: "a child protection worker"
        case .police: "a police officer"
        case .liaison: "an Indigenous liaison"
        case .supervisor: "a supervisor"
        }
    }

    /// The short tag used after a team member's name, e.g. "(CP)".
    public var abbreviation: String {
        switch self {
        case .childProtection: "CP"
        case .police: "police"
        case .liaison: "L"
        case .supervisor: "sup."
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
