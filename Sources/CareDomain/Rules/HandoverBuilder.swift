import Foundation

/// A contact's child and time, without its words: enough to count what happened in a shift.
public struct ContactStamp: Hashable, Sendable {
    public var child: ChildID
    public var at: Date

    public init(child: ChildID, at: Date) {
        self.child = child
        self.at = at
    }
}

/// What happened during a shift, in numbers: the strip at the top of the handover.
public struct ChangeStrip: Sendable, Equatable {
    public var caseload = 0
    public var missingNow = 0
    public var newCases = 0
    public var contactsLogged = 0
    public var missingOpened = 0
    /// Episodes closed: the child located during the shift.
    public var located = 0
    public var newReferrals = 0
    /// Approvals, returns, sends, provider answers, withdrawals.
    public var referralDecisions = 0
    public var alertsRaised = 0
    /// Alerts acknowledged or snoozed during the shift.
    public var alertsAnswered = 0
    /// Stored records that do not open (`DamagedRecord`), a child's own or any other: what the
    /// rest of the counts could not read.
    public var recordsNotOpening = 0

    public init() {}
}

/// One I-PASS card as the handover shows it: the card itself, why it is on the handover, and who
/// acknowledged it.
public struct HandoverCard: Sendable, Equatable {
    public var entry: Handover.Entry
    /// "missing now", "new case", "changed this shift", "critical alert", "pinned last shift".
    public var reasons: [String]
    public var acknowledgements: [HandoverAcknowledgement]

    public var child: ChildID { entry.child }
    public var isAcknowledged: Bool { !acknowledgements.isEmpty }
    /// Shown beside a saved handover's cards (a child missing since it was saved), not part of it.
    public var isExtra: Bool { reasons.contains(HandoverBuilder.notOnSavedHandover) }
}

/// Everything the handover screen and `care handover` show for one shift.
public struct HandoverReport: Sendable, Equatable {
    public var window: ShiftWindow
    /// The saved handover, when there is one; otherwise the cards are proposed from the records.
    public var saved: Handover?
    public var strip: ChangeStrip
    public var cards: [HandoverCard]
    /// Open cases by risk level, low to critical.
    public var riskCounts: [(RiskLevel, Int)]
    /// Contacts logged on each of the last 14 days, oldest first.
    public var contactsPerDay: [Int]
    /// Referrals that reached each step (the referral queue's own funnel).
    public var funnel: ReferralFunnel

    public static func == (a: HandoverReport, b: HandoverReport) -> Bool {
        a.window == b.window && a.saved == b.saved && a.strip == b.strip && a.cards == b.cards
            && a.riskCounts.map(\.1) == b.riskCounts.map(\.1) && a.contactsPerDay == b.contactsPerDay && a.funnel == b.funnel
    }
}

/// Builds the handover of a shift from the records (after I-PASS): the change strip, the cards —
/// chosen automatically (changed this shift, an alert at warning or above, or pinned on the last
/// handover) and pre-filled from the record so the outgoing worker edits rather than types — or
/// the saved handover's own cards, with their acknowledgements.
public enum HandoverBuilder {
    /// The reason on a card shown beside a saved handover's own.
    public static let notOnSavedHandover = "not on the saved handover"
    /// The reason on the card of a child whose own record does not open.
    public static let recordDoesNotOpen = "record does not open"

    public static func report(
        window: ShiftWindow, snapshot: CaseloadSnapshot, contacts: [ContactStamp], alerts: [Alert], saved: HandoverState?,
        previous: Handover?, now: Date, zone: TimeZone
    ) -> HandoverReport {
        let strip = changeStrip(window: window, snapshot: snapshot, contacts: contacts, alerts: alerts)
        var cards: [HandoverCard]
        if let saved {
            cards = saved.handover.entries.map { entry in
                HandoverCard(entry: entry, reasons: reasons(for: entry.child, window: window, snapshot: snapshot, contacts: contacts,
                                                            alerts: alerts, previous: previous),
                             acknowledgements: saved.acknowledgements(of: entry.child))
            }
            // A child who went missing after the handover was saved, or whose record no longer
            // opens, is not left off it: while the shift is on or just handed over, they get a
            // card, marked as not on the saved one.
            if now < window.end.addingTimeInterval(window.end.timeIntervalSince(window.start)) {
                let onIt = Set(saved.handover.entries.map(\.child))
                for child in snapshot.children where child.isOpen && !onIt.contains(child.id) && snapshot.openEpisode(of: child.id) != nil {
                    let entry = prefill(child, snapshot: snapshot, alerts: alerts.filter { $0.child == child.id }, pinned: nil, now: now, zone: zone)
                    // First: what was not said at the handover is what most needs saying.
                    cards.insert(HandoverCard(entry: entry, reasons: ["missing now", notOnSavedHandover], acknowledgements: []),
                                 at: cards.firstIndex(where: { !$0.isExtra }) ?? cards.count)
                }
                for (id, _) in snapshot.unreadableChildren.reversed() where !onIt.contains(id) {
                    let why = reasons(for: id, window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous)
                    cards.insert(HandoverCard(entry: unreadableEntry(id, snapshot: snapshot, pinned: nil, now: now), reasons: why + [notOnSavedHandover],
                                              acknowledgements: []), at: 0)
                }
            }
        } else {
            cards = proposedEntries(window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous, now: now, zone: zone)
                .map { HandoverCard(entry: $0.entry, reasons: $0.reasons, acknowledgements: []) }
        }
        return HandoverReport(
            window: window, saved: saved?.handover, strip: strip, cards: cards,
            riskCounts: RiskLevel.allCases.map { level in (level, snapshot.children.filter { $0.isOpen && $0.riskLevel == level }.count) },
            contactsPerDay: contactsPerDay(contacts, now: now, zone: zone), funnel: ReferralFunnel(snapshot.referrals))
    }

    // MARK: The strip

    public static func changeStrip(window: ShiftWindow, snapshot: CaseloadSnapshot, contacts: [ContactStamp], alerts: [Alert]) -> ChangeStrip {
        var strip = ChangeStrip()
        let open = snapshot.children.filter(\.isOpen)
        // A child whose record does not open is counted as the open case it may well be.
        let unreadable = snapshot.unreadableChildren.map(\.id)
        strip.caseload = open.count + unreadable.count
        strip.missingNow = open.filter { snapshot.openEpisode(of: $0.id) != nil }.count
            + unreadable.filter { snapshot.openEpisode(of: $0) != nil }.count
        strip.recordsNotOpening = snapshot.damaged.count
        strip.newCases = snapshot.children.filter { opensIn(window, day: $0.openedOn) }.count
        strip.contactsLogged = contacts.filter { window.contains($0.at) }.count
        for episodes in snapshot.episodes.values {
            for episode in episodes {
                if window.contains(episode.reportedMissingAt) { strip.missingOpened += 1 }
                if let located = episode.located, window.contains(located.at) { strip.located += 1 }
            }
        }
        for referral in snapshot.referrals {
            if window.contains(referral.createdAt) { strip.newReferrals += 1 }
            strip.referralDecisions += referral.timeline.filter { window.contains($0.at) && $0.from != .draft }.count
        }
        strip.alertsRaised = alerts.filter { window.contains($0.since) }.count
        strip.alertsAnswered = snapshot.responses.filter { window.contains($0.at) }.count
        return strip
    }

    /// A case opened on a day the shift overlaps is new this shift (a case opens on a date, not
    /// at a time, so it is new on both shifts of that day).
    static func opensIn(_ window: ShiftWindow, day: DayDate) -> Bool {
        guard let start = day.startOfDay(in: window.zone) else { return false }
        return start < window.end && start.addingTimeInterval(AlertThresholds.day) > window.start
    }

    // MARK: The cards

    /// Why a child belongs on this shift's handover, in words; empty when they do not.
    static func reasons(
        for child: ChildID, window: ShiftWindow, snapshot: CaseloadSnapshot, contacts: [ContactStamp], alerts: [Alert], previous: Handover?
    ) -> [String] {
        var reasons: [String] = []
        if snapshot.openEpisode(of: child) != nil { reasons.append("missing now") }
        if snapshot.isUnreadable(child) { reasons.append(recordDoesNotOpen) }
        if let opened = snapshot.children.first(where: { $0.id == child })?.openedOn, opensIn(window, day: opened) { reasons.append("new case") }
        let changed = contacts.contains { $0.child == child && window.contains($0.at) }
            || (snapshot.episodes[child] ?? []).contains { window.contains($0.reportedMissingAt) || ($0.located.map { window.contains($0.at) } ?? false) }
            || snapshot.referrals.contains { $0.child == child && ($0.timeline.contains { window.contains($0.at) } || window.contains($0.createdAt)) }
        if changed { reasons.append("changed this shift") }
        if let worst = alerts.filter({ $0.child == child }).map(\.severity).max(), worst >= .warning {
            reasons.append("\(worst.rawValue) alert")
        }
        if previous?.entries.contains(where: { $0.child == child && $0.pinned }) == true { reasons.append("pinned last shift") }
        return reasons
    }

    /// Cards proposed from the records, most urgent first.
    public static func proposedEntries(
        window: ShiftWindow, snapshot: CaseloadSnapshot, contacts: [ContactStamp], alerts: [Alert], previous: Handover?, now: Date, zone: TimeZone
    ) -> [(entry: Handover.Entry, reasons: [String])] {
        var proposed: [(entry: Handover.Entry, reasons: [String])] = []
        for child in snapshot.children where child.isOpen {
            let why = reasons(for: child.id, window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous)
            guard !why.isEmpty else { continue }
            let pinned = previous?.entries.first { $0.child == child.id && $0.pinned }
            proposed.append((prefill(child, snapshot: snapshot, alerts: alerts.filter { $0.child == child.id }, pinned: pinned, now: now, zone: zone), why))
        }
        for (id, _) in snapshot.unreadableChildren {
            let why = reasons(for: id, window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous)
            let pinned = previous?.entries.first { $0.child == id && $0.pinned }
            proposed.append((unreadableEntry(id, snapshot: snapshot, pinned: pinned, now: now), why))
        }
        var numbers: [ChildID: CaseNumber] = [:]
        for child in snapshot.children { numbers[child.id] = child.caseNumber }
        // Most urgent first; within a severity the records that do not open (no case number to
        // sort by), then by case number.
        return proposed.sorted { a, b in
            if a.entry.severity != b.entry.severity { return a.entry.severity > b.entry.severity }
            switch (numbers[a.entry.child], numbers[b.entry.child]) {
            case let (x?, y?): return x < y
            case (nil, .some): return true
            case (.some, nil): return false
            case (nil, nil): return a.entry.child.rawValue < b.entry.child.rawValue
            }
        }
    }

    /// The card of a child whose own record does not open: urgent, saying so and what to do, and
    /// what of the child's still opens (an open missing episode); a card pinned last shift keeps
    /// its open actions and its contingencies after those.
    public static func unreadableEntry(_ child: ChildID, snapshot: CaseloadSnapshot, pinned: Handover.Entry?, now: Date) -> Handover.Entry {
        var summary = ["⚠ \(UnreadableChild.words.prefix(1).uppercased())\(UnreadableChild.words.dropFirst()): nothing of the record can be read here, "
                       + "not the name, the case number or the risk."]
        var contingencies: [Handover.Contingency] = []
        if let episode = snapshot.openEpisode(of: child) {
            summary.append("Missing \(DurationWords.short(now.timeIntervalSince(episode.lastSeenAt))), last seen \(episode.lastSeenPlace).")
            summary.append(episode.policeReport.map { "Police occurrence \($0.occurrenceNumber.isEmpty ? "recorded" : $0.occurrenceNumber)." }
                           ?? "No police report recorded.")
            contingencies.append(.init(condition: "If located", response: "Tell the officer on the case before transport; debrief within 72 h."))
        }
        var actions = [Handover.Action(text: "Run care check (it names the damaged record) and restore it from a backup", owner: "")]
        if let pinned {
            summary.append("Pinned last shift: \(pinned.summary)")
            actions += pinned.actions.filter { !$0.done }
            contingencies = pinned.contingencies.isEmpty ? contingencies : pinned.contingencies
        }
        return Handover.Entry(child: child, severity: .urgent, summary: summary.joined(separator: " "), actions: actions,
                              contingencies: contingencies, pinned: pinned != nil)
    }

    /// A card filled from the record: severity from alerts and risk, a summary of where things
    /// stand, the actions the record says are open, and the usual contingency for a missing child.
    public static func prefill(_ child: ChildSummary, snapshot: CaseloadSnapshot, alerts: [Alert], pinned: Handover.Entry?, now: Date, zone: TimeZone) -> Handover.Entry {
        let worst = alerts.map(\.severity).max()
        let episode = snapshot.openEpisode(of: child.id)
        let severity: Handover.Severity = episode != nil || worst == .critical ? .urgent
            : (worst == .warning || child.riskLevel >= .high) ? .watch : .stable
        var summary: [String] = ["\(child.riskLevel.word) risk, \(child.exploitationStatus.rawValue)."]
        if let episode {
            summary.append("Missing \(DurationWords.short(now.timeIntervalSince(episode.lastSeenAt))), last seen \(episode.lastSeenPlace).")
            summary.append(episode.policeReport.map { "Police occurrence \($0.occurrenceNumber.isEmpty ? "recorded" : $0.occurrenceNumber)." }
                           ?? "No police report recorded.")
        } else if case .located(let place, _) = child.whereabouts {
            summary.append("At \(place).")
        }
        if let last = snapshot.lastContact[child.id] {
            summary.append("Last contact \(DurationWords.short(now.timeIntervalSince(last))) ago.")
        } else {
            summary.append("No contact recorded.")
        }
        var actions: [Handover.Action] = []
        for alert in alerts.sorted(by: AlertRules.precedes) where alert.rule != .missingNow && alert.rule != .flag {
            actions.append(Handover.Action(text: action(for: alert), owner: ""))
        }
        var contingencies: [Handover.Contingency] = []
        if episode != nil {
            contingencies.append(.init(condition: "If located", response: "Tell the officer on the case before transport; debrief within 72 h."))
        }
        if let pinned {
            // A pinned card carries its own words from the last handover.
            return Handover.Entry(child: child.id, severity: max(severity, pinned.severity), summary: pinned.summary,
                                  actions: pinned.actions.filter { !$0.done }, contingencies: pinned.contingencies, pinned: true)
        }
        return Handover.Entry(child: child.id, severity: severity, summary: summary.joined(separator: " "), actions: actions,
                              contingencies: contingencies)
    }

    static func action(for alert: Alert) -> String {
        switch alert.rule {
        case .missingPoliceNotTold: "Report to police and record the occurrence number"
        case .contactOverdue: "Make contact (\(alert.message))"
        case .debriefOverdue: "Hold the debrief (\(alert.message))"
        case .safetyPlanDue: "Review the safety plan"
        case .referralAwaitingReview: "Chase the liaison review"
        case .referralNoResponse: "Follow up the referral with the service"
        case .agingOut: "Start the Youth-In-Transition referral"
        case .courtSoon: "Prepare for court (\(alert.message))"
        case .repeatedMissing: "Consider raising the risk level"
        default: alert.message
        }
    }

    // MARK: Pictures

    static func contactsPerDay(_ contacts: [ContactStamp], now: Date, zone: TimeZone) -> [Int] {
        let today = DayDate(now, in: zone)
        var counts = [Int](repeating: 0, count: 14)
        for contact in contacts {
            let offset = DayDate(contact.at, in: zone).daysBetween(today)
            if (0..<14).contains(offset) { counts[13 - offset] += 1 }
        }
        return counts
    }
}

extension DayDate {
    /// Whole days from this date to `later` (negative when `later` is earlier).
    func daysBetween(_ later: DayDate) -> Int { CivilDays.number(later) - CivilDays.number(self) }
}
