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
        // Nothing of a card before its look is in the audit trail.
        guard screen.isLookAudited else {
            buffer.write(" Recording this look in the audit trail…", at: inner.origin, width: inner.width, style: theme[.muted])
            return
        }
        var y = inner.y
        let dashboard = env.dashboard
        let who = { (ids: [WorkerID]) in ids.compactMap { dashboard.workerName($0) }.joined(separator: ", ") }
        // The wall names no worker: it hangs where visitors pass.
        let status = report.saved.map { saved in
            "saved" + (saved.outgoing.isEmpty || screen.wall ? "" : " · outgoing: \(who(saved.outgoing))")
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
        if screen.wall {
            renderWall(&screen, report, env, area: cardsArea, buffer: &buffer, theme: theme)
        } else {
            renderCards(&screen, report, env, area: cardsArea, buffer: &buffer, theme: theme)
        }
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
    /// `brief` (the wall): the title, the facts now and the acknowledgements only.
    static func lines(of card: HandoverCard, _ env: ScreenEnvironment, width: Int, brief: Bool = false) -> [(String, ThemeRole)] {
        let dashboard = env.dashboard
        let entry = card.entry
        let severityRole: ThemeRole = switch card.severity {
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
        add("\(name)\(entry.pinned ? " · pinned for the next shift" : "")\(why)", first: "\(card.severity.symbol) \(card.severity.rawValue.uppercased())  ", rest: "  ",
            role: severityRole)
        // The facts are the records' now, not the card's as written.
        add("as of \(TimeText.clock(card.factsAsOf, zone: env.zone)): \(shown(card.facts))", first: "  ", rest: "  ", role: card.isMissingNow ? .alertCritical : .emphasis)
        for change in card.sinceWritten { add(change, first: "  ⚠ ", rest: "    ", role: .alertWarning) }

        if card.acknowledgements.isEmpty {
            lines.append(("  ▲ WAITING for the incoming worker's acknowledgement", .alertWarning))
        } else {
            for ack in card.acknowledgements {
                let by = dashboard.workerName(ack.by) ?? "a worker"
                let readBack = ack.readBack.isEmpty ? "" : " — “\(shown(ack.readBack))”"
                add("acknowledged by \(by) at \(TimeText.clock(ack.at, zone: env.zone))\(readBack)", first: "  ✓ ", rest: "    ", role: .muted)
            }
        }
        if brief { return lines }
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
        // What happened this shift, from the records ("missing 15:30 → located 16:55").
        for change in card.changes { add(change, first: "  ↻ ", rest: "    ", role: .muted) }
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
        let resized = screen.scroll.rows != area.height || screen.cardStarts != starts
        screen.scroll.layout(rows: area.height, lineCount: all.count)
        screen.cardStarts = starts
        // A resize, or cards that grew or moved (a reload), would leave the selected card where
        // the old lines put it: bring it into view again, whole when it fits.
        if resized { screen.keepSelectionInView() }
        var focused = false
        for (offset, index) in screen.scroll.visible.enumerated() {
            let line = all[index]
            let row = Rect(x: area.x, y: area.y + offset, width: area.width, height: 1)
            let selected = line.card == screen.selection && !screen.wall
            // The selected card's first line shown has the focus (the wall: its first line shown).
            if !focused, selected || screen.wall {
                buffer.focus = row.origin
                focused = true
            }
            buffer.write(selected && !buffer.plain ? "▌" : " ", at: row.origin, style: theme[.borderFocus])
            buffer.write(line.text, at: Point(x: row.x + 1, y: row.y), width: row.width - 1, style: theme[line.role])
            if !report.cards[line.card].isAcknowledged, line.text.hasPrefix("  ▲ WAITING") {
                buffer.patchStyle(row) { $0.attributes.insert(.bold) }
            }
        }
    }

    // MARK: The wall

    /// Lays the cards out in pages of `rows` lines: when they do not all fit, the urgent cards go
    /// on top of every page (while they take half a page or less) and the others are spread
    /// over the pages after them, in their order.
    static func pages(heights: [Int], urgent: [Bool], rows: Int) -> [[Int]] {
        guard !heights.isEmpty else { return [] }
        let rows = max(1, rows)
        if heights.reduce(0, +) <= rows { return [Array(heights.indices)] }
        let urgentCards = heights.indices.filter { urgent[$0] }
        let urgentHeight = urgentCards.reduce(0) { $0 + heights[$1] }
        let pinned = urgentHeight * 2 <= rows ? urgentCards : []
        let pinnedHeight = pinned.reduce(0) { $0 + heights[$1] }
        var pages: [[Int]] = []
        var page = pinned, used = pinnedHeight
        for index in heights.indices where !pinned.contains(index) {
            if used + heights[index] > rows, page.count > pinned.count {
                pages.append(page)
                page = pinned
                used = pinnedHeight
            }
            page.append(index)
            used += heights[index]
        }
        if page.count > pinned.count || pages.isEmpty { pages.append(page) }
        return pages
    }

    /// The wall: a line naming every child missing now (on every page), then one page of cards,
    /// "page 2 of 5" at its foot; the pages turn by themselves (`HandoverScreen.clockTicked`).
    static func renderWall(_ screen: inout HandoverScreen, _ report: HandoverReport, _ env: ScreenEnvironment, area: Rect, buffer: inout Buffer,
                           theme: Theme) {
        guard !area.isEmpty else { return }
        var y = area.y
        let missing = report.cards.filter(\.isMissingNow).map { env.dashboard.nameWithCase(ofChild: $0.child) }
        if !missing.isEmpty {
            let text = "● MISSING NOW (\(missing.count)): " + missing.joined(separator: " · ")
            for line in DisplayWidth.wrap(text, width: max(10, area.width - 2)).prefix(3) {
                buffer.write(" " + line, at: Point(x: area.x, y: y), width: area.width, style: theme[.alertCritical])
                y += 1
            }
        }
        let rows = area.bottom - y - 1
        let cards = report.cards.map { lines(of: $0, env, width: area.width - 1, brief: true) + [("", ThemeRole.normal)] }
        screen.wallPages = pages(heights: cards.map(\.count), urgent: report.cards.map { $0.severity == .urgent }, rows: rows)
        if screen.wallPage >= screen.wallPages.count { screen.wallPage = 0 }
        if report.cards.isEmpty {
            buffer.write(" No child needs a card this shift.", at: Point(x: area.x, y: y), width: area.width, style: theme[.muted])
            return
        }
        let page = screen.wallPages.isEmpty ? [] : screen.wallPages[screen.wallPage]
        for index in page {
            for line in cards[index] where y < area.bottom - 1 {
                buffer.write(" " + line.0, at: Point(x: area.x, y: y), width: area.width, style: theme[line.1])
                y += 1
            }
        }
        let foot = "page \(screen.wallPage + 1) of \(max(1, screen.wallPages.count)) · \(report.cards.count) cards · turns every \(Int(env.settings.wallDwell)) s"
        buffer.write(" " + foot, at: Point(x: area.x, y: area.bottom - 1), width: area.width, style: theme[.muted])
    }
}
