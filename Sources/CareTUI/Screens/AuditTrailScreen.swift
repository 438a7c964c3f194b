import CareDomain
import Foundation
import TextUI

/// A child's audit trail over the panes (supervisors): who viewed or changed the record, and when,
/// newest first.
public struct AuditTrailScreen: Sendable {
    public let id: Int
    public let child: ChildID
    /// Nil until the store has answered.
    public var events: [AuditEvent]?
    public var scroll = 0

    public static let keyChain = KeyChain([.auditTrail, .global], unbound: .run(.cancel), globalOnly: [.lock, .redraw])

    /// Newest first; a long summary (what changed, old and new) wraps under its event.
    func lines(_ state: AppState, width: Int = 100) -> [String] {
        guard let events else { return ["Loading the audit trail…"] }
        if events.isEmpty { return ["No events."] }
        let accounts = Dictionary(state.dashboard.snapshot.workers.map { ($0.id, $0.accountName) }, uniquingKeysWith: { a, _ in a })
        let indent = 16 + 2 + 17 + 13
        return events.reversed().flatMap { event -> [String] in
            let who = event.actor.flatMap { accounts[$0] } ?? "—"
            let head = "\(TimeText.format(event.at, zone: state.zone))  \(DisplayWidth.pad(who, to: 16)) \(DisplayWidth.pad(event.action.rawValue, to: 12)) "
            let summary = state.dashboard.masked
                ? (event.child.flatMap(state.dashboard.child).map { Masking.redact(event.summary, child: $0) } ?? event.summary)
                : event.summary
            let wrapped = DisplayWidth.wrap(summary, width: max(10, width - indent))
            return [head + (wrapped.first ?? "")] + wrapped.dropFirst().map { String(repeating: " ", count: indent) + $0 }
        }
    }

    func render(_ state: AppState, area: Rect, buffer: inout Buffer, theme: Theme, viewports: inout Viewports) {
        let width = min(area.width - 2, 110)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(box, with: Cell(" ", style: theme[.normal]))
        let count = events.map { " (\($0.count) \($0.count == 1 ? "event" : "events"), newest first; any other key closes)" } ?? ""
        buffer.drawBox(box, title: "Audit trail — \(state.name(ofChild: child))\(count)", style: theme[.borderFocus],
                       titleStyle: theme[.titleFocus], heavy: true)
        let inner = box.inset(by: 1)
        viewports.overlayRows = inner.height
        let all = lines(state, width: inner.width - 1)
        viewports.readerLines = all.count
        for (i, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
            buffer.write(line, at: Point(x: inner.x + 1, y: inner.y + i), width: inner.width - 1, style: theme[.normal], pad: true)
        }
    }

    mutating func handle(_ command: Command, rows: Int, lineCount: Int) -> ScreenStep {
        let last = max(0, lineCount - rows)
        switch command {
        case .moveDown: scroll = min(scroll + 1, last)
        case .moveUp: scroll = max(0, scroll - 1)
        case .pageDown: scroll = min(scroll + max(1, rows - 1), last)
        case .pageUp: scroll = max(0, scroll - max(1, rows - 1))
        default: return .close
        }
        return .stay
    }
}
