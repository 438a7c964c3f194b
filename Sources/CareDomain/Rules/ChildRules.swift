import Foundation

/// What a child's record must hold, and what only deserves a second look.
public enum ChildRules {
    public enum Field: Hashable, Sendable, CaseIterable {
        case legalName, birth, estimatedAge, affiliations, openedOn, closure, careStatus
    }

    /// The ages a youth agreement (Ontario: youth of 16 and 17) is for.
    public static let youthAgreementAges = 16...17

    /// Ages this caseload can hold at all; outside it the date is surely mistyped.
    public static let possibleAges = 0...30
    /// Ages a CARE unit usually serves (mostly 12–17); outside it, the person is asked to confirm.
    public static let usualAges = 10...21

    public static func problems(_ child: Child, today: DayDate) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        if child.legalName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.legalName, "The legal name is required."))
        }
        switch child.birth {
        case .exact(let day):
            if day > today {
                problems.append(Problem(.birth, TimeRules.futureDay))
            } else if !possibleAges.contains(child.age(on: today)) {
                problems.append(Problem(.birth, "An age of \(child.age(on: today)) is not possible on this caseload; check the date."))
            }
        case .estimated(let years, let asOf):
            if !possibleAges.contains(years) {
                problems.append(Problem(.estimatedAge, "The estimated age is a number of years from \(possibleAges.lowerBound) to \(possibleAges.upperBound)."))
            } else if asOf > today {
                problems.append(Problem(.estimatedAge, "The estimate is dated in the future."))
            }
        }
        if child.careStatus == .youthAgreement, !youthAgreementAges.contains(child.age(on: today)) {
            problems.append(Problem(.careStatus, "A youth agreement is for youth of 16 and 17; this youth is \(child.age(on: today)). Choose another care status."))
        }
        if case .affiliations(let list) = child.indigenousIdentity, list.isEmpty {
            problems.append(Problem(.affiliations, "Name at least one affiliation, or choose another identity."))
        }
        if child.openedOn > today {
            problems.append(Problem(.openedOn, TimeRules.futureDay))
        }
        if let closure = child.closure {
            if closure.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(.closure, "Give the reason the case is closed."))
            }
            if closure.on < child.openedOn {
                problems.append(Problem(.closure, "A case cannot close before it opened (\(child.openedOn))."))
            }
        }
        return problems
    }

    /// An age outside the usual range: allowed, but worth confirming before saving.
    public static func isUnusualAge(_ child: Child, today: DayDate) -> Bool {
        !usualAges.contains(child.age(on: today))
    }

    /// What changed between two versions, field by field with the old and the new value, for the
    /// audit trail ("risk level: high → critical"). Long values are cut; the audit summary is
    /// sealed like the record.
    public static func changes(from old: Child, to new: Child, zone: TimeZone) -> [String] {
        func short(_ text: String) -> String {
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            if flat.isEmpty { return "(empty)" }
            return flat.count > 40 ? String(flat.prefix(39)) + "…" : flat
        }
        var lines: [String] = []
        func check<Value: Equatable>(_ path: KeyPath<Child, Value>, _ name: String, _ words: (Value) -> String) {
            let a = old[keyPath: path], b = new[keyPath: path]
            if a != b { lines.append("\(name): \(short(words(a))) → \(short(words(b)))") }
        }
        check(\.legalName, "legal name") { $0 }
        check(\.preferredName, "preferred name") { $0 }
        check(\.pronouns, "pronouns") { $0 }
        check(\.birth, "date of birth") { birth in
            switch birth {
            case .exact(let day): day.description
            case .estimated(let years, let asOf): "about \(years) on \(asOf)"
            }
        }
        check(\.gender, "gender") { $0 }
        // How many, never the numbers: a number is a way to find the youth.
        check(\.phones, "phone numbers") { "\(($0 ?? []).count)" }
        check(\.indigenousIdentity, "Indigenous identity") { $0.summary }
        check(\.languages, "languages") { $0.joined(separator: ", ") }
        check(\.careStatus, "care status") { $0.rawValue }
        check(\.society, "society") { $0 }
        check(\.placement, "placement") { $0 }
        check(\.riskLevel, "risk level") { $0.rawValue }
        check(\.exploitationStatus, "exploitation status") { $0.rawValue }
        check(\.whereabouts, "whereabouts") { whereabouts in
            switch whereabouts {
            case .located(let place, let since): "\(place) since \(TimeText.format(since, zone: zone))"
            case .missing: "missing"
            case .unknown: "unknown"
            }
        }
        check(\.team, "team") { "\($0.members.count) assigned" }
        check(\.openedOn, "opened on") { $0.description }
        check(\.closure, "closure") { $0.map { "closed \($0.on): \($0.reason)" } ?? "open" }
        return lines
    }

    /// The fields that differ between two versions of a record, as people name them, for the
    /// audit trail ("profile updated: risk level, placement").
    public static func changedFields(from old: Child, to new: Child) -> [String] {
        var names: [String] = []
        func check<Value: Equatable>(_ path: KeyPath<Child, Value>, _ name: String) {
            if old[keyPath: path] != new[keyPath: path] { names.append(name) }
        }
        check(\.legalName, "legal name")
        check(\.preferredName, "preferred name")
        check(\.pronouns, "pronouns")
        check(\.birth, "date of birth")
        check(\.gender, "gender")
        check(\.phones, "phone numbers")
        check(\.indigenousIdentity, "Indigenous identity")
        check(\.languages, "languages")
        check(\.careStatus, "care status")
        check(\.society, "society")
        check(\.placement, "placement")
        check(\.riskLevel, "risk level")
        check(\.exploitationStatus, "exploitation status")
        check(\.whereabouts, "whereabouts")
        check(\.team, "team")
        check(\.openedOn, "opened on")
        check(\.closure, "closure")
        check(\.flags, "flags")
        return names
    }
}
