import CareDomain
import CareStore
import Foundation
import TextUI

/// The columns of the CSV format: one row per child, as a unit's spreadsheet has them
/// (`docs/import-format.md` is the person's version of this file). Export writes the same
/// columns, so a CSV export imports back to the same children.
public enum ChildColumns {
    public enum Column: String, CaseIterable, Sendable {
        case caseNumber = "case_number"
        case legalName = "legal_name"
        case preferredName = "preferred_name"
        case pronouns
        case dateOfBirth = "date_of_birth"
        case estimatedAge = "estimated_age"
        case estimatedAsOf = "estimated_as_of"
        case gender
        case indigenousIdentity = "indigenous_identity"
        case community
        case representativeContact = "representative_contact"
        case languages
        case phones
        case careStatus = "care_status"
        case society
        case placement
        case riskLevel = "risk_level"
        case exploitationStatus = "exploitation_status"
        case openedOn = "opened_on"
        case closedOn = "closed_on"
        case closureReason = "closure_reason"
        case childProtectionAccount = "child_protection_account"
        case policeAccount = "police_account"
        case liaisonAccount = "liaison_account"

        /// Columns a file must have.
        public static let required: [Column] = [.legalName, .riskLevel, .openedOn]
    }

    /// The separator inside a cell holding several values (languages, affiliations).
    public static let listSeparator = ";"
    /// The longest name, and the longest other text, a cell may hold.
    public static let nameLimit = 200
    public static let textLimit = 1_000

    static let date = "a date as YYYY-MM-DD (like 2011-04-03)"

    /// The children of a parsed CSV file, or every problem it has. `unit` is the store's unit
    /// code (a case number must be this unit's); `accounts` resolve the team columns.
    public static func children(
        from table: CSVTable.Parsed, unit: String, accounts: [AccountSummary], progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> [Child] {
        var problems: [ImportProblem] = []
        var columns: [Column: Int] = [:]
        for (index, name) in table.header.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let column = Column(rawValue: trimmed) else {
                problems.append(ImportProblem(row: 1, column: Sanitizer.clean(String(name.prefix(40))),
                                              expected: "a column care reads (\(Column.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            if columns[column] != nil {
                problems.append(ImportProblem(row: 1, column: column.rawValue, expected: "each column once"))
            }
            columns[column] = index
        }
        for column in Column.required where columns[column] == nil {
            problems.append(ImportProblem(row: 1, column: column.rawValue, expected: "this column, which every file needs"))
        }
        if columns[.dateOfBirth] == nil && columns[.estimatedAge] == nil {
            problems.append(ImportProblem(row: 1, column: Column.dateOfBirth.rawValue, expected: "date_of_birth or estimated_age"))
        }
        guard problems.isEmpty else { throw ImportProblems(problems) }

        let byName = Dictionary(accounts.map { ($0.accountName, $0) }, uniquingKeysWith: { first, _ in first })
        var children: [Child] = []
        for (offset, cells) in table.rows.enumerated() {
            var row = RowReader(number: table.rowNumbers[offset], cells: cells, columns: columns, accounts: byName, unit: unit)
            if let child = row.child() { children.append(child) }
            problems += row.problems
            if offset % 50 == 49 { progress(offset + 1, table.rows.count) }
        }
        progress(table.rows.count, table.rows.count)
        guard problems.isEmpty else { throw ImportProblems(problems) }
        return children
    }

    /// The CSV rows of `children`, in case-number order; `workers` name the team by account.
    public static func rows(of children: [Child], workers: [Worker]) -> (header: [String], rows: [[String]]) {
        let accounts = Dictionary(workers.map { ($0.id, $0.accountName) }, uniquingKeysWith: { first, _ in first })
        let rows = children.sorted { $0.caseNumber < $1.caseNumber }.map { child -> [String] in
            Column.allCases.map { column in Sanitizer.clean(cell(column, of: child, accounts: accounts)) }
        }
        return (Column.allCases.map(\.rawValue), rows)
    }

    static func cell(_ column: Column, of child: Child, accounts: [WorkerID: String]) -> String {
        let list = listSeparator + " "
        switch column {
        case .caseNumber: return child.caseNumber.description
        case .legalName: return child.legalName
        case .preferredName: return child.preferredName
        case .pronouns: return child.pronouns
        case .dateOfBirth:
            if case .exact(let day) = child.birth { return day.description }
            return ""
        case .estimatedAge:
            if case .estimated(let years, _) = child.birth { return String(years) }
            return ""
        case .estimatedAsOf:
            if case .estimated(_, let day) = child.birth { return day.description }
            return ""
        case .gender: return child.gender
        case .indigenousIdentity:
            switch child.indigenousIdentity {
            case .affiliations(let groups) where groups.isEmpty: return "unknown"
            case .affiliations(let groups): return groups.map(\.group.rawValue).joined(separator: list)
            case .notIndigenous: return "not Indigenous"
            case .notDisclosed: return "not disclosed"
            case .unknown: return "unknown"
            }
        case .community: return child.indigenousIdentity.affiliations.map(\.community).joined(separator: list)
        case .representativeContact: return child.indigenousIdentity.affiliations.map(\.representativeContact).joined(separator: list)
        case .languages: return child.languages.joined(separator: list)
        case .phones: return (child.phones ?? []).joined(separator: list)
        case .careStatus: return child.careStatus.rawValue
        case .society: return child.society
        case .placement: return child.placement
        case .riskLevel: return child.riskLevel.rawValue
        case .exploitationStatus: return child.exploitationStatus.rawValue
        case .openedOn: return child.openedOn.description
        case .closedOn: return child.closure?.on.description ?? ""
        case .closureReason: return child.closure?.reason ?? ""
        case .childProtectionAccount: return child.team.childProtection.flatMap { accounts[$0] } ?? ""
        case .policeAccount: return child.team.police.flatMap { accounts[$0] } ?? ""
        case .liaisonAccount: return child.team.liaison.flatMap { accounts[$0] } ?? ""
        }
    }
}

/// Reads one CSV row into a child, collecting a problem for every cell that does not fit.
private struct RowReader {
    typealias Column = ChildColumns.Column

    let number: Int
    let cells: [String]
    let columns: [Column: Int]
    let accounts: [String: AccountSummary]
    let unit: String
    var problems: [ImportProblem] = []

    init(number: Int, cells: [String], columns: [Column: Int], accounts: [String: AccountSummary], unit: String) {
        self.number = number
        self.cells = cells
        self.columns = columns
        self.accounts = accounts
        self.unit = unit
    }

    mutating func problem(_ column: Column, _ expected: String) {
        problems.append(ImportProblem(row: number, column: column.rawValue, expected: expected))
    }

    /// The cell, sanitized and trimmed ("" when the column is absent or the row is short).
    mutating func text(_ column: Column, limit: Int = ChildColumns.textLimit) -> String {
        guard let index = columns[column], index < cells.count else { return "" }
        let value = Sanitizer.clean(cells[index]).trimmingCharacters(in: .whitespaces)
        if value.count > limit {
            problem(column, "at most \(limit) characters")
            return ""
        }
        return value
    }

    mutating func list(_ column: Column) -> [String] {
        text(column).split(separator: Character(ChildColumns.listSeparator), omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    mutating func day(_ column: Column, required: Bool) -> DayDate? {
        let value = text(column)
        if value.isEmpty {
            if required { problem(column, ChildColumns.date) }
            return nil
        }
        guard let day = DayDate(iso: value) else {
            problem(column, ChildColumns.date)
            return nil
        }
        return day
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ column: Column, default fallback: T?) -> T? where T.RawValue == String {
        let value = text(column)
        if value.isEmpty, let fallback { return fallback }
        if let found = T.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(value) == .orderedSame }) { return found }
        problem(column, "one of " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        return nil
    }

    mutating func member(_ column: Column, role: Role) -> WorkerID? {
        let name = text(column)
        guard !name.isEmpty else { return nil }
        guard let account = accounts[name] else {
            problem(column, "the name of an account in this store (add it with care user add first)")
            return nil
        }
        guard account.role == role else {
            problem(column, "an account whose role is \(role.title)")
            return nil
        }
        return account.workerID
    }

    mutating func child() -> Child? {
        let before = problems.count
        var caseNumber = CaseNumber.unassigned(unit: unit, year: 0)
        let numberText = text(.caseNumber)
        if !numberText.isEmpty {
            if let parsed = CaseNumber(numberText), parsed.unit == unit, parsed.isAssigned {
                caseNumber = parsed
            } else {
                problem(.caseNumber, "a case number of this unit like \(unit)-2026-0042, or nothing (the store numbers the child)")
            }
        }
        let legalName = text(.legalName, limit: ChildColumns.nameLimit)
        if legalName.isEmpty && problems.count == before { problem(.legalName, "the child's legal name") }
        let preferredName = text(.preferredName, limit: ChildColumns.nameLimit)
        let pronouns = text(.pronouns, limit: ChildColumns.nameLimit)
        let opened = day(.openedOn, required: true)

        var birth: Birth?
        let born = day(.dateOfBirth, required: false)
        let estimate = text(.estimatedAge)
        let estimatedAsOf = day(.estimatedAsOf, required: false)
        switch (born, estimate.isEmpty) {
        case (let born?, true):
            birth = .exact(born)
        case (nil, false):
            if let years = Int(estimate), (0...30).contains(years) {
                if let asOf = estimatedAsOf ?? opened { birth = .estimated(years: years, asOf: asOf) }
            } else {
                problem(.estimatedAge, "a whole number of years from 0 to 30")
            }
        case (_?, false):
            problem(.estimatedAge, "nothing when date_of_birth is given (one or the other)")
        case (nil, true):
            if !problems.contains(where: { $0.column == Column.dateOfBirth.rawValue }) {
                problem(.dateOfBirth, "\(ChildColumns.date), or an estimated_age")
            }
        }

        let identity = identity()
        let languages = list(.languages)
        // No column, or an empty cell, is "never recorded", as a child made in care starts.
        let phones = list(.phones)
        let careStatus: CareStatus? = choice(.careStatus, default: .notInCare)
        let risk: RiskLevel? = choice(.riskLevel, default: nil)
        let exploitation: ExploitationStatus? = choice(.exploitationStatus, default: .unknown)
        var closure: Closure?
        let closedOn = day(.closedOn, required: false)
        let reason = text(.closureReason)
        if let closedOn {
            if reason.isEmpty { problem(.closureReason, "why the case was closed, when closed_on is given") }
            if let opened, closedOn < opened { problem(.closedOn, "a date on or after opened_on") }
            closure = Closure(on: closedOn, reason: reason)
        } else if !reason.isEmpty {
            problem(.closedOn, "the date the case was closed, when closure_reason is given")
        }
        let team = Team(
            childProtection: member(.childProtectionAccount, role: .childProtection),
            police: member(.policeAccount, role: .police),
            liaison: member(.liaisonAccount, role: .liaison))

        guard problems.count == before, let opened, let birth, let identity, let careStatus, let risk, let exploitation else { return nil }
        return Child(
            caseNumber: caseNumber, legalName: legalName, preferredName: preferredName, pronouns: pronouns, birth: birth,
            gender: text(.gender, limit: ChildColumns.nameLimit), indigenousIdentity: identity, languages: languages,
            careStatus: careStatus, society: text(.society), placement: text(.placement), riskLevel: risk,
            exploitationStatus: exploitation, team: team, openedOn: opened, closure: closure, phones: phones.isEmpty ? nil : phones)
    }

    mutating func identity() -> IndigenousIdentity? {
        let value = text(.indigenousIdentity)
        let groups = list(.indigenousIdentity)
        let expected = "\"First Nations\", \"Inuk\" or \"Métis\" (several separated by ;), \"not Indigenous\", \"not disclosed\" or \"unknown\""
        switch value.lowercased() {
        case "", "unknown": return .unknown
        case "not indigenous": return .notIndigenous
        case "not disclosed": return .notDisclosed
        default: break
        }
        var affiliations: [Affiliation] = []
        let communities = list(.community)
        let contacts = text(.representativeContact).split(separator: Character(ChildColumns.listSeparator), omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, name) in groups.enumerated() {
            let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            guard let group = IndigenousGroup.allCases.first(where: {
                $0.rawValue.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == folded
            }) else {
                problem(.indigenousIdentity, expected)
                return nil
            }
            affiliations.append(Affiliation(
                group: group, community: index < communities.count ? communities[index] : "",
                representativeContact: index < contacts.count ? contacts[index] : ""))
        }
        if communities.count > groups.count {
            problem(.community, "no more communities than affiliations in indigenous_identity")
            return nil
        }
        return .affiliations(affiliations)
    }
}
