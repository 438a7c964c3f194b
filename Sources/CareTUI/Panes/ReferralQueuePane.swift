import CareDomain
import TextUI

/// Referrals that need someone: awaiting a liaison's review first, then ready to send, then sent.
enum ReferralQueuePane {
    static func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let dashboard = state.dashboard
        PaneList.render(count: dashboard.queue.count, scroll: dashboard.referralScroll, focused: dashboard.focus == .referrals,
                        empty: "No referrals waiting.", area: area, buffer: &buffer, theme: theme) { index, rect, buffer in
            let referral = dashboard.queue[index]
            let service = dashboard.snapshot.services.first { $0.id == referral.service }?.name ?? "unknown service"
            let age = Durations.short(from: referral.statusSince, to: state.now)
            let status = DisplayWidth.pad(referral.status.rawValue.uppercased(), to: 15) + " " + DisplayWidth.padLeft(age, to: 3)
            let urgent = referral.priority == .urgent ? " URGENT" : ""
            let text = " \(status)  \(state.name(ofChild: referral.child)) · \(service)\(urgent)"
            buffer.write(text, at: Point(x: rect.x, y: rect.y), width: rect.width, style: theme[.normal], pad: true)
        }
    }
}
