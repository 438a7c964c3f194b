import CareDomain
import Foundation

/// Builds each form with its fields filled from the record being edited (or sensible defaults:
/// now, today, the signed-in worker).
public enum FormCatalog {
    static let listHint = "one per line · Enter adds a line · Backspace on an empty line removes it"
    static let identityChoices = ["affiliations", "not Indigenous", "not disclosed", "unknown"]
    static let affiliationHint = "one per line, as group: community (e.g. First Nations: Lakeview Test First Nation) · Enter adds a line"

    public static func profile(_ child: Child?, identityOnly: Bool = false) -> FormState {
        let c = child
        var identity = "unknown"
        switch c?.indigenousIdentity {
        case .affiliations(let list) where !list.isEmpty: identity = "affiliations"
        case .notIndigenous: identity = "not Indigenous"
        case .notDisclosed: identity = "not disclosed"
        default: identity = "unknown"
        }
        let affiliations = (c?.indigenousIdentity.affiliations ?? [])
            .map { "\($0.group.rawValue): \($0.community)" }.joined(separator: "\n")
        var birth = "", estimate = ""
        switch c?.birth {
        case .exact(let day): birth = day.description
        case .estimated(let years, _): estimate = String(years)
        case nil: break
        }
        var fields: [FormState.Field] = []
        if !identityOnly {
            fields += [
                FormState.Field("legal", "Legal name", value: c?.legalName ?? "", required: true),
                FormState.Field("preferred", "Preferred name", value: c?.preferredName ?? "", hint: "shown in lists"),
                FormState.Field("pronouns", "Pronouns", value: c?.pronouns ?? ""),
                FormState.Field("birth", "Date of birth", kind: .date, value: birth, hint: "YYYY-MM-DD; or leave empty and give an estimated age"),
                FormState.Field("estimate", "Estimated age", value: estimate, hint: "years, when the date of birth is not known"),
                FormState.Field("gender", "Gender", value: c?.gender ?? ""),
            ]
        }
        fields += [
            FormState.Field("identity", "Indigenous identity", kind: .choice(identityChoices), value: identity),
            FormState.Field("affiliations", "Affiliations", kind: .list, value: affiliations, hint: affiliationHint),
            FormState.Field("languages", "Languages", kind: .list, value: (c?.languages ?? []).joined(separator: "\n"), hint: listHint),
        ]
        if !identityOnly {
            fields += [
                FormState.Field("care", "Care status", kind: .choice(CareStatus.allCases.map(\.rawValue)), value: (c?.careStatus ?? .notInCare).rawValue),
                FormState.Field("society", "Society", value: c?.society ?? ""),
                FormState.Field("placement", "Placement", value: c?.placement ?? ""),
                FormState.Field("risk", "Risk level", kind: .choice(RiskLevel.allCases.map(\.rawValue)), value: (c?.riskLevel ?? .medium).rawValue),
                FormState.Field("exploitation", "Exploitation status", kind: .choice(ExploitationStatus.allCases.map(\.rawValue)),
                          value: (c?.exploitationStatus ?? .unknown).rawValue),
            ]
        }
        let title = child == nil ? "New child" : (identityOnly ? "Identity and communities" : "Edit profile")
        return FormState(title: title, fields: fields, purpose: child.map { .editProfile($0) } ?? .newChild)
    }

    public static func contact(for child: ChildID, now: Date) -> FormState {
        FormState(title: "Log contact", fields: [
            FormState.Field("kind", "Kind", kind: .choice(Contact.Kind.allCases.map(\.rawValue)), value: Contact.Kind.inPerson.rawValue),
            FormState.Field("when", "When", kind: .dateTime, value: DateText.format(now), required: true, hint: "YYYY-MM-DD HH:MM"),
            FormState.Field("location", "Location"),
            FormState.Field("summary", "Summary", required: true),
            FormState.Field("next", "Next steps"),
            FormState.Field("visibility", "Visibility", kind: .choice(Contact.Visibility.allCases.map(\.rawValue)), value: "team",
                      hint: "restricted notes are hidden from the police role"),
        ], purpose: .newContact(child))
    }

    public static func openEpisode(for child: ChildID, now: Date) -> FormState {
        FormState(title: "Report missing", fields: [
            FormState.Field("reported", "Reported missing at", kind: .dateTime, value: DateText.format(now), required: true),
            FormState.Field("seenAt", "Last seen at", kind: .dateTime, value: DateText.format(now), required: true),
            FormState.Field("seenWhere", "Last seen where", required: true),
            FormState.Field("police", "Police service", hint: "leave empty if not yet reported"),
            FormState.Field("occurrence", "Occurrence number"),
            FormState.Field("policeAt", "Reported to police at", kind: .dateTime, hint: "YYYY-MM-DD HH:MM"),
        ], purpose: .openEpisode(child))
    }

    public static func locate(_ episode: MissingEpisode, now: Date) -> FormState {
        FormState(title: "Located", fields: [
            FormState.Field("at", "Located at (time)", kind: .dateTime, value: DateText.format(now), required: true),
            FormState.Field("where", "Located where", required: true),
            FormState.Field("returned", "Returned to"),
        ], purpose: .locate(episode))
    }

    public static func debrief(_ episode: MissingEpisode, now: Date) -> FormState {
        FormState(title: "Debrief done", fields: [
            FormState.Field("on", "Debrief at", kind: .dateTime, value: DateText.format(now), required: true),
            FormState.Field("notes", "Notes", value: episode.notes),
        ], purpose: .debrief(episode))
    }

    public static func indicator(for child: ChildID, today: DayDate) -> FormState {
        let kinds = RiskIndicator.Kind.standard.map(\.label) + ["other"]
        return FormState(title: "Add indicator", fields: [
            FormState.Field("kind", "Indicator", kind: .choice(kinds), value: kinds[0]),
            FormState.Field("other", "If other, what", hint: "only when the indicator is \"other\""),
            FormState.Field("observed", "Observed on", kind: .date, value: today.description, required: true),
            FormState.Field("source", "Source", kind: .choice(RiskIndicator.Source.allCases.map(\.rawValue)), value: "worker"),
            FormState.Field("note", "Note"),
        ], purpose: .addIndicator(child))
    }

    public static func resolveIndicator(_ active: [RiskIndicator]) -> FormState {
        let labels = active.enumerated().map { "\($0.offset + 1). \($0.element.kind.label)" }
        return FormState(title: "Resolve indicator", fields: [
            FormState.Field("which", "Indicator", kind: .choice(labels), value: labels.first ?? ""),
            FormState.Field("note", "Why it is resolved", required: true),
        ], purpose: .resolveIndicator(active))
    }

    public static func safetyPlan(for child: ChildID, plan: SafetyPlan?, today: DayDate) -> FormState {
        let review = plan?.reviewBy ?? DayDate(year: today.year, month: today.month, day: today.day)
        return FormState(title: "Safety plan", fields: [
            FormState.Field("steps", "Steps (owner)", kind: .list,
                      value: (plan?.steps ?? []).map { "\($0.text) (\($0.owner))" }.joined(separator: "\n"),
                      hint: "one per line, as step (owner), e.g. call worker if approached (youth) · Enter adds a line"),
            FormState.Field("adults", "Trusted adults", kind: .list, value: (plan?.trustedAdults ?? []).joined(separator: "\n"), hint: listHint),
            FormState.Field("places", "Safe places", kind: .list, value: (plan?.safePlaces ?? []).joined(separator: "\n"), hint: listHint),
            FormState.Field("review", "Review by", kind: .date, value: review.description, required: true),
        ], purpose: .safetyPlan(child, plan))
    }

    public static func addFlag(_ child: Child) -> FormState {
        FormState(title: "Add flag", fields: [
            FormState.Field("text", "Flag", required: true),
            FormState.Field("severity", "Severity", kind: .choice(AlertSeverity.allCases.map(\.rawValue)), value: "warning"),
        ], purpose: .addFlag(child))
    }

    public static func removeFlag(_ child: Child) -> FormState {
        let labels = child.activeFlags.enumerated().map { "\($0.offset + 1). \($0.element.text)" }
        return FormState(title: "Remove flag", fields: [
            FormState.Field("which", "Flag", kind: .choice(labels), value: labels.first ?? ""),
            FormState.Field("reason", "Reason for removing", required: true),
        ], purpose: .removeFlag(child))
    }
}
