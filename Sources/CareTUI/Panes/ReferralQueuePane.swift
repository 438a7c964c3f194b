import CareDomain
import Foundation
import TextUI

/// The referral queue: a strip of its views with their counts (`v` moves to the next), then the
/// view's referrals, urgent first and then the longest waiting, each with its status, time in
/// that status, the child and the service. When the pane is wide enough, the funnel sits beside
/// the list. In the first frame after sign-in the queue is not built yet
/// (`Dashboard.finishBuilding`, the next turn): the pane says so in words.
enum ReferralQueuePane {
    static let building = "Building the referral queue…"

    /// The funnel needs this many columns; the list keeps at least `minimumListWidth`.
    static let funnelWidth = 32
    static let minimumListWidth = 44

    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let dashboard = state.dashboard
        renderViews(state, row: area.row(0), buffer: &buffer, theme: theme)
        var list = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        guard dashboard.isBuilt else {
            if !list.isEmpty { buffer.write(" " + building, at: list.origin, width: list.width, style: theme[.muted]) }
            return
        }
        if area.width >= funnelWidth + minimumListWidth + 1, list.height >= 7 {
            let funnel = Rect(x: area.right - funnelWidth, y: list.y, width: funnelWidth, height: list.height)
            list = Rect(x: list.x, y: list.y, width: list.width - funnelWidth - 1, height: list.height)
            for y in funnel.y..<funnel.bottom { buffer.write("│", at: Point(x: funnel.x - 1, y: y), style: theme[.border]) }
            ReferralFunnelView.render(dashboard.funnel, area: funnel, buffer: &buffer, theme: theme)
        }
        let empty = "Nothing \(dashboard.referralView.title(for: state.worker.role)). v shows another view."
        PaneList.render(count: dashboard.queue.count, scroll: dashboard.referralScroll, focused: dashboard.focus == .referrals,
                        empty: empty, area: list, buffer: &buffer, theme: theme) { index, rect, buffer in
            let referral = dashboard.queue[index]
            let service = dashboard.service(referral.service)?.name ?? "unknown service"
            let age = Durations.short(from: referral.statusSince, to: state.now)
            var status = referral.status.rawValue.uppercased()
            if referral.status == .draft, referral.review.decision == .returned { status = "RETURNED" }
            let urgent = referral.priority == .urgent ? "URGENT " : ""
            let head = " " + DisplayWidth.pad(status, to: 15) + " " + DisplayWidth.padLeft(age, to: 3) + "  "
            var x = rect.x + buffer.write(head, at: rect.origin, width: rect.width, style: theme[.normal])
            if !urgent.isEmpty { x += buffer.write(urgent, at: Point(x: x, y: rect.y), width: rect.right - x, style: theme[.alertWarning]) }
            buffer.write("\(state.name(ofChild: referral.child)) · \(service)", at: Point(x: x, y: rect.y), width: rect.right - x,
                         style: theme[.normal], pad: true)
        }
    }

    /// The views with their counts, the current one marked; short names when the pane is narrow.
    static func renderViews(_ state: AppState, row: Rect, buffer: inout Buffer, theme: Theme) {
        let dashboard = state.dashboard
        let short = row.width < 76
        var x = row.x + 1
        for view in ReferralQueue.View.allCases {
            let name = short ? shortName(view, role: state.worker.role) : view.title(for: state.worker.role)
            let count = dashboard.isBuilt ? String(dashboard.queueCounts[view] ?? 0) : "…"
            let text = "\(view == dashboard.referralView ? "▸" : " ")\(name) \(count)"
            guard x < row.right else { break }
            x += buffer.write(text, at: Point(x: x, y: row.y), width: row.right - x,
                              style: theme[view == dashboard.referralView ? .tabActive : .tab]) + 1
        }
    }

    static func shortName(_ view: ReferralQueue.View, role: Role) -> String {
        switch view {
        case .awaitingMyReview: role == .liaison ? "my review" : "review"
        case .readyToSend: "ready"
        case .sentNoResponse: "sent"
        case .allOpen: "open"
        }
    }
}

/// The referral funnel as bars of block characters with the numbers beside them, so it reads
/// the same in monochrome: how many referrals reached each step, and the median days each step
/// took from the one before.
public enum ReferralFunnelView {
    static func lines(_ funnel: ReferralFunnel, width: Int) -> [String] {
        let maximum = Double(funnel.steps.first?.count ?? 0)
        let barWidth = max(4, width - 9 - 1 - 4 - 7)
        var lines = ["Funnel · median days per step"]
        for step in funnel.steps {
            let bar = BarChart.bar(value: Double(step.count), maximum: maximum, width: barWidth)
            let median = step.medianDays.map { "  " + Self.days($0) } ?? ""
            lines.append(DisplayWidth.pad(step.stage.rawValue, to: 9) + " " + DisplayWidth.pad(bar, to: barWidth)
                         + DisplayWidth.padLeft(String(step.count), to: 4) + median)
        }
        return lines
    }

    /// "0.5d", "3d", "21d".
    public static func days(_ value: Double) -> String {
        value < 10 ? String(format: "%.1fd", value) : "\(Int(value.rounded()))d"
    }

    static func render(_ funnel: ReferralFunnel, area: Rect, buffer: inout Buffer, theme: Theme) {
        for (i, line) in lines(funnel, width: area.width - 1).prefix(area.height).enumerated() {
            buffer.write(line, at: Point(x: area.x + 1, y: area.y + i), width: area.width - 1, style: theme[i == 0 ? .muted : .normal])
        }
    }
}
