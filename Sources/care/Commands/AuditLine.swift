import ArgumentParser
import CareDomain
import Foundation
import TextUI

/// How `care audit` prints events.
enum AuditLineFormat: String, CaseIterable, ExpressibleByArgument {
    case tsv, json
}

/// One audit event as `care audit` prints it: the child named by case number (never by name),
/// the actor by account name, every field sanitized.
struct AuditLine: Encodable {
    var sequence: Int64
    var at: String
    var actor: String
    var action: String
    var target: String
    /// The child's case number, or "" when the event is about no child (or one no longer in the
    /// caseload, named then by nothing rather than by an id).
    var child: String
    var summary: String

    init(_ event: AuditEvent, actor: String?, caseNumber: String?) {
        sequence = event.sequence
        at = ISO8601DateFormatter().string(from: event.at)
        self.actor = Sanitizer.clean(actor ?? "—")
        action = event.action.rawValue
        target = Sanitizer.clean(event.targetKind.map { "\($0.rawValue) \(event.targetID ?? "")" } ?? "")
        child = Sanitizer.clean(caseNumber ?? "")
        summary = Sanitizer.clean(event.summary)
    }

    /// Sequence, time, actor, action, target, child's case number, summary.
    var fields: [String] { [String(sequence), at, actor, action, target, child, summary] }

    /// One line of JSON (keys sorted, no line breaks inside).
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
