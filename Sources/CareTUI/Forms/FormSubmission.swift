import CareDomain
import Foundation

/// Checks a form and turns it into a record. Every problem is a message in words beside its
/// field; nothing is saved while any remains.
public enum FormSubmission {
    public struct Context: Sendable {
        public var now: Date
        public var worker: Worker
        public var unit: String
        /// Case numbers already used, to pick the next one for a new child.
        public var caseNumbers: [CaseNumber]

        public init(now: Date, worker: Worker, unit: String, caseNumbers: [CaseNumber]) {
            self.now = now
            self.worker = worker
            self.unit = unit
            self.caseNumbers = caseNumbers
        }

        var today: DayDate { DayDate(now) }
    }

    /// The record to save, or nil with the form's errors (or its question) set.
    public static func build(_ form: inout FormState, context: Context) -> Submission? {
        form.clearErrors()
        for field in form.fields where field.required && field.trimmed.isEmpty {
            form.setError(field.key, "\(field.label) is required.")
        }
        let result: Submission?
        switch form.purpose {
        case .newChild: result = child(from: &form, base: nil, context: context)
        case .editProfile(let existing): result = child(from: &form, base: existing, context: context)
        case .newContact(let id): result = contact(from: &form, child: id, context: context)
        case .openEpisode(let id): result = openEpisode(from: &form, child: id, context: context)
        case .locate(let episode): result = locate(from: &form, episode: episode, context: context)
        case .debrief(let episode): result = debrief(from: &form, episode: episode, context: context)
        case .addIndicator(let id): result = indicator(from: &form, child: id, context: context)
        case .resolveIndicator(let list): result = resolve(from: &form, list: list)
        case .safetyPlan(let id, let plan): result = safetyPlan(from: &form, child: id, plan: plan, context: context)
        case .addFlag(let child): result = addFlag(from: &form, child: child, context: context)
        case .removeFlag(let child): result = removeFlag(from: &form, child: child, context: context)
        }
        return form.hasErrors || form.question != nil ? nil : result
    }

    // MARK: fields

    /// A time that must not be in the future (a minute of grace for clocks).
    static func pastTime(_ form: inout FormState, _ key: String, context: Context, optional: Bool = false) -> Date? {
        let text = form[key].trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if !optional && form.field(key)?.error == nil { form.setError(key, "Give a time as YYYY-MM-DD HH:MM.") }
            return nil
        }
        guard let date = DateText.parse(text) else {
            form.setError(key, "\"\(text)\" is not a time; write it as YYYY-MM-DD HH:MM.")
            return nil
        }
        if date > context.now.addingTimeInterval(60) {
            form.setError(key, "This is in the future; give a time up to now.")
            return nil
        }
        return date
    }

    static func pastDay(_ form: inout FormState, _ key: String, context: Context) -> DayDate? {
        let text = form[key].trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let day = DayDate(iso: text) else {
            form.setError(key, "\"\(text)\" is not a date; write it as YYYY-MM-DD.")
            return nil
        }
        if day > context.today {
            form.setError(key, "This date is in the future.")
            return nil
        }
        return day
    }

    // MARK: child

    static func child(from form: inout FormState, base: Child?, context: Context) -> Submission? {
        var child = base ?? Child(caseNumber: nextCaseNumber(context), legalName: "", birth: .estimated(years: 15, asOf: context.today), openedOn: context.today)
        let identityOnly = form.field("legal") == nil
        if !identityOnly {
            child.legalName = form["legal"].trimmingCharacters(in: .whitespaces)
            child.preferredName = form["preferred"].trimmingCharacters(in: .whitespaces)
            child.pronouns = form["pronouns"].trimmingCharacters(in: .whitespaces)
            child.gender = form["gender"].trimmingCharacters(in: .whitespaces)
            if let day = pastDay(&form, "birth", context: context) {
                child.birth = .exact(day)
            } else if form.field("birth")?.error == nil {
                let estimate = form["estimate"].trimmingCharacters(in: .whitespaces)
                if let years = Int(estimate), (0...30).contains(years) {
                    child.birth = .estimated(years: years, asOf: context.today)
                } else if estimate.isEmpty {
                    form.setError("birth", "Give a date of birth, or an estimated age below.")
                } else {
                    form.setError("estimate", "The estimated age is a number of years, like 15.")
                }
            }
            if !form.hasErrors, !form.confirmedUnusual {
                let age = child.age(on: context.today)
                if !(10...21).contains(age) {
                    form.question = .confirmUnusual("An age of \(age) is outside the usual 10–21.")
                }
            }
            child.careStatus = CareStatus(rawValue: form["care"]) ?? child.careStatus
            child.society = form["society"].trimmingCharacters(in: .whitespaces)
            child.placement = form["placement"].trimmingCharacters(in: .whitespaces)
            child.riskLevel = RiskLevel(rawValue: form["risk"]) ?? child.riskLevel
            child.exploitationStatus = ExploitationStatus(rawValue: form["exploitation"]) ?? child.exploitationStatus
            if base == nil { child.team.childProtection = context.worker.role == .childProtection ? context.worker.id : nil }
        }
        child.languages = form.field("languages")?.items ?? child.languages
        switch form["identity"] {
        case "affiliations":
            var list: [Affiliation] = []
            for item in form.field("affiliations")?.items ?? [] {
                guard let affiliation = parseAffiliation(item) else {
                    form.setError("affiliations", "\"\(item)\" should read group: community, with group First Nations, Inuk or Métis.")
                    return nil
                }
                list.append(affiliation)
            }
            if list.isEmpty { form.setError("affiliations", "Name at least one affiliation, or choose another identity.") }
            child.indigenousIdentity = .affiliations(list)
        case "not Indigenous": child.indigenousIdentity = .notIndigenous
        case "not disclosed": child.indigenousIdentity = .notDisclosed
        default: child.indigenousIdentity = .unknown
        }
        return .child(child)
    }

    static func parseAffiliation(_ text: String) -> Affiliation? {
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let groupText = TextFold.fold(parts[0])
        guard let group = IndigenousGroup.allCases.first(where: { TextFold.fold($0.rawValue) == groupText || (groupText == "inuit" && $0 == .inuk) }) else {
            return nil
        }
        return Affiliation(group: group, community: parts.count > 1 ? parts[1] : "")
    }

    static func nextCaseNumber(_ context: Context) -> CaseNumber {
        let year = context.today.year
        let used = context.caseNumbers.filter { $0.unit == context.unit && $0.year == year }.map(\.sequence)
        return CaseNumber(unit: context.unit, year: year, sequence: (used.max() ?? 0) + 1)
    }

    // MARK: contacts and missing episodes

    static func contact(from form: inout FormState, child: ChildID, context: Context) -> Submission? {
        guard let when = pastTime(&form, "when", context: context) else { return nil }
        return .contact(Contact(
            child: child, occurredAt: when, author: context.worker.id,
            kind: Contact.Kind(rawValue: form["kind"]) ?? .inPerson, location: form["location"].trimmingCharacters(in: .whitespaces),
            summary: form["summary"].trimmingCharacters(in: .whitespaces), nextSteps: form["next"].trimmingCharacters(in: .whitespaces),
            visibility: Contact.Visibility(rawValue: form["visibility"]) ?? .team
        ))
    }

    static func openEpisode(from form: inout FormState, child: ChildID, context: Context) -> Submission? {
        let reported = pastTime(&form, "reported", context: context)
        let seen = pastTime(&form, "seenAt", context: context)
        let policeAt = pastTime(&form, "policeAt", context: context, optional: true)
        if let seen, let reported, seen > reported { form.setError("seenAt", "Last seen must be before the missing report.") }
        var report: MissingEpisode.PoliceReport?
        let service = form["police"].trimmingCharacters(in: .whitespaces)
        if !service.isEmpty {
            guard let policeAt else {
                if form.field("policeAt")?.error == nil { form.setError("policeAt", "When was it reported to police? YYYY-MM-DD HH:MM.") }
                return nil
            }
            report = .init(service: service, occurrenceNumber: form["occurrence"].trimmingCharacters(in: .whitespaces), reportedAt: policeAt)
        }
        guard let reported, let seen else { return nil }
        return .episode(MissingEpisode(child: child, reportedMissingAt: reported, lastSeenAt: seen,
                                       lastSeenPlace: form["seenWhere"].trimmingCharacters(in: .whitespaces), policeReport: report))
    }

    static func locate(from form: inout FormState, episode: MissingEpisode, context: Context) -> Submission? {
        guard let at = pastTime(&form, "at", context: context) else { return nil }
        if at < episode.lastSeenAt {
            form.setError("at", "Located must be after last seen (\(DateText.format(episode.lastSeenAt))).")
            return nil
        }
        var updated = episode
        updated.located = .init(at: at, place: form["where"].trimmingCharacters(in: .whitespaces), returnedTo: form["returned"].trimmingCharacters(in: .whitespaces))
        return .episode(updated)
    }

    static func debrief(from form: inout FormState, episode: MissingEpisode, context: Context) -> Submission? {
        guard let on = pastTime(&form, "on", context: context) else { return nil }
        var updated = episode
        updated.debrief = .init(on: on, by: context.worker.id)
        updated.notes = form["notes"].trimmingCharacters(in: .whitespaces)
        return .episode(updated)
    }

    // MARK: indicators, plan, flags

    static func indicator(from form: inout FormState, child: ChildID, context: Context) -> Submission? {
        let label = form["kind"]
        var kind = RiskIndicator.Kind.standard.first { $0.label == label }
        if kind == nil {
            let other = form["other"].trimmingCharacters(in: .whitespaces)
            if other.isEmpty {
                form.setError("other", "Say what the indicator is.")
                return nil
            }
            kind = .other(other)
        }
        guard let observed = pastDay(&form, "observed", context: context), let kind else { return nil }
        return .indicator(RiskIndicator(child: child, kind: kind, observedOn: observed,
                                        source: RiskIndicator.Source(rawValue: form["source"]) ?? .worker,
                                        note: form["note"].trimmingCharacters(in: .whitespaces)))
    }

    static func resolve(from form: inout FormState, list: [RiskIndicator]) -> Submission? {
        guard let index = Int(form["which"].prefix { $0.isNumber }), list.indices.contains(index - 1) else {
            form.setError("which", "There is no open indicator to resolve.")
            return nil
        }
        var indicator = list[index - 1]
        indicator.resolved = true
        let note = form["note"].trimmingCharacters(in: .whitespaces)
        indicator.note = indicator.note.isEmpty ? "Resolved: \(note)" : "\(indicator.note) — resolved: \(note)"
        return .indicator(indicator)
    }

    static func safetyPlan(from form: inout FormState, child: ChildID, plan: SafetyPlan?, context: Context) -> Submission? {
        let text = form["review"].trimmingCharacters(in: .whitespaces)
        guard let review = DayDate(iso: text) else {
            if !text.isEmpty { form.setError("review", "\"\(text)\" is not a date; write it as YYYY-MM-DD.") }
            return nil
        }
        var updated = plan ?? SafetyPlan(child: child, reviewBy: review)
        updated.reviewBy = review
        updated.steps = (form.field("steps")?.items ?? []).map { item in
            if let open = item.lastIndex(of: "("), item.hasSuffix(")") {
                return .init(text: item[..<open].trimmingCharacters(in: .whitespaces),
                             owner: String(item[item.index(after: open)..<item.index(before: item.endIndex)]))
            }
            return .init(text: item, owner: "")
        }
        updated.trustedAdults = form.field("adults")?.items ?? []
        updated.safePlaces = form.field("places")?.items ?? []
        return .plan(updated)
    }

    static func addFlag(from form: inout FormState, child: Child, context: Context) -> Submission? {
        let text = form["text"].trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        var updated = child
        updated.flags.append(Flag(text: text, severity: AlertSeverity(rawValue: form["severity"]) ?? .warning,
                                  setBy: context.worker.id, setAt: context.now))
        return .child(updated)
    }

    static func removeFlag(from form: inout FormState, child: Child, context: Context) -> Submission? {
        let active = child.activeFlags
        guard let index = Int(form["which"].prefix { $0.isNumber }), active.indices.contains(index - 1) else {
            form.setError("which", "This child has no flag to remove.")
            return nil
        }
        let reason = form["reason"].trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { return nil }
        var updated = child
        if let i = updated.flags.firstIndex(where: { $0.id == active[index - 1].id }) {
            updated.flags[i].removal = .init(by: context.worker.id, at: context.now, reason: reason)
        }
        return .child(updated)
    }
}
