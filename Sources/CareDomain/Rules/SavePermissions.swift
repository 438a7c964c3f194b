/// Which permissions a change to a child's profile needs, field by field: identity and languages
/// need `editIdentity` (so a liaison may change only those), closure `closeCase`, the team
/// `reassign`, whereabouts `recordMissing`, anything else `editProfile`.
enum SavePermissions {
    static func checkChildUpdate(_ new: Child, stored: Child, role: Role) throws {
        var needed: [Permission] = []
        if new.indigenousIdentity != stored.indigenousIdentity || new.languages != stored.languages {
            needed.append(.editIdentity)
        }
        if new.closure != stored.closure { needed.append(.closeCase) }
        if new.team != stored.team { needed.append(.reassign) }
        if new.whereabouts != stored.whereabouts { needed.append(.recordMissing) }
        var rest = new
        rest.version = stored.version
        rest.indigenousIdentity = stored.indigenousIdentity
        rest.languages = stored.languages
        rest.closure = stored.closure
        rest.team = stored.team
        rest.whereabouts = stored.whereabouts
        if rest != stored || needed.isEmpty { needed.append(.editProfile) }
        for permission in needed {
            do { try permission.require(role) } catch { throw CommandError.denied(error) }
        }
    }
}
