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

/// One I-PASS card as the handover shows it: the card as written, why it is on the handover,
/// who acknowledged it, and what the records say now beside what was written.
public struct HandoverCard: Sendable, Equatable {
    public var entry: Handover.Entry
    /// "missing now", "new case", "changed this shift", "critical alert", "pinned last shift".
    public var reasons: [String]
    public var acknowledgements: [HandoverAcknowledgement]
    /// The child is missing now: the card is urgent, whatever was written.
    public var isMissingNow = false
    /// The facts computed from the records at `factsAsOf` (whereabouts, hours missing, police
    /// report, last contact, risk), never frozen with the card.
    public var facts = ""
    public var factsAsOf = Date.distantPast
    /// What changed after the card was saved ("located 18:40, after this card was written").
    public var sinceWritten: [String] = []
    /// What happened in the shift ("missing 15:30 → located 16:55 → debriefed 17:00").
    public var changes: [String] = []

    public init(entry: Handover.Entry, reasons: [String], acknowledgements: [HandoverAcknowledgement]) {
        self.entry = entry
        self.reasons = reasons
        self.acknowledgements = acknowledgements
    }

    public var child: ChildID { entry.child }
    public var isAcknowledged: Bool { !acknowledgements.isEmpty }
    /// Shown beside a saved handover's cards (a child missing since it was saved), not part of it.
    public var isExtra: Bool { reasons.contains(HandoverBuilder.notOnSavedHandover) }
    /// The severity the card is shown and ordered at: as written, and urgent while the child
    /// is missing now.
    public var severity: Handover.Severity { isMissingNow ? .urgent : entry.severity }
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
        // A pattern alert names a person of interest: only police and supervisors may read it,
        // and every role reads the handover.
        let alerts = alerts.filter { $0.rule != .pattern }
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
            // card, marked as not on the saved one (the order below puts it first).
            if now < window.end.addingTimeInterval(window.end.timeIntervalSince(window.start)) {
                let onIt = Set(saved.handover.entries.map(\.child))
                for child in snapshot.children where !onIt.contains(child.id) && snapshot.openEpisode(of: child.id) != nil {
                    let entry = prefill(child, snapshot: snapshot, alerts: alerts.filter { $0.child == child.id }, pinned: nil, now: now, zone: zone)
                    cards.append(HandoverCard(entry: entry, reasons: ["missing now", notOnSavedHandover], acknowledgements: []))
                }
                // A child whose summary cannot be trusted is read from the records; whatever
                // the summary hid, the card says so.
                for id in snapshot.untrustedChildren where !onIt.contains(id) && !cards.contains(where: { $0.child == id }) {
                    guard let child = snapshot.children.first(where: { $0.id == id }) else { continue }
                    let entry = prefill(child, snapshot: snapshot, alerts: alerts.filter { $0.child == id }, pinned: nil, now: now, zone: zone)
                    let why = reasons(for: id, window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous)
                    cards.append(HandoverCard(entry: entry, reasons: why + [notOnSavedHandover], acknowledgements: []))
                }
                for (id, _) in snapshot.unreadableChildren where !onIt.contains(id) {
                    let why = reasons(for: id, window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous)
                    cards.append(HandoverCard(entry: unreadableEntry(id, snapshot: snapshot, pinned: nil, now: now), reasons: why + [notOnSavedHandover],
                                              acknowledgements: []))
                }
            }
        } else {
            cards = proposedEntries(window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, previous: previous, now: now, zone: zone)
                .map { HandoverCard(entry: $0.entry, reasons: $0.reasons, acknowledgements: []) }
        }
        for index in cards.indices {
            let child = cards[index].child
            cards[index].isMissingNow = snapshot.openEpisode(of: child) != nil
            cards[index].facts = HandoverFacts.line(of: child, snapshot: snapshot, now: now, zone: zone)
            cards[index].factsAsOf = now
            // A card shown beside the saved ones was never written: nothing came "after" it.
            let written = cards[index].isExtra ? nil : saved?.handover.savedAt
            cards[index].sinceWritten = HandoverFacts.sinceWritten(child, written: written, snapshot: snapshot, now: now, zone: zone)
            cards[index].changes = HandoverFacts.changes(of: child, window: window, snapshot: snapshot, contacts: contacts, zone: zone)
        }
        cards = ordered(cards, snapshot: snapshot)
        return HandoverReport(
            window: window, saved: saved?.handover, strip: strip, cards: cards,
            riskCounts: RiskLevel.allCases.map { level in (level, snapshot.children.filter { $0.isOpen && $0.riskLevel == level }.count) },
            contactsPerDay: contactsPerDay(contacts, now: now, zone: zone), funnel: ReferralFunnel(snapshot.referrals))
    }

    // MARK: The strip

    public static func changeStrip(window: ShiftWindow, snapshot: CaseloadSnapshot, contacts: [ContactStamp], alerts: [Alert]) -> ChangeStrip {
        var strip = ChangeStrip()
        let open = snapshot.children.filter(snapshot.isOnCaseload)
        // A child whose record does not open is counted as the open case it may well be.
        let unreadable = snapshot.unreadableChildren.map(\.id)
        strip.caseload = open.count + unreadable.count
        strip.missingNow = open.filter { snapshot.openEpisode(of: $0.id) != nil }.count
            + unreadable.filter { snapshot.openEpisode(of: $0) != nil }.count
        strip.recordsNotOpening = snapshot.damagedRecords.count
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
        if snapshot.isUntrusted(child) { reasons.append(AlertRule.recordUntrusted.rawValue) }
        if let opened = snapshot.children.first(where: { $0.id == child })?.openedOn, opensIn(window, day: opened) { reasons.append("new case") }
        if snapshot.children.first(where: { $0.id == child })?.closed(in: window) == true { reasons.append("closed this shift") }
        let changed = contacts.contains { $0.child == child && window.contains($0.at) }
            || (snapshot.episodes[child] ?? []).contains { window.contains($0.reportedMissingAt) || ($0.located.map { window.contains($0.at) } ?? false) }
            || snapshot.referrals.contains { $0.child == child && ($0.timeline.contains { window.contains($0.at) } || window.contains($0.createdAt)) }
            || (snapshot.children.first { $0.id == child }?.profileChanges.contains { window.contains($0.at) } ?? false)
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
        for child in snapshot.children where snapshot.isOnCaseload(child) || child.closed(in: window) {
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
        return proposed
    }

    /// The order of the cards on the screen, the wall and every print, whatever was saved
    /// before: by severity (urgent, watch, stable), then the children missing now — the most
    /// recently gone first: the first hours of a search matter most, and that child is the one
    /// the incoming shift knows least about — then by risk (a record that does not open counts
    /// as the highest), then by case number (a record that does not open first, by its id).
    public static func ordered(_ cards: [HandoverCard], snapshot: CaseloadSnapshot) -> [HandoverCard] {
        var numbers: [ChildID: CaseNumber] = [:]
        var risks: [ChildID: RiskLevel] = [:]
        for child in snapshot.children {
            numbers[child.id] = child.caseNumber
            risks[child.id] = child.riskLevel
        }
        let lastSeen = cards.map { snapshot.openEpisode(of: $0.child)?.lastSeenAt }
        let order = cards.indices.sorted { i, j in
            let a = cards[i], b = cards[j]
            if a.severity != b.severity { return a.severity > b.severity }
            if a.isMissingNow != b.isMissingNow { return a.isMissingNow }
            if let x = lastSeen[i], let y = lastSeen[j], x != y { return x > y }
            let riskA = risks[a.child] ?? .critical, riskB = risks[b.child] ?? .critical
            if riskA != riskB { return riskA > riskB }
            switch (numbers[a.child], numbers[b.child]) {
            case let (x?, y?): return x < y
            case (nil, .some): return true
            case (.some, nil): return false
            case (nil, nil): return a.child < b.child
            }
        }
        return order.map { cards[$0] }
    }

    /// The card of a child whose own record does not open: urgent, saying so and what to do, and
    /// what of the child's still opens (an open missing episode); a card pinned last shift keeps
    /// its open actions and its contingencies after those.
    public static func unreadableEntry(_ child: ChildID, snapshot: CaseloadSnapshot, pinned: Handover.Entry?, now: Date) -> Handover.Entry {
        var summary = ["⚠ \(UnreadableChild.words.prefix(1).uppercased())\(UnreadableChild.words.dropFirst()): nothing of the record can be read here, "
                       + "not the name, the case number or the risk."]
        var contingencies: [Handover.Contingency] = []
        // Hours missing and the police report are in the card's facts line, computed when shown.
        if snapshot.openEpisode(of: child) != nil {
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
        // What changes by the hour (whereabouts, hours missing, police report, last contact) is
        // not written into the summary: the card's facts line is computed whenever it is shown.
        let summary: [String] = ["\(child.riskLevel.word) risk, \(child.exploitationStatus.rawValue)."]
        var actions: [Handover.Action] = []
        if let episode, episode.policeReport == nil {
            actions.append(Handover.Action(text: action(for: .missingPoliceNotTold), owner: ""))
        }
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

    static func action(for rule: AlertRule) -> String {
        rule == .missingPoliceNotTold ? "Report to police and record the occurrence number" : rule.rawValue
    }

    static func action(for alert: Alert) -> String {
        switch alert.rule {
        case .missingPoliceNotTold: action(for: .missingPoliceNotTold)
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
