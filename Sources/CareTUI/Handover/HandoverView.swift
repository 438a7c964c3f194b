import CareDomain
import Foundation
import TextUI

/// Draws the handover: the header, the change strip, the pictures when there is room, and the
/// cards, the one with the cursor marked and those nobody acknowledged yet highlighted.
enum HandoverView {
    static func render(_ screen: inout HandoverScreen, _ env: ScreenEnvironment, area: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(area, with: Cell(" ", style: theme[.normal]))
        let title = screen.wall ? "Handover (wall: read-only)" : "Handover"
        buffer.drawBox(area, title: "\(title) — \(screen.window.longLabel)", style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = area.inset(by: 1)
        guard let report = screen.report else {
            buffer.write(" Loading the handover…", at: inner.origin, width: inner.width, style: theme[.muted])
            return
        }
        var y = inner.y
        let dashboard = env.dashboard
        let who = { (ids: [WorkerID]) in ids.compactMap { dashboard.workerName($0) }.joined(separator: ", ") }
        let status = report.saved.map { saved in
            "saved" + (saved.outgoing.isEmpty ? "" : " · outgoing: \(who(saved.outgoing))")
        } ?? "proposed from the records (not saved yet)"
        let waiting = report.cards.filter { !$0.isAcknowledged }.count
        buffer.write(" \(report.cards.count) cards, \(waiting) waiting for acknowledgement · \(status)", at: Point(x: inner.x, y: y),
                     width: inner.width, style: theme[.emphasis])
        y += 1
        for line in DisplayWidth.wrap(stripText(report.strip), width: max(1, inner.width - 2)).prefix(3) {
            buffer.write(" " + line, at: Point(x: inner.x, y: y), width: inner.width, style: theme[.muted])
            y += 1
        }
        // Pictures on the right when the screen is wide and tall enough for cards beside them.
        var cardsArea = Rect(x: inner.x, y: y + 1, width: inner.width, height: max(0, inner.bottom - y - 1))
        if inner.width >= 100, cardsArea.height >= 14 {
            let pictures = Rect(x: inner.right - 38, y: cardsArea.y, width: 38, height: cardsArea.height)
            renderPictures(report, area: pictures, buffer: &buffer, theme: theme)
            cardsArea = Rect(x: cardsArea.x, y: cardsArea.y, width: cardsArea.width - 40, height: cardsArea.height)
        }
        renderCards(&screen, report, env, area: cardsArea, buffer: &buffer, theme: theme)
    }

    static func stripText(_ strip: ChangeStrip) -> String {
        [
            "caseload \(strip.caseload)", "missing now \(strip.missingNow)", "new cases \(strip.newCases)",
            "contacts logged \(strip.contactsLogged)", "missing opened \(strip.missingOpened)", "located \(strip.located)",
            "new referrals \(strip.newReferrals)", "referral decisions \(strip.referralDecisions)",
            "alerts raised \(strip.alertsRaised), answered \(strip.alertsAnswered)",
        ].joined(separator: " · ") + (strip.recordsNotOpening > 0 ? " · ⚠ records that do not open \(strip.recordsNotOpening)" : "")
    }

    static func renderPictures(_ report: HandoverReport, area: Rect, buffer: inout Buffer, theme: Theme) {
        var y = area.y
        buffer.write("Risk, open cases", at: Point(x: area.x, y: y), width: area.width, style: theme[.title])
        y += 1
        let bars = report.riskCounts.map { level, count in
            Bar("\(level.symbol) \(level.rawValue)", value: Double(count), role: CaseloadPane.riskRole(level))
        }
        BarChart(bars: bars).render(in: Rect(x: area.x, y: y, width: area.width, height: bars.count), buffer: &buffer, theme: theme)
        y += bars.count + 1
        buffer.write("Contacts per day, 14 days", at: Point(x: area.x, y: y), width: area.width, style: theme[.title])
        y += 1
        let counts = report.contactsPerDay
        Sparkline(values: counts).render(in: Rect(x: area.x, y: y, width: min(area.width, counts.count), height: 1), buffer: &buffer, theme: theme)
        buffer.write(" today \(counts.last ?? 0), most \(counts.max() ?? 0)", at: Point(x: area.x + counts.count, y: y),
                     width: area.width - counts.count, style: theme[.muted])
        y += 2
        buffer.write("Referrals", at: Point(x: area.x, y: y), width: area.width, style: theme[.title])
        y += 1
        let funnel = report.funnel.steps.map { Bar($0.stage.rawValue, value: Double($0.count)) }
        BarChart(bars: funnel).render(in: Rect(x: area.x, y: y, width: area.width, height: min(funnel.count, area.bottom - y)),
                                      buffer: &buffer, theme: theme)
    }

    /// One card's lines, and the role each is drawn in.
    static func lines(of card: HandoverCard, _ env: ScreenEnvironment, width: Int) -> [(String, ThemeRole)] {
        let dashboard = env.dashboard
        let entry = card.entry
        let severityRole: ThemeRole = switch entry.severity {
        case .urgent: .alertCritical
        case .watch: .alertWarning
        case .stable: .normal
        }
        // Masked (the wall, or M), every free text on the card loses the child's names.
        let shown = { (text: String) -> String in
            guard dashboard.masked, let child = dashboard.child(entry.child) else { return text }
            return Masking.redact(text, child: child)
        }
        var lines: [(String, ThemeRole)] = []
        // Every line wraps (under its bullet), so nothing on a card is cut at 80 columns.
        func add(_ text: String, first: String, rest: String, role: ThemeRole) {
            for (n, line) in DisplayWidth.wrap(text, width: max(10, width - 1 - DisplayWidth.of(first))).enumerated() {
                lines.append(((n == 0 ? first : rest) + line, role))
            }
        }
        let name = dashboard.nameWithCase(ofChild: entry.child)
        let why = card.reasons.isEmpty ? "" : " · " + card.reasons.joined(separator: ", ")
        add("\(name)\(entry.pinned ? " · pinned for the next shift" : "")\(why)", first: "\(entry.severity.symbol) \(entry.severity.rawValue.uppercased())  ", rest: "  ",
            role: severityRole)
        if card.acknowledgements.isEmpty {
            lines.append(("  ▲ WAITING for the incoming worker's acknowledgement", .alertWarning))
        } else {
            for ack in card.acknowledgements {
                let by = dashboard.workerName(ack.by) ?? "a worker"
                let readBack = ack.readBack.isEmpty ? "" : " — “\(shown(ack.readBack))”"
                add("acknowledged by \(by) at \(TimeText.clock(ack.at, zone: env.zone))\(readBack)", first: "  ✓ ", rest: "    ", role: .muted)
            }
        }
        add(shown(entry.summary), first: "  ", rest: "  ", role: .normal)
        for action in entry.actions {
            var text = shown(action.text)
            if !action.owner.isEmpty { text += " — \(action.owner)" }
            if let due = action.due { text += " — by \(TimeText.clock(due, zone: env.zone))" }
            add(text, first: "  \(action.done ? "☑" : "☐") ", rest: "    ", role: action.done ? .muted : .normal)
        }
        for contingency in entry.contingencies {
            add("\(shown(contingency.condition)) → \(shown(contingency.response))", first: "  ⤷ ", rest: "    ", role: .normal)
        }
        lines.append(("", .normal))
        return lines
    }

    static func renderCards(_ screen: inout HandoverScreen, _ report: HandoverReport, _ env: ScreenEnvironment, area: Rect, buffer: inout Buffer,
                            theme: Theme) {
        guard !area.isEmpty else { return }
        if report.cards.isEmpty {
            buffer.write(" No child needs a card this shift. + adds one.", at: area.origin, width: area.width, style: theme[.muted])
            return
        }
        var all: [(text: String, role: ThemeRole, card: Int)] = []
        var starts: [Int] = []
        for (index, card) in report.cards.enumerated() {
            starts.append(all.count)
            all += lines(of: card, env, width: area.width).map { ($0.0, $0.1, index) }
        }
        screen.scroll.layout(rows: area.height, lineCount: all.count)
        screen.cardStarts = starts
        for (offset, index) in screen.scroll.visible.enumerated() {
            let line = all[index]
            let row = Rect(x: area.x, y: area.y + offset, width: area.width, height: 1)
            let selected = line.card == screen.selection && !screen.wall
            buffer.write(selected ? "▌" : " ", at: row.origin, style: theme[.borderFocus])
            buffer.write(line.text, at: Point(x: row.x + 1, y: row.y), width: row.width - 1, style: theme[line.role])
            if !report.cards[line.card].isAcknowledged, line.text.hasPrefix("  ▲ WAITING") {
                buffer.patchStyle(row) { $0.attributes.insert(.bold) }
            }
        }
    }
}
