import CareDomain
import Foundation
import TextUI

/// A child's audit trail, drawn over the panes: who viewed or changed the record, and when.
public struct AuditOverlay: Sendable, Equatable {
    public var child: ChildID
    public var events: [AuditEvent]
    public var scroll = 0

    public init(child: ChildID, events: [AuditEvent]) {
        self.child = child
        self.events = events
    }

    func lines(_ state: AppState) -> [String] {
        let accounts = Dictionary(state.snapshot.workers.map { ($0.id, $0.accountName) }, uniquingKeysWith: { a, _ in a })
        return events.reversed().map { event in
            let who = event.actor.flatMap { accounts[$0] } ?? "—"
            return "\(DateText.format(event.at))  \(DisplayWidth.pad(who, to: 16)) \(DisplayWidth.pad(event.action.rawValue, to: 8)) \(event.summary)"
        }
    }

    func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let width = min(area.width - 2, 110)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        let title = "Audit trail — \(state.name(ofChild: child)) (\(events.count) \(events.count == 1 ? "event" : "events"), newest first; any key closes)"
        buffer.drawBox(box, title: title, style: theme[.borderFocus], titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        for (i, line) in lines(state).dropFirst(scroll).prefix(inner.height).enumerated() {
            buffer.write(line, at: Point(x: inner.x + 1, y: inner.y + i), width: inner.width - 1, style: theme[.normal], pad: true)
        }
    }
}
