import CareDomain
import TextUI

/// Referrals that need someone: awaiting a liaison's review first, then ready to send, then sent.
enum ReferralQueuePane {
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        if state.queue.isEmpty {
            buffer.write("No referrals waiting.", at: Point(x: area.x + 1, y: area.y), width: area.width - 1, style: theme[.muted])
            return
        }
        let scroll = state.referralScroll
        for (line, index) in scroll.visibleRange(visibleRows: area.height, count: state.queue.count).enumerated() {
            let referral = state.queue[index]
            let rect = area.row(line)
            let service = state.snapshot.services.first { $0.id == referral.service }?.name ?? "unknown service"
            let age = Durations.short(from: referral.statusSince, to: state.now)
            let status = DisplayWidth.pad(referral.status.rawValue.uppercased(), to: 15) + " " + DisplayWidth.padLeft(age, to: 3)
            let urgent = referral.priority == .urgent ? " URGENT" : ""
            let text = " \(status)  \(state.name(ofChild: referral.child)) · \(service)\(urgent)"
            buffer.write(text, at: Point(x: rect.x, y: rect.y), width: rect.width, style: theme[.normal], pad: true)
            if index == state.referralScroll.selection && state.focus == .referrals {
                buffer.patchStyle(rect) { $0.attributes.formUnion(theme[.selected].attributes); $0.background = theme[.selected].background }
            }
        }
    }
}
