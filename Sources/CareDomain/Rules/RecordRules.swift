import Foundation

/// The smaller records' rules: contacts, indicators, flags, alert responses.
public enum ContactRules {
    public enum Field: Hashable, Sendable, CaseIterable { case occurredAt, summary }

    public static func problems(_ contact: Contact, now: Date) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        if TimeRules.isFuture(contact.occurredAt, now: now) { problems.append(Problem(.occurredAt, TimeRules.futureTime)) }
        if contact.summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.summary, "Write what happened in the summary."))
        }
        return problems
    }
}

public enum IndicatorRules {
    public enum Field: Hashable, Sendable, CaseIterable { case kind, observedOn }

    public static func problems(_ indicator: RiskIndicator, today: DayDate) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        if case .other(let text) = indicator.kind, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.kind, "Say what the indicator is."))
        }
        if indicator.observedOn > today { problems.append(Problem(.observedOn, TimeRules.futureDay)) }
        return problems
    }
}

public enum FlagRules {
    public enum Field: Hashable, Sendable, CaseIterable { case text, reason }

    public static func problems(_ flag: Flag) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        if flag.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.text, "Write the flag."))
        }
        if let removal = flag.removal, removal.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.reason, "Give the reason for removing the flag."))
        }
        return problems
    }
}

public enum AlertResponseRules {
    public enum Field: Hashable, Sendable, CaseIterable { case note, until }

    public static func problems(_ response: AlertResponse, now: Date) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        switch response.kind {
        case .acknowledged:
            if response.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(.note, "Say what was done, or why the alert can wait."))
            }
        case .snoozed:
            guard let until = response.until, until > now else {
                problems.append(Problem(.until, "Snooze until a time after now."))
                break
            }
        }
        return problems
    }
}
