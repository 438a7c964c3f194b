/// Everything a person can try to do that some role may not. The one table below is used by the
/// UI (to grey out keys and explain why) and by the store (to refuse), so the two never disagree.
public enum Permission: String, Sendable, CaseIterable {
    case viewCaseload = "see the caseload and child detail"
    case viewRestrictedNotes = "see restricted notes"
    case viewInvestigation = "see persons of interest and places of concern"
    case createChild = "create a child's record"
    case editProfile = "edit a child's profile"
    case editIdentity = "edit identity and community fields"
    case logContact = "log a contact"
    case recordMissing = "record missing or located"
    case addIndicator = "add risk indicators"
    case editSafetyPlan = "edit a safety plan"
    case setFlag = "set or remove a flag"
    case createReferral = "create a referral"
    case sendReferral = "send a referral"
    case reviewReferral = "approve or return a review"
    case overrideReview = "override a review (with a reason)"
    case closeCase = "close a case"
    case requestClosure = "request a case's closure"
    case reopenCase = "reopen a closed case"
    case editTransitionPlan = "edit a transition plan"
    case reassign = "reassign a case"
    case manageAccounts = "manage accounts"
    case readAudit = "read the audit trail"
    case export = "export records"
    case editCatalogue = "edit the services catalogue"
    case editClosureReasons = "change the unit's closure reasons"
    case acknowledgeAlert = "acknowledge or snooze an alert"
    case editHandover = "edit or acknowledge a handover"
    case linkRecords = "link records"
    case investigate = "add or link persons of interest and places of concern"
    case reportLead = "report a lead to the police"

    /// The roles allowed to do this, from DOMAIN.md "Roles".
    public var allowedRoles: Set<Role> {
        switch self {
        case .viewCaseload, .logContact, .recordMissing, .addIndicator, .acknowledgeAlert, .linkRecords:
            [.childProtection, .police, .liaison, .supervisor]
        // Police read the handover; the unit's workers write and acknowledge it.
        case .viewRestrictedNotes, .editIdentity, .editSafetyPlan, .setFlag, .createReferral, .sendReferral, .editHandover:
            [.childProtection, .liaison, .supervisor]
        case .createChild, .editProfile, .requestClosure, .reopenCase:
            [.childProtection, .supervisor]
        case .editTransitionPlan:
            [.childProtection, .liaison, .supervisor]
        case .viewInvestigation, .investigate:
            [.police, .supervisor]
        // Police and supervisors link what they learn themselves; the others hand it over.
        case .reportLead:
            [.childProtection, .liaison]
        case .reviewReferral:
            [.liaison]
        case .overrideReview, .closeCase, .reassign, .manageAccounts, .readAudit, .export, .editCatalogue, .editClosureReasons:
            [.supervisor]
        }
    }
}

extension Role {
    public func may(_ permission: Permission) -> Bool { permission.allowedRoles.contains(self) }
}

/// A refusal that says which role may do the thing, as every refusal must.
public struct PermissionDenied: ErrorInWords, Equatable, Sendable {
    public let permission: Permission
    public let role: Role
    /// What was refused, when it is not the permission's own words: the permission to create a
    /// referral also covers withdrawing one and recording consent, and "cannot create a
    /// referral" said of a withdrawal named the wrong act.
    public let doing: String?

    public init(permission: Permission, role: Role, doing: String? = nil) {
        self.permission = permission
        self.role = role
        self.doing = doing
    }

    public var description: String {
        let allowed = Role.allCases.filter { permission.allowedRoles.contains($0) }.map(\.personWithArticle)
        let who = allowed.count > 1
            ? allowed.dropLast().joined(separator: ", ") + " or " + allowed.last!
            : (allowed.first ?? "no one")
        let subject = role.personWithArticle
        return subject.prefix(1).uppercased() + subject.dropFirst() + " cannot \(doing ?? permission.rawValue); ask \(who)."
    }
}

extension Permission {
    /// Throws `PermissionDenied` unless `role` may do this.
    public func require(_ role: Role) throws(PermissionDenied) {
        guard role.may(self) else { throw PermissionDenied(permission: self, role: role) }
    }
}
