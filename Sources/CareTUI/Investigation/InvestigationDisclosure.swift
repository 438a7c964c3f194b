import CareDomain
import Foundation
import TextUI

/// What `care investigation export` writes for a police file about one person of interest: who
/// they are (aliases, approximate age, phones, handles, vehicles, description) and each link's
/// date, source and confidence with the child's case number only — no link notes, no restricted
/// note, nothing else about any child. Every string is sanitized, in both formats.
public struct InvestigationDisclosure: Sendable, Equatable, Encodable {
    public enum Format: String, CaseIterable, Sendable {
        case markdown, json
    }

    public struct Link: Sendable, Equatable, Encodable {
        public var date: String
        public var source: String
        public var confidence: String
        /// The child's case number, or "not on the caseload".
        public var caseNumber: String
    }

    public var unit: String
    public var exportedAt: String
    public var person: String
    public var aliases: [String]
    public var approximateAge: Int?
    public var phones: [String]
    public var handles: [String]
    public var vehicles: [String]
    public var description: String
    /// Persons merged into this one (their aliases), whose links are included.
    public var merged: [String]
    public var links: [Link]
    public var patternWarning: String?

    /// The disclosure of `person` from `file` (the person's view), naming children by the case
    /// numbers in `caseNumbers`.
    public init?(person id: PersonID, file: InvestigationFile, caseNumbers: [ChildID: CaseNumber], unit: String, at date: Date) {
        guard let person = file.person(id) else { return nil }
        let clean = { (text: String) in Sanitizer.clean(text) }
        self.unit = clean(unit)
        exportedAt = ISO8601DateFormatter().string(from: date)
        self.person = clean(person.name)
        aliases = person.aliases.map(clean)
        approximateAge = person.approximateAge
        phones = person.phones.map(clean)
        handles = person.handles.map(clean)
        vehicles = person.vehicles.map { clean($0.plate.isEmpty ? $0.description : "\($0.description) (plate \($0.plate))") }
        description = clean(person.description)
        merged = file.persons.filter { $0.mergedInto == id }.map { clean($0.name) }
        links = file.activeLinks(to: .person(id)).reversed().map { link in
            Link(date: link.date.description, source: link.source.rawValue, confidence: link.confidence.rawValue,
                 caseNumber: caseNumbers[link.child]?.description ?? "not on the caseload")
        }
        patternWarning = file.warning(for: .person(id)).map(\.words)
    }

    public func rendered(_ format: Format) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        case .markdown:
            func escaped(_ text: String) -> String {
                var out = ""
                for character in text {
                    // What Markdown would read as emphasis, code, a link, HTML or a table cell.
                    if "\\`*_[]<>|#".contains(character) { out.append("\\") }
                    out.append(character)
                }
                return out.replacingOccurrences(of: "\n", with: " ")
            }
            var lines = ["# Person of interest: \(escaped(person))", "",
                         "Unit \(escaped(unit)), exported \(escaped(exportedAt)). For disclosure: links, dates and sources only; "
                             + "children are named by case number.", ""]
            lines.append("- Aliases: \(aliases.map(escaped).joined(separator: ", "))")
            if let approximateAge { lines.append("- Approximate age: \(approximateAge)") }
            if !phones.isEmpty { lines.append("- Phones: \(phones.map(escaped).joined(separator: ", "))") }
            if !handles.isEmpty { lines.append("- Handles: \(handles.map(escaped).joined(separator: ", "))") }
            if !vehicles.isEmpty { lines.append("- Vehicles: \(vehicles.map(escaped).joined(separator: ", "))") }
            if !description.isEmpty { lines.append("- Description: \(escaped(description))") }
            if !merged.isEmpty { lines.append("- Merged into this person: \(merged.map(escaped).joined(separator: ", "))") }
            if let patternWarning { lines.append("- Pattern: \(escaped(patternWarning))") }
            lines += ["", "| Date | Source | Confidence | Case number |", "|---|---|---|---|"]
            lines += links.map { "| \($0.date) | \($0.source) | \($0.confidence) | \(escaped($0.caseNumber)) |" }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
