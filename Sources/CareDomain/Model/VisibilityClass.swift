import Foundation

/// Who may read a record, as a class of keys: the store seals each record under its class's key
/// and gives each account wrapped copies of exactly the classes its role may read, so the roles
/// table holds in a copied file too, not only inside the program.
///
/// - `team`: every role (the caseload, profiles, episodes, indicators, plans, referrals, ...).
/// - `restricted`: child protection, liaisons and supervisors (restricted notes and whatever else
///   the roles table hides from police).
/// - `investigation`: police and supervisors (the persons of interest and places of concern to
///   come; see DOMAIN.md "Investigation support").
public enum VisibilityClass: String, Codable, Sendable, CaseIterable, Comparable {
    case team
    case restricted
    case investigation

    /// The permission that lets a role read records of this class.
    public var permission: Permission {
        switch self {
        case .team: .viewCaseload
        case .restricted: .viewRestrictedNotes
        case .investigation: .viewInvestigation
        }
    }

    public static func < (a: VisibilityClass, b: VisibilityClass) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Role {
    /// The classes of record this role may read, from the one permissions table.
    public var readableClasses: [VisibilityClass] {
        VisibilityClass.allCases.filter { may($0.permission) }
    }

    public func mayRead(_ visibility: VisibilityClass) -> Bool { may(visibility.permission) }
}
