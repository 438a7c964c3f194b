import CareDomain
import Foundation
import TextUI

/// A handover as text, Markdown or JSON: what `care handover --format` prints and `P` writes.
/// Every string from the records passes the sanitizer: no escape sequence reaches a terminal or
/// a file through it.
public enum HandoverDocument {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    /// How the document names people: children (possibly masked) and workers.
    public struct Names: Sendable {
        /// The child as a line of text names them: the name (or initials) and the case number.
        public var child: @Sendable (ChildID) -> String
        public var worker: @Sendable (WorkerID) -> String
        /// The two apart, for JSON: a program reading it should not have to split a string.
        public var name: @Sendable (ChildID) -> String
        public var caseNumber: @Sendable (ChildID) -> String?

        public init(child: @escaping @Sendable (ChildID) -> String, worker: @escaping @Sendable (WorkerID) -> String,
                    name: (@Sendable (ChildID) -> String)? = nil, caseNumber: @escaping @Sendable (ChildID) -> String? = { _ in nil }) {
            self.child = child
            self.worker = worker
            self.name = name ?? child
            self.caseNumber = caseNumber
        }
    }

    public static func render(_ report: HandoverReport, format: Format, unit: String, names: Names, zone: TimeZone) -> String {
        switch format {
        case .json: json(report, unit: unit, names: names, zone: zone)
        case .markdown: lines(report, unit: unit, names: names, zone: zone, markdown: true).joined(separator: "\n") + "\n"
        case .text: lines(report, unit: unit, names: names, zone: zone, markdown: false).joined(separator: "\n") + "\n"
        }
    }

    private static func clean(_ text: String) -> String { Sanitizer.clean(text) }

    static func lines(_ report: HandoverReport, unit: String, names: Names, zone: TimeZone, markdown: Bool) -> [String] {
        let heading = "Handover — \(unit) unit — \(report.window.longLabel)"
        var out: [String] = markdown ? ["# \(clean(heading))", ""] : [clean(heading), String(repeating: "=", count: DisplayWidth.of(heading)), ""]
        out.append(report.saved == nil ? "Proposed from the records; not saved yet." : "Saved handover.")
        out.append("")
        let strip = report.strip
        let counts = [
            ("Caseload", strip.caseload), ("Missing now", strip.missingNow), ("New cases", strip.newCases),
            ("Contacts logged", strip.contactsLogged), ("Missing opened", strip.missingOpened), ("Located", strip.located),
            ("New referrals", strip.newReferrals), ("Referral decisions", strip.referralDecisions),
            ("Alerts raised", strip.alertsRaised), ("Alerts answered", strip.alertsAnswered),
        ] + (strip.recordsNotOpening > 0 ? [("Records that do not open", strip.recordsNotOpening)] : [])
        if markdown {
            out += ["## This shift", "", "| | |", "|---|---|"] + counts.map { "| \($0.0) | \($0.1) |" } + [""]
        } else {
            out += ["This shift:"] + counts.map { "  \(DisplayWidth.pad($0.0, to: 20)) \($0.1)" } + [""]
        }
        out.append(markdown ? "## Cards (\(report.cards.count))" : "Cards (\(report.cards.count)):")
        out.append("")
        for card in report.cards {
            let entry = card.entry
            let title = "\(card.severity.symbol) \(card.severity.rawValue.uppercased()) — \(clean(names.child(entry.child)))"
            out.append(markdown ? "### \(title)" : title)
            if !card.reasons.isEmpty { out.append("On the handover because: \(card.reasons.joined(separator: ", ")).") }
            // The facts are the records' at the time of printing, not the card's as written.
            out += ["", "\(markdown ? "**" : "")As of \(TimeText.format(card.factsAsOf, zone: zone)):\(markdown ? "**" : "") \(clean(card.facts))"]
            for change in card.sinceWritten { out.append("\(markdown ? "- " : "  ")⚠ \(clean(change))") }
            if !entry.summary.isEmpty { out += ["", clean(entry.summary)] }
            if !entry.actions.isEmpty {
                out.append("")
                for action in entry.actions {
                    var text = "\(markdown ? "- " : "  ")[\(action.done ? "x" : " ")] \(clean(action.text))"
                    if !action.owner.isEmpty { text += " — \(clean(action.owner))" }
                    if let due = action.due { text += " — by \(TimeText.format(due, zone: zone))" }
                    out.append(text)
                }
            }
            if !entry.contingencies.isEmpty {
                out.append("")
                for contingency in entry.contingencies {
                    out.append("\(markdown ? "- " : "  ")\(clean(contingency.condition)) → \(clean(contingency.response))")
                }
            }
            if !card.changes.isEmpty {
                out += ["", "This shift:"] + card.changes.map { "\(markdown ? "- " : "  ")\(clean($0))" }
            }
            out.append("")
            if card.acknowledgements.isEmpty {
                out.append(markdown ? "**Not acknowledged yet.**" : "NOT ACKNOWLEDGED YET")
            } else {
                for ack in card.acknowledgements {
                    let readBack = ack.readBack.isEmpty ? "" : ": “\(clean(ack.readBack))”"
                    out.append("Acknowledged by \(clean(names.worker(ack.by))) at \(TimeText.format(ack.at, zone: zone))\(readBack)")
                }
            }
            out.append("")
        }
        return out
    }

    private struct JSONReport: Encodable {
        struct Card: Encodable {
            struct Action: Encodable { var text: String; var owner: String; var due: String?; var done: Bool }
            struct Contingency: Encodable { var condition: String; var response: String }
            struct Acknowledgement: Encodable { var by: String; var at: String; var readBack: String }
            var child: String
            var caseNumber: String?
            var severity: String
            var reasons: [String]
            var summary: String
            var actions: [Action]
            var contingencies: [Contingency]
            var pinned: Bool
            var acknowledgements: [Acknowledgement]
            var facts: String
            var factsAsOf: String
            var sinceWritten: [String]
            var changes: [String]
        }
        var unit: String
        var shiftStart: String
        var shiftEnd: String
        var saved: Bool
        var strip: [String: Int]
        var cards: [Card]
    }

    static func json(_ report: HandoverReport, unit: String, names: Names, zone: TimeZone) -> String {
        let strip = report.strip
        let document = JSONReport(
            unit: unit, shiftStart: TimeText.format(report.window.start, zone: zone), shiftEnd: TimeText.format(report.window.end, zone: zone),
            saved: report.saved != nil,
            strip: ["caseload": strip.caseload, "missingNow": strip.missingNow, "newCases": strip.newCases, "contactsLogged": strip.contactsLogged,
                    "missingOpened": strip.missingOpened, "located": strip.located, "newReferrals": strip.newReferrals,
                    "referralDecisions": strip.referralDecisions, "alertsRaised": strip.alertsRaised, "alertsAnswered": strip.alertsAnswered,
                    "recordsNotOpening": strip.recordsNotOpening],
            cards: report.cards.map { card in
                JSONReport.Card(
                    child: clean(names.name(card.child)), caseNumber: names.caseNumber(card.child).map(clean), severity: card.severity.rawValue, reasons: card.reasons,
                    summary: clean(card.entry.summary),
                    actions: card.entry.actions.map { .init(text: clean($0.text), owner: clean($0.owner), due: $0.due.map { TimeText.format($0, zone: zone) }, done: $0.done) },
                    contingencies: card.entry.contingencies.map { .init(condition: clean($0.condition), response: clean($0.response)) },
                    pinned: card.entry.pinned,
                    acknowledgements: card.acknowledgements.map { .init(by: clean(names.worker($0.by)), at: TimeText.format($0.at, zone: zone), readBack: clean($0.readBack)) },
                    facts: clean(card.facts), factsAsOf: TimeText.format(card.factsAsOf, zone: zone), sinceWritten: card.sinceWritten.map(clean),
                    changes: card.changes.map(clean))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
