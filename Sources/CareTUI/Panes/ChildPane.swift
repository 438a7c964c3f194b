import CareDomain
import Foundation
import TextUI

/// The selected child: a header from the caseload (name, case, age, risk, identity, whereabouts,
/// team, indicators, the 90-day missing strip), then, once opened with Enter, the record itself.
enum ChildPane {
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        guard let child = state.selectedChild else {
            buffer.write("No child selected.", at: Point(x: area.x + 1, y: area.y), width: area.width - 1, style: theme[.muted])
            return
        }
        var lines = headerLines(child, state: state, theme: theme)
        if let detail = state.openDetail {
            lines += detailLines(detail, state: state, theme: theme)
        } else {
            lines.append(StyledLine("Enter opens the full record: contacts, episodes, safety plan, referrals.", theme[.muted]))
        }
        for (i, line) in lines.prefix(area.height).enumerated() {
            buffer.write(line.text, at: Point(x: area.x + 1, y: area.y + i), width: area.width - 1, style: line.style)
        }
    }

    struct StyledLine {
        var text: String
        var style: Style
        init(_ text: String, _ style: Style) {
            self.text = text
            self.style = style
        }
    }

    static func headerLines(_ child: Child, state: AppState, theme: Theme) -> [StyledLine] {
        let today = DayDate(state.now)
        var first = "\(state.name(of: child))  \(child.caseNumber) · \(child.age(on: today))\(child.birth.isEstimated ? " (est.)" : "")"
        if !child.pronouns.isEmpty { first += " · \(child.pronouns)" }
        first += " · \(child.riskLevel.word) \(child.riskLevel.symbol)"
        var lines = [StyledLine(first, theme[.emphasis])]

        var identity = child.indigenousIdentity.summary
        if !child.languages.isEmpty { identity += " · languages: " + child.languages.joined(separator: ", ") }
        lines.append(StyledLine(state.masked ? "Identity: (masked)" : identity, theme[.normal]))

        switch state.snapshot.whereabouts(of: child) {
        case .missing(let since, let lastSeen):
            let place = state.masked ? "" : " — last seen \(lastSeen)"
            lines.append(StyledLine("Whereabouts: MISSING since \(Durations.clock(since, now: state.now))\(place)", theme[.statusMissing]))
        case .located(let place, let since):
            lines.append(StyledLine("Whereabouts: \(state.masked ? "located" : place) since \(Durations.clock(since, now: state.now))", theme[.normal]))
        case .unknown:
            lines.append(StyledLine("Whereabouts: unknown", theme[.normal]))
        }

        let team = [
            state.workerName(child.team.childProtection).map { "\($0) (CP)" },
            state.workerName(child.team.police).map { "\($0) (police)" },
            state.workerName(child.team.liaison).map { "\($0) (L)" },
        ].compactMap { $0 }
        lines.append(StyledLine("Team: " + (team.isEmpty ? "none assigned" : team.joined(separator: " · ")), theme[.normal]))
        lines.append(StyledLine("Status: \(child.exploitationStatus.rawValue) · \(child.careStatus.rawValue)", theme[.normal]))

        let indicators = (state.snapshot.indicators[child.id] ?? []).filter { !$0.resolved }.map(\.kind.label)
        lines.append(StyledLine("Indicators: " + (indicators.isEmpty ? "none recorded" : indicators.joined(separator: " · ")), theme[.normal]))

        let episodes = state.snapshot.episodes[child.id] ?? []
        lines.append(StyledLine("Missing, last 90 days: " + MissingStrip.render(episodes, now: state.now, columns: 45), theme[.normal]))
        for flag in child.activeFlags {
            lines.append(StyledLine("\(flag.severity.symbol) FLAG \(flag.text)", theme[flag.severity == .critical ? .alertCritical : .alertWarning]))
        }
        return lines
    }

    static func detailLines(_ detail: ChildDetail, state: AppState, theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let plan = detail.plan {
            let today = DayDate(state.now)
            let due = plan.reviewBy < today ? "review overdue since \(plan.reviewBy)" : "review by \(plan.reviewBy)"
            lines.append(StyledLine("Safety plan: \(plan.steps.count) steps · \(due)", theme[.normal]))
        } else {
            lines.append(StyledLine("Safety plan: none", theme[.normal]))
        }
        let open = detail.referrals.filter { !$0.status.isFinal }
        lines.append(StyledLine("Referrals: \(open.count) open · \(detail.referrals.count - open.count) closed", theme[.normal]))
        lines.append(StyledLine("Recent contacts", theme[.title]))
        for contact in detail.contacts.contacts {
            let who = state.workerName(contact.author) ?? "unknown worker"
            let text = "\(Durations.clock(contact.occurredAt, now: state.now)) \(contact.kind.rawValue) · \(who) · \(contact.summary)"
            lines.append(StyledLine(text, contact.visibility == .restricted ? theme[.muted] : theme[.normal]))
        }
        if detail.contacts.contacts.isEmpty {
            lines.append(StyledLine("No contacts logged.", theme[.muted]))
        }
        if detail.contacts.hiddenRestricted > 0 {
            lines.append(StyledLine("\(detail.contacts.hiddenRestricted) restricted notes are hidden from the police role.", theme[.muted]))
        }
        return lines
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
        return String(strip.map { $0 ? "█" : "▁" })
    }
}
