import CareDomain
import Foundation

/// Edits one I-PASS card of a shift's handover: severity, summary, the action checklist (with
/// owners and times) and the if/then contingencies. Saves the whole handover against the
/// version read; a handover nobody saved yet is saved with the proposed cards.
public struct HandoverCardForm: CaseForm {
    public enum Field: String, FormFieldID { case severity, summary, actions, contingencies, pinned }

    public let handover: Handover
    public let childID: ChildID
    /// The card as proposed, for a child not on the handover yet (saving adds it).
    public let proposed: Handover.Entry?
    public var title: String { "Handover card" }
    public var child: ChildID? { childID }

    public init(handover: Handover, child: ChildID, proposed: Handover.Entry? = nil) {
        self.handover = handover
        childID = child
        self.proposed = proposed
    }

    var entry: Handover.Entry? { handover.entries.first { $0.child == childID } ?? proposed }

    /// "[x] Call placement — Alex T. — 2026-11-23 23:00": done or not, the action, its owner and
    /// when it is due, the last two when given.
    static func line(_ action: Handover.Action, zone: TimeZone) -> String {
        var parts = [action.text]
        if !action.owner.isEmpty || action.due != nil { parts.append(action.owner) }
        if let due = action.due { parts.append(TimeText.format(due, zone: zone)) }
        return (action.done ? "[x] " : "[ ] ") + parts.joined(separator: " — ")
    }

    static func action(from line: String, context: FormContext, keeping old: [Handover.Action]) -> Handover.Action? {
        var text = line
        var done = false
        if text.hasPrefix("[x] ") || text.hasPrefix("[X] ") { done = true; text.removeFirst(4) } else if text.hasPrefix("[ ] ") { text.removeFirst(4) }
        let parts = text.components(separatedBy: " — ").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, !first.isEmpty else { return nil }
        var due: Date?
        if parts.count > 2 {
            let kept = old.first { $0.text == first && $0.due.map { TimeText.format($0, zone: context.zone) } == parts[2] }?.due
            due = kept ?? TimeText.parse(parts[2], zone: context.zone, now: context.now, upcoming: true)
            if due == nil { return nil }
        }
        return Handover.Action(text: first, owner: parts.count > 1 ? parts[1] : "", due: due, done: done)
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let card = entry
        return [
            FieldSpec(.severity, "Severity", kind: .choice(Handover.Severity.allCases.map(\.rawValue)), value: (card?.severity ?? .stable).rawValue),
            FieldSpec(.summary, "Summary", kind: .note, value: card?.summary ?? "", hint: "one or two lines: where things stand"),
            FieldSpec(.actions, "Actions", kind: .list, value: (card?.actions ?? []).map { Self.line($0, zone: context.zone) }.joined(separator: "\n"),
                      hint: "one per line: [ ] action — owner — due (HH:MM or YYYY-MM-DD HH:MM); [x] when done"),
            FieldSpec(.contingencies, "If / then", kind: .list,
                      value: (card?.contingencies ?? []).map { "\($0.condition) → \($0.response)" }.joined(separator: "\n"),
                      hint: "one per line: if … → then …"),
            FieldSpec(.pinned, "Pinned", kind: .choice(["no", "yes"]), value: card?.pinned == true ? "yes" : "no",
                      hint: "a pinned card is carried to the next shift's handover"),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var problems: [Problem<Field>] = []
        var actions: [Handover.Action] = []
        for line in values.items(.actions) {
            if let action = Self.action(from: line, context: context, keeping: entry?.actions ?? []) {
                actions.append(action)
            } else {
                problems.append(Problem(.actions, "\"\(line)\" should read [ ] action — owner — due time."))
            }
        }
        var contingencies: [Handover.Contingency] = []
        for line in values.items(.contingencies) {
            let sides = line.components(separatedBy: "→").map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
                problems.append(Problem(.contingencies, "\"\(line)\" should read: if … → then …"))
                continue
            }
            contingencies.append(.init(condition: sides[0], response: sides[1]))
        }
        guard problems.isEmpty else { return .problems(problems) }
        var updated = handover
        let card = Handover.Entry(child: childID, severity: Handover.Severity(rawValue: values[.severity]) ?? .stable, summary: values[.summary],
                                  actions: actions, contingencies: contingencies, pinned: values[.pinned] == "yes")
        if let index = updated.entries.firstIndex(where: { $0.child == childID }) {
            updated.entries[index] = card
        } else {
            updated.entries.append(card)
        }
        return .command(.saveHandover(updated))
    }

    public func rebased(on theirs: AnyRecord) -> HandoverCardForm? {
        guard case .handover(let handover) = theirs, handover.id == self.handover.id else { return nil }
        return HandoverCardForm(handover: handover, child: childID, proposed: proposed)
    }
}

/// The incoming worker acknowledges one card, with a read-back in their own words if they like.
public struct AcknowledgeCardForm: CaseForm {
    public enum Field: String, FormFieldID { case readBack }

    public let handover: HandoverID
    public let childID: ChildID
    public var title: String { "Acknowledge card" }
    public var child: ChildID? { childID }

    public init(handover: HandoverID, child: ChildID) {
        self.handover = handover
        childID = child
    }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        [FieldSpec(.readBack, "Read-back", kind: .note, hint: "optional: what you will do, in your words")]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        .command(.acknowledgeHandoverEntry(handover: handover, child: childID, readBack: values[.readBack]))
    }
}
