import CareDomain

/// Which permission a save needs, from the record's kind, whether it is new, and — for a child's
/// profile — which fields changed. The store enforces the same `Permission` table the UI shows.
enum SavePolicy {
    /// The permission a save of `kind` needs before anything else is looked at.
    static func permission(for kind: RecordKind, isNew: Bool) -> Permission {
        switch kind {
        case .child: isNew ? .createChild : .viewCaseload  // refined field by field in `checkChildUpdate`
        case .contact, .appointment: .logContact
        case .missingEpisode: .recordMissing
        case .indicator: .addIndicator
        case .safetyPlan: .editSafetyPlan
        case .referral: .createReferral
        case .service: .editCatalogue
        case .handover: .editHandover
        case .worker: .manageAccounts
        }
    }

    /// May `role` overwrite `stored` at all? A police officer may not overwrite a restricted note
    /// they cannot see (nor learn its content from a conflict).
    static func checkMayReplace<Record: CareRecord>(_ stored: Record, role: Role) throws {
        if let contact = stored as? Contact, contact.visibility == .restricted {
            try Permission.viewRestrictedNotes.require(role)
        }
    }

    /// The permissions a change from `stored` to `new` needs: identity and languages need
    /// `editIdentity` (so a liaison may change only those), flags `setFlag`, closure `closeCase`,
    /// the team `reassign`, whereabouts `recordMissing`, anything else `editProfile`.
    static func checkChildUpdate(_ new: Child, stored: Child, role: Role) throws {
        var needed: [Permission] = []
        if new.indigenousIdentity != stored.indigenousIdentity || new.languages != stored.languages {
            needed.append(.editIdentity)
        }
        if new.flags != stored.flags { needed.append(.setFlag) }
        if new.closure != stored.closure { needed.append(.closeCase) }
        if new.team != stored.team { needed.append(.reassign) }
        if new.whereabouts != stored.whereabouts { needed.append(.recordMissing) }
        var rest = new
        rest.version = stored.version
        rest.indigenousIdentity = stored.indigenousIdentity
        rest.languages = stored.languages
        rest.flags = stored.flags
        rest.closure = stored.closure
        rest.team = stored.team
        rest.whereabouts = stored.whereabouts
        if rest != stored || needed.isEmpty { needed.append(.editProfile) }
        for permission in needed { try permission.require(role) }
    }
}
