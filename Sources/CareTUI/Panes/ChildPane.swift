import CareDomain
import Foundation
import TextUI

/// The selected child: what the caseload row says, until the store has audited a preview of the
/// child (`PreviewAudit`); then a header from the caseload (name, case, age, risk, identity,
/// whereabouts, team, indicators, the 90-day missing strip), and, once opened with Enter, every
/// section of the record. The pane scrolls when it has the focus; older contacts load as it
/// nears the end.
enum ChildPane {
    struct Line: Equatable {
        var text: String
        var role: ThemeRole
        /// The record item this line shows, when it can be read whole.
        var item: RecordItem?
        /// Words a person must read whole (why details are not shown, what to do about a damaged
        /// record) wrap to the pane's width instead of being cut.
        var wraps: Bool
        init(_ text: String, _ role: ThemeRole = .normal, item: RecordItem? = nil, wraps: Bool = false) {
            self.text = text
            self.role = role
            self.item = item
            self.wraps = wraps
        }
    }

    /// What the pane showed, for `Update` to move its cursor by (recorded into the dashboard's `shown`).
    struct Drawn {
        var lineCount = 0
        var items: [RecordItem] = []
        var itemLines: [Int] = []
    }

    /// Draws the pane, the item under the cursor marked when the pane has the focus, and returns
    /// what it drew (the lines and where each item starts) for moving the cursor.
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) -> Drawn {
        guard !area.isEmpty else { return Drawn() }
        let width = max(1, area.width - 1)
        let all = lines(state).flatMap { line in
            guard line.wraps else { return [line] }
            return DisplayWidth.wrap(line.text, width: width).map { Line($0, line.role, item: line.item) }
        }
        var drawn = Drawn(lineCount: all.count)
        for (index, line) in all.enumerated() {
            if let item = line.item, !drawn.items.contains(item) {
                drawn.items.append(item)
                drawn.itemLines.append(index)
            }
        }
        let dashboard = state.dashboard
        let open = dashboard.openDetail != nil
        let selected = open ? (dashboard.recordItem ?? drawn.items.first) : nil
        let start = open ? min(dashboard.recordScroll, max(0, all.count - area.height)) : 0
        for (i, line) in all.dropFirst(start).prefix(area.height).enumerated() {
            let row = Rect(x: area.x, y: area.y + i, width: area.width, height: 1)
            let marked = selected != nil && line.item == selected
            if dashboard.focus == .child, marked || (selected == nil && i == 0) { buffer.focus = row.origin }
            buffer.write(marked && !buffer.plain ? "▸" : " ", at: row.origin, style: theme[.emphasis])
            buffer.write(line.text, at: Point(x: area.x + 1, y: area.y + i), width: area.width - 1, style: theme[line.role])
            if marked { PaneList.highlight(row, focused: dashboard.focus == .child, buffer: &buffer, theme: theme) }
        }
        return drawn
    }

    /// Everything the pane would show, top to bottom, before scrolling.
    static func lines(_ state: AppState) -> [Line] {
        if let row = state.dashboard.selectedRow, row.isDamagedChild { return damagedChild(row) }
        guard let child = state.dashboard.selectedChild, let row = state.dashboard.selectedRow else {
            return [Line("No child selected.", .muted)]
        }
        guard state.dashboard.openDetail != nil || state.preview.mayShow(child.id) else {
            return rowOnly(row, state: state)
        }
        var lines = header(child, state: state)
        if let detail = state.dashboard.openDetail {
            lines += sections(detail, state: state)
        } else {
            lines.append(Line("Enter opens the full record: contacts, episodes, safety plan, referrals.", .muted, wraps: true))
        }
        return lines
    }

    /// A child whose own record does not open: what is known, and what to do about it.
    static func damagedChild(_ row: CaseloadRow) -> [Line] {
        [
            Line("⚠ This child's record does not open: it is damaged.", .error, wraps: true),
            Line("Nothing of it can be read here: not the name, the case number or the risk. Every other child's "
                + "record opens as usual.", wraps: true),
            Line("A supervisor can run `care check`, which names the record (\(row.child.rawValue)), and restore it from a backup.", wraps: true),
            Line(row.damaged.count > 1 ? "Also damaged: \(row.damaged.filter { !$0.isChildRecord }.words)." : "", .muted, wraps: true),
        ].filter { !$0.text.isEmpty }
    }

    /// Only what the caseload row already shows, while the preview is not yet audited.
    static func rowOnly(_ row: CaseloadRow, state: AppState) -> [Line] {
        // Masked, the name already is the case number and the initials.
        var first = (state.dashboard.masked ? state.name(ofChild: row.id) : "\(state.name(ofChild: row.id))  \(row.caseNumber)") + " · \(row.age)\(row.ageIsEstimated ? " (est.)" : "")"
        first += " · \(row.risk.word) \(row.risk.symbol)"
        let status = CaseloadPane.statusText(row, now: state.now)
        return [
            Line(first, .emphasis),
            Line("\(status) · \(row.assignedWorkerName ?? "unassigned")", row.whereabouts.isMissing ? .statusMissing : .normal),
            Line(state.preview.refusal.map { "Details not shown: \($0)" } ?? "Details show when the selection rests here (each look is audited).", .muted,
                 wraps: true),
        ]
    }

    static func header(_ child: ChildSummary, state: AppState) -> [Line] {
        let today = state.today
        var first = (state.dashboard.masked ? state.name(of: child) : "\(state.name(of: child))  \(child.caseNumber)") + " · \(child.age(on: today))\(child.birth.isEstimated ? " (est.)" : "")"
        if !child.pronouns.isEmpty { first += " · \(child.pronouns)" }
        first += " · \(child.riskLevel.word) \(child.riskLevel.symbol)"
        var lines = [Line(first, .emphasis)]

        var identity = child.indigenousIdentity.summary
        if !child.languages.isEmpty { identity += " · languages: " + child.languages.joined(separator: ", ") }
        lines.append(Line(state.dashboard.masked ? "Identity: (masked)" : identity))

        switch state.dashboard.snapshot.whereabouts(of: child) {
        case .missing(let since, let lastSeen):
            let place = state.dashboard.masked ? "" : " — last seen \(lastSeen)"
            lines.append(Line("Whereabouts: MISSING since \(Durations.clock(since, now: state.now, zone: state.zone))\(place)", .statusMissing))
        case .located(let place, let since):
            lines.append(Line("Whereabouts: \(state.dashboard.masked ? "located" : place) since \(Durations.clock(since, now: state.now, zone: state.zone))"))
        case .unknown:
            lines.append(Line("Whereabouts: unknown"))
        }

        let team = [
            state.dashboard.workerName(child.team.childProtection).map { "\($0) (CP)" },
            state.dashboard.workerName(child.team.police).map { "\($0) (police)" },
            state.dashboard.workerName(child.team.liaison).map { "\($0) (L)" },
        ].compactMap { $0 }
        lines.append(Line("Team: " + (team.isEmpty ? "none assigned" : team.joined(separator: " · "))))
        lines.append(Line("Status: \(child.exploitationStatus.rawValue) · \(child.careStatus.rawValue)"))
        if let lifecycle = LifecycleWords.header(child, dashboard: state.dashboard, zone: state.zone) { lines.append(Line(lifecycle, .emphasis)) }

        let indicators = (state.dashboard.snapshot.openIndicators[child.id] ?? []).map(\.kind.label)
        lines.append(Line("Indicators: " + (indicators.isEmpty ? "none recorded" : indicators.joined(separator: " · "))))

        // Three days a column: the line fits the child pane beside a 45% caseload at 120 columns.
        let episodes = state.dashboard.snapshot.episodes[child.id] ?? []
        lines.append(Line("Missing, last 90 days: " + (state.settings.plain ? MissingStrip.words(episodes, now: state.now)
                                                                             : MissingStrip.render(episodes, now: state.now, columns: 30))))
        for flag in child.activeFlags {
            lines.append(Line("\(state.settings.plain ? "" : flag.severity.symbol + " ")FLAG (\(flag.severity.word.lowercased())) \(flag.text)", flag.severity == .critical ? .alertCritical : .alertWarning,
                              item: state.dashboard.openDetail == nil ? nil : .flag(flag.id)))
        }
        // The signed-in worker's own unsaved drafts for this child (nobody else's are read).
        for draft in state.dashboard.drafts where draft.child == child.id {
            lines.append(Line("✎ unsaved draft: \(draft.name) (\(TimeText.clock(draft.savedAt, zone: state.zone))) · open the form to go on", .alertWarning))
        }
        return lines
    }

    static func sections(_ detail: ChildDetail, state: AppState) -> [Line] {
        let child = detail.child
        let today = state.today
        var lines: [Line] = []
        func section(_ title: String) { lines.append(Line((state.settings.plain ? "" : "── ") + title, .title)) }

        if !detail.untrusted.isEmpty {
            lines.append(Line(UntrustedChild.words
                + " (\(detail.untrusted.count == 1 ? "one of its records is" : "\(detail.untrusted.count) of its records are") "
                + "not as the audit trail last wrote \(detail.untrusted.count == 1 ? "it" : "them")).", .error, wraps: true))
        }
        if !detail.damaged.isEmpty {
            let count = detail.damaged.count
            lines.append(Line("⚠ \(count == 1 ? "One record" : "\(count) records") of this child \(count == 1 ? "does" : "do") not open "
                + "(\(detail.damaged.words)) and \(count == 1 ? "is" : "are") left out below; a supervisor can run `care check`, "
                + "which names \(count == 1 ? "it" : "them"), and restore from a backup.", .error, wraps: true))
        }
        // Whose child this is comes before what happened last: a transfer pending, answered or revoked.
        if let transfer = LifecycleWords.transferHeader(child, zone: state.zone) { lines.append(Line(transfer, .emphasis, wraps: true)) }
        // What happened last is what a worker picking up the case needs first.
        section("Recent contacts (all of them at the end)")
        for contact in detail.contacts.contacts.prefix(3) { lines.append(contactLine(contact, state: state)) }
        if detail.contacts.contacts.isEmpty { lines.append(Line("No contacts logged.", .muted)) }

        section("Identity and communities")
        let legal = state.dashboard.masked ? "(masked)" : child.legalName
        var who = "Legal name: \(legal)"
        if !child.gender.isEmpty { who += " · gender: \(child.gender)" }
        lines.append(Line(who, item: .profile))
        switch child.birth {
        case .exact(let day): lines.append(Line("Born \(state.dashboard.masked ? "(masked)" : day.description) · age \(child.age(on: today))", item: .profile))
        case .estimated(let years, let asOf): lines.append(Line("Age estimated \(years) on \(asOf) (no date of birth)", item: .profile))
        }
        if !state.dashboard.masked {
            for affiliation in child.indigenousIdentity.affiliations {
                let rep = affiliation.representativeContact.isEmpty ? "" : " · representative: \(affiliation.representativeContact)"
                lines.append(Line("\(affiliation.group.rawValue): \(affiliation.community)\(rep)", item: .profile))
            }
        }

        section("Care and case")
        lines.append(Line("\(child.careStatus.rawValue) · society: \(child.society.isEmpty ? "—" : child.society) · placement: \(child.placement.isEmpty ? "—" : child.placement)", item: .profile))
        lines.append(Line("Opened \(child.openedOn)", item: .profile))
        for words in LifecycleWords.lines(child, dashboard: state.dashboard, zone: state.zone) {
            lines.append(Line(words, .emphasis, item: .profile))
        }

        section("Missing episodes (\(detail.episodes.count))")
        for episode in detail.episodes.sorted(by: { $0.reportedMissingAt > $1.reportedMissingAt }) {
            lines.append(Line(episodeLine(episode, state: state), episode.isOpen ? .statusMissing : .normal, item: .episode(episode.id)))
        }

        let active = detail.indicators.filter { !$0.resolved }
        section("Indicators (\(active.count) active, \(detail.indicators.count - active.count) resolved)")
        for indicator in detail.indicators {
            let note = indicator.note.isEmpty ? "" : " — \(indicator.note)"
            lines.append(Line("\(indicator.resolved ? "✓" : "•") \(indicator.kind.label) · \(indicator.observedOn) · \(indicator.source.rawValue)\(note)",
                              indicator.resolved ? .muted : .normal, item: .indicator(indicator.id)))
        }

        if let plan = detail.plan {
            let due = plan.reviewBy < today ? "REVIEW OVERDUE since \(plan.reviewBy)" : "review by \(plan.reviewBy)"
            section("Safety plan · \(due)")
            for step in plan.steps { lines.append(Line("• \(step.text)\(step.owner.isEmpty ? "" : " (\(step.owner))")", item: .plan)) }
            if !plan.trustedAdults.isEmpty { lines.append(Line("Trusted adults: " + plan.trustedAdults.joined(separator: "; "), item: .plan)) }
            if !plan.safePlaces.isEmpty { lines.append(Line("Safe places: " + plan.safePlaces.joined(separator: "; "), item: .plan)) }
            if plan.steps.isEmpty && plan.trustedAdults.isEmpty && plan.safePlaces.isEmpty { lines.append(Line("No steps yet.", .muted, item: .plan)) }
        } else {
            section("Safety plan: none")
        }

        section("Referrals (\(detail.referrals.count))")
        for referral in detail.referrals {
            let service = state.dashboard.snapshot.services.first { $0.id == referral.service }?.name ?? "unknown service"
            lines.append(Line("\(referral.status.rawValue.uppercased()) · \(service) · \(referral.priority.rawValue) · consent \(referral.consent.state.rawValue)",
                              item: .referral(referral.id)))
        }

        section("Contacts, newest first")
        for contact in detail.contacts.contacts {
            lines.append(contactLine(contact, state: state))
            if !contact.nextSteps.isEmpty { lines.append(Line("    next: \(contact.nextSteps)", .muted, item: .contact(contact.id))) }
        }
        if detail.contacts.contacts.isEmpty { lines.append(Line("No contacts logged.", .muted)) }
        if detail.contacts.hiddenRestricted > 0 {
            lines.append(Line(Self.hiddenRestrictedWords(detail.contacts.hiddenRestricted, role: state.worker.role), .muted))
        }
        if detail.contacts.hasMore { lines.append(Line("… older contacts load as you scroll", .muted)) }
        return lines
    }

    static func contactLine(_ contact: Contact, state: AppState) -> Line {
        let author = state.dashboard.workerName(contact.author) ?? "unknown worker"
        let restricted = contact.visibility == .restricted ? " [restricted]" : ""
        return Line("\(Durations.clock(contact.occurredAt, now: state.now, zone: state.zone)) \(contact.kind.rawValue) · \(author)\(restricted) · \(contact.summary)",
                    item: .contact(contact.id))
    }

    static func episodeLine(_ episode: MissingEpisode, state: AppState) -> String {
        let place = state.dashboard.masked ? "" : " at \(episode.lastSeenPlace)"
        var text = "\(TimeText.format(episode.reportedMissingAt, zone: state.zone)) reported · last seen \(Durations.clock(episode.lastSeenAt, now: state.now, zone: state.zone))\(place)"
        if let police = episode.policeReport {
            text += " · police: \(police.service) #\(police.occurrenceNumber)"
        } else {
            text += " · NOT REPORTED TO POLICE"
        }
        if let located = episode.located {
            text += " · located \(Durations.clock(located.at, now: state.now, zone: state.zone))"
            text += episode.debrief == nil ? " · debrief due" : " · debriefed"
        } else {
            text += " · OPEN"
        }
        return text
    }
}

/// A child's missing episodes over the last 90 days as a strip of block characters, one column
/// per bucket of days: █ where an episode was open, ▁ where none.
public enum MissingStrip {
    public static func render(_ episodes: [MissingEpisode], now: Date, columns: Int = 90) -> String {
        let buckets = max(1, columns)
        let span = 90.0 * 86_400
        let start = now.addingTimeInterval(-span)
        var strip = [Bool](repeating: false, count: buckets)
        for episode in episodes {
            let from = max(episode.lastSeenAt, start)
            let to = min(episode.located?.at ?? now, now)
            guard from <= to else { continue }
            let first = min(buckets - 1, max(0, Int(from.timeIntervalSince(start) / span * Double(buckets))))
            let last = min(buckets - 1, max(first, Int(to.timeIntervalSince(start) / span * Double(buckets))))
            for i in first...last { strip[i] = true }
        }
        return Sparkline.symbols(for: strip.map { $0 ? 1 : 0 })
    }

    /// The same in words (plain mode): "2 episodes; the last began 5 days ago", "none".
    public static func words(_ episodes: [MissingEpisode], now: Date) -> String {
        let recent = episodes.filter { ($0.located?.at ?? now) >= now.addingTimeInterval(-90 * 86_400) }
        guard let last = recent.max(by: { $0.lastSeenAt < $1.lastSeenAt }) else { return "none" }
        let count = recent.count == 1 ? "1 episode" : "\(recent.count) episodes"
        let open = last.located == nil ? ", missing now" : ""
        return "\(count); the last began \(Durations.words(from: last.lastSeenAt, to: now)) ago\(open)"
    }
}

extension ChildPane {
    /// Why `count` restricted notes are not shown: the police role may not read them; any other
    /// role may, and an account of it sees them once a colleague holding the key has granted it
    /// (at that colleague's next sign-in), so it is not told it is police.
    static func hiddenRestrictedWords(_ count: Int, role: Role) -> String {
        let notes = count == 1 ? "1 restricted note is" : "\(count) restricted notes are"
        if !role.readableClasses.contains(.restricted) { return "\(notes) hidden from the \(role.title) role." }
        return "\(notes) not shown yet: this account has not been given their key; it is given when a colleague who holds it next signs in."
    }
}
