import CareDomain

extension FormState {
    /// Merges the other worker's saved version into this form after a conflict, field by field:
    /// where this person left a field as it was, it takes their value; where only this person
    /// changed it, it keeps theirs; where both changed it differently, this person's text stays and
    /// the other value is shown beside it. The form then saves against their version.
    public mutating func mergeConflict(with theirs: FormState) {
        self.theirs = [:]
        conflictBase = [:]
        for index in fields.indices {
            let key = fields[index].key
            let mine = fields[index].value
            let base = original[key] ?? ""
            let other = theirs[key]
            guard other != base else { continue }
            // Their change is shown either way, so both versions are on screen.
            self.theirs[key] = other
            conflictBase[key] = base
            if mine == base { fields[index].value = other }
        }
        original = theirs.original
        purpose = theirs.purpose
    }
}

extension FormCatalog {
    /// The same form, filled from another version of its record (for conflict merging).
    static func rebuild(_ form: FormState?, with child: Child) -> FormState? {
        guard let form else { return nil }
        switch form.purpose {
        case .editProfile: return profile(child, identityOnly: form.field("legal") == nil)
        case .addFlag:
            var rebuilt = addFlag(child)
            rebuilt.original = form.original
            return rebuilt
        case .removeFlag:
            var rebuilt = removeFlag(child)
            rebuilt.original = form.original
            return rebuilt
        default: return nil
        }
    }

    static func rebuild(_ form: FormState?, with episode: MissingEpisode) -> FormState? {
        guard let form else { return nil }
        let now = episode.reportedMissingAt
        switch form.purpose {
        case .locate:
            var rebuilt = locate(episode, now: now)
            rebuilt.original = form.original
            if let located = episode.located {
                rebuilt["at"] = DateText.format(located.at)
                rebuilt["where"] = located.place
                rebuilt["returned"] = located.returnedTo
            }
            return rebuilt
        case .debrief:
            var rebuilt = debrief(episode, now: now)
            rebuilt.original = form.original
            return rebuilt
        default: return nil
        }
    }

    static func rebuild(_ form: FormState?, with plan: SafetyPlan) -> FormState? {
        guard let form, case .safetyPlan(let child, _) = form.purpose else { return nil }
        return safetyPlan(for: child, plan: plan, today: plan.reviewBy)
    }

    static func rebuild(_ form: FormState?, with indicator: RiskIndicator) -> FormState? {
        guard let form, case .resolveIndicator = form.purpose else { return nil }
        var rebuilt = resolveIndicator([indicator])
        rebuilt.original = form.original
        return rebuilt
    }
}
