import CareDomain
import Foundation

/// A new child, or the profile of an existing one. Every field of the record the form shows
/// comes back as it was when saved unchanged; fields it does not show (whereabouts, team, dates,
/// closure, flags) are carried over from the record untouched. A liaison gets the identity
/// fields only.
public struct ProfileForm: CaseForm {
    public enum Field: String, FormFieldID {
        case legalName, preferredName, pronouns, birth, estimate, gender, phones, identity, affiliations, languages
        case careStatus, society, placement, risk, exploitation
    }

    /// The record being edited; nil for a new child.
    public let base: Child?
    public let identityOnly: Bool

    public init(child: Child?, identityOnly: Bool = false) {
        base = child
        self.identityOnly = identityOnly
    }

    public var title: String { base == nil ? "New child" : identityOnly ? "Identity and communities" : "Edit profile" }
    public var child: ChildID? { base?.id }

    static let identityChoices = ["affiliations", "not Indigenous", "not disclosed", "unknown"]
    static let listHint = "one per line · Enter adds a line · Backspace on an empty line removes it"

    /// "First Nations: Lakeview Test First Nation; band office test line" — group, community,
    /// and after a semicolon the youth's representative contact, when there is one.
    static func line(_ affiliation: Affiliation) -> String {
        let head = "\(affiliation.group.rawValue): \(affiliation.community)"
        return affiliation.representativeContact.isEmpty ? head : "\(head); \(affiliation.representativeContact)"
    }

    static func affiliation(from line: String) -> Affiliation? {
        let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let groupText = TextFold.fold(parts[0])
        guard let group = IndigenousGroup.allCases.first(where: { TextFold.fold($0.rawValue) == groupText || (groupText == "inuit" && $0 == .inuk) })
        else { return nil }
        let rest = parts.count > 1 ? parts[1] : ""
        let sides = rest.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return Affiliation(group: group, community: sides.first ?? "", representativeContact: sides.count > 1 ? sides[1] : "")
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let c = base
        let identity: String = switch c?.indigenousIdentity {
        case .affiliations(let list)? where !list.isEmpty: "affiliations"
        case .notIndigenous?: "not Indigenous"
        case .notDisclosed?: "not disclosed"
        default: "unknown"
        }
        var birth = "", estimate = ""
        switch c?.birth {
        case .exact(let day)?: birth = day.description
        case .estimated(let years, _)?: estimate = String(years)
        case nil: break
        }
        var fields: [FieldSpec<Field>] = []
        if !identityOnly {
            fields += [
                FieldSpec(.legalName, "Legal name", value: c?.legalName ?? "", required: true),
                FieldSpec(.preferredName, "Preferred name", value: c?.preferredName ?? "", hint: "shown in lists"),
                FieldSpec(.pronouns, "Pronouns", value: c?.pronouns ?? ""),
                FieldSpec(.birth, "Date of birth", kind: .date, value: birth, hint: "YYYY-MM-DD; or leave empty and give an estimated age"),
                FieldSpec(.estimate, "Estimated age", value: estimate, hint: "years, when the date of birth is not known"),
                FieldSpec(.gender, "Gender", value: c?.gender ?? ""),
                FieldSpec(.phones, "Phone numbers", kind: .list, value: (c?.phones ?? []).joined(separator: "\n"),
                          hint: "one per line, any formatting; the caseload filter finds the child by the digits"),
            ]
        }
        fields += [
            FieldSpec(.identity, "Indigenous identity", kind: .choice(Self.identityChoices), value: identity),
            FieldSpec(.affiliations, "Affiliations", kind: .list,
                      value: (c?.indigenousIdentity.affiliations ?? []).map(Self.line).joined(separator: "\n"),
                      hint: "one per line: group: community; representative (e.g. Métis: Testville Métis Council)"),
            FieldSpec(.languages, "Languages", kind: .list, value: (c?.languages ?? []).joined(separator: "\n"), hint: Self.listHint),
        ]
        if !identityOnly {
            fields += [
                FieldSpec(.careStatus, "Care status", kind: .choice(CareStatus.allCases.map(\.rawValue)), value: (c?.careStatus ?? .notInCare).rawValue),
                FieldSpec(.society, "Society", value: c?.society ?? ""),
                FieldSpec(.placement, "Placement", value: c?.placement ?? ""),
                FieldSpec(.risk, "Risk level", kind: .choice(RiskLevel.allCases.map(\.rawValue)), value: (c?.riskLevel ?? .medium).rawValue),
                FieldSpec(.exploitation, "Exploitation status", kind: .choice(ExploitationStatus.allCases.map(\.rawValue)),
                          value: (c?.exploitationStatus ?? .unknown).rawValue),
            ]
        }
        return fields
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        let today = context.today
        var problems: [Problem<Field>] = []
        var child = base ?? Child(
            caseNumber: .unassigned(unit: context.unit, year: today.year), legalName: "",
            birth: .estimated(years: 15, asOf: today), openedOn: today)
        if base == nil, context.worker.role == .childProtection { child.team.childProtection = context.worker.id }
        if !identityOnly {
            child.legalName = values[.legalName]
            child.preferredName = values[.preferredName]
            child.pronouns = values[.pronouns]
            child.gender = values[.gender]
            // None typed on a record that never had any stays as it was (nil or empty).
            let phones = values.items(.phones)
            child.phones = phones.isEmpty && (base?.phones ?? []).isEmpty ? base?.phones : phones
            if let day = values.day(.birth, required: false, problems: &problems) {
                child.birth = .exact(day)
            } else if values[.birth].isEmpty {
                let estimate = values[.estimate]
                if let years = Int(estimate) {
                    // An unchanged estimate keeps the day it was made; a new one is made today.
                    if case .estimated(let old, let asOf)? = base?.birth, old == years {
                        child.birth = .estimated(years: years, asOf: asOf)
                    } else {
                        child.birth = .estimated(years: years, asOf: today)
                    }
                } else if estimate.isEmpty {
                    problems.append(Problem(.birth, "Give a date of birth, or an estimated age below."))
                } else {
                    problems.append(Problem(.estimate, "The estimated age is a number of years, like 15."))
                }
            }
            child.careStatus = CareStatus(rawValue: values[.careStatus]) ?? child.careStatus
            child.society = values[.society]
            child.placement = values[.placement]
            child.riskLevel = RiskLevel(rawValue: values[.risk]) ?? child.riskLevel
            child.exploitationStatus = ExploitationStatus(rawValue: values[.exploitation]) ?? child.exploitationStatus
        }
        child.languages = values.items(.languages)
        switch values[.identity] {
        case "affiliations":
            var list: [Affiliation] = []
            for item in values.items(.affiliations) {
                guard let affiliation = Self.affiliation(from: item) else {
                    problems.append(Problem(.affiliations, "\"\(item)\" should read group: community, with group First Nations, Inuk or Métis."))
                    break
                }
                list.append(affiliation)
            }
            child.indigenousIdentity = .affiliations(list)
        case "not Indigenous": child.indigenousIdentity = .notIndigenous
        case "not disclosed": child.indigenousIdentity = .notDisclosed
        default: child.indigenousIdentity = .unknown
        }
        guard problems.isEmpty else { return .problems(problems) }
        // Identity only (a liaison): the care status is not this form's to fix, so its problem
        // (the store refuses only problems a save brings in) does not hold the identity back.
        let childProblems = ChildRules.problems(child, today: today).filter { !(identityOnly && $0.field == .careStatus) }
        problems += childProblems.mapped({ field -> Field? in
            switch field {
            case .legalName: .legalName
            case .birth: .birth
            case .estimatedAge: .estimate
            case .affiliations: .affiliations
            case .careStatus: .careStatus
            case .openedOn, .closure: nil
            }
        }, fallback: identityOnly ? .identity : .legalName)
        guard problems.isEmpty else { return .problems(problems) }

        let command: CaseCommand = base == nil ? .createChild(child) : .updateChild(child)
        var questions: [String] = []
        let birthChanged = base.map { $0.birth != child.birth } ?? true
        if !identityOnly, birthChanged, ChildRules.isUnusualAge(child, today: today) {
            questions.append("An age of \(child.age(on: today)) is outside the usual \(ChildRules.usualAges.lowerBound)–\(ChildRules.usualAges.upperBound).")
        }
        if base == nil, let twin = Self.possibleDuplicate(of: child, in: context.snapshot, today: today) {
            questions.append("A child with this name and \(twin.birth.isEstimated ? "age" : "date of birth") is already on the caseload (\(twin.caseNumber)).")
        }
        return questions.isEmpty ? .command(command) : .confirm(questions.joined(separator: " "), command)
    }

    /// An existing child with the same name (legal or preferred, folded) and the same date of
    /// birth, or the same age when either is estimated.
    static func possibleDuplicate(of child: Child, in snapshot: CaseloadSnapshot, today: DayDate) -> ChildSummary? {
        let names = Set([child.legalName, child.preferredName].filter { !$0.isEmpty }.map(TextFold.fold))
        return snapshot.children.first { other in
            let otherNames = Set([other.legalName, other.preferredName].filter { !$0.isEmpty }.map(TextFold.fold))
            guard !names.isDisjoint(with: otherNames) else { return false }
            switch (child.birth, other.birth) {
            case (.exact(let a), .exact(let b)): return a == b
            default: return child.age(on: today) == other.age(on: today)
            }
        }
    }

    public func rebased(on theirs: AnyRecord) -> ProfileForm? {
        guard case .child(let child) = theirs, child.id == base?.id else { return nil }
        return ProfileForm(child: child, identityOnly: identityOnly)
    }
}
