import Foundation

/// The rules about a referral's own data that forms and stores share: the consent and the
/// reason. Status, review and timeline belong to `ReferralWorkflow`.
public enum ReferralRules {
    public enum Field: Hashable, Sendable, CaseIterable { case reason, consentBy, consentAt }

    public static func problems(_ referral: Referral, now: Date) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        if referral.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.reason, "Give the reason for the referral."))
        }
        let consent = referral.consent
        if consent.state != .pending {
            if consent.by.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let verb = consent.state == .given ? "gave" : "refused"
                problems.append(Problem(.consentBy, "Say who \(verb) consent (the youth, or a guardian with the youth)."))
            }
            if let at = consent.at {
                if TimeRules.isFuture(at, now: now) { problems.append(Problem(.consentAt, TimeRules.futureTime)) }
            } else {
                problems.append(Problem(.consentAt, "Give the time consent was \(consent.state.rawValue)."))
            }
        }
        return problems
    }
}

/// The rules about a service in the catalogue, shared by the supervisor's form, the import of a
/// catalogue file and the stores.
public enum ServiceRules {
    public enum Field: String, Hashable, Sendable, CaseIterable { case name, provider, languages, region }

    public static func problems(_ service: Service) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if blank(service.name) { problems.append(Problem(.name, "Give the service a name.")) }
        if blank(service.provider) { problems.append(Problem(.provider, "Name the provider.")) }
        if service.languages.isEmpty || service.languages.contains(where: blank) {
            problems.append(Problem(.languages, "List at least one language the service works in, one per line."))
        }
        if blank(service.region) { problems.append(Problem(.region, "Give the region the service covers.")) }
        return problems
    }
}

/// The rules about the unit's review checklist.
public enum ChecklistRules {
    public static func problems(_ checklist: ReviewChecklist) -> [String] {
        let questions = checklist.questions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if questions.isEmpty { return ["A review checklist needs at least one question."] }
        if questions.contains(where: \.isEmpty) { return ["A checklist question cannot be empty."] }
        if Set(questions).count != questions.count { return ["Each checklist question may appear only once."] }
        return []
    }
}
