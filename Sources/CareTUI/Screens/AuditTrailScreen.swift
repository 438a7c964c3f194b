import CareDomain
import Foundation
import TextUI

/// A child's audit trail over the panes (supervisors): who viewed or changed the record, and when,
/// newest first.
public struct AuditTrailScreen: ScreenController {
    public let id: Int
    public let child: ChildID
    /// Nil until the store has answered.
    public var events: [AuditEvent]?
    public var scroll = ScrollView()

    public static let keyChain = KeyChain([.auditTrail, .global], unbound: .run(.cancel), globalOnly: [.lock, .redraw])
    public var keyChain: KeyChain { Self.keyChain }

    init(id: Int, child: ChildID) {
        self.id = id
        self.child = child
    }

    /// Newest first; a long summary (what changed, old and new) wraps under its event.
    func lines(_ env: ScreenEnvironment, width: Int = 100) -> [String] {
        guard let events else { return ["Loading the audit trail…"] }
        if events.isEmpty { return ["No events."] }
        let dashboard = env.dashboard
        let accounts = Dictionary(dashboard.snapshot.workers.map { ($0.id, $0.accountName) }, uniquingKeysWith: { a, _ in a })
        let indent = 16 + 2 + 17 + 13
        return events.reversed().flatMap { event -> [String] in
            let who = event.actor.flatMap { accounts[$0] } ?? "—"
            let head = "\(TimeText.format(event.at, zone: env.zone))  \(DisplayWidth.pad(who, to: 16)) \(DisplayWidth.pad(event.action.rawValue, to: 12)) "
            let summary = dashboard.masked
                ? (event.child.flatMap(dashboard.child).map { Masking.redact(event.summary, child: $0) } ?? event.summary)
                : event.summary
            let wrapped = DisplayWidth.wrap(summary, width: max(10, width - indent))
            return [head + (wrapped.first ?? "")] + wrapped.dropFirst().map { String(repeating: " ", count: indent) + $0 }
        }
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.command(.moveDown, "scroll"), .fixed(key: "any other key", label: "closes")]
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        guard let move = ScrollView.Move(command) else { return ctx.close() }
        scroll.apply(move)
    }

    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        guard case .auditTrail(let result) = answer else { return }
        switch result {
        case .success(let events): self.events = events
        case .failure(let failure):
            ctx.close()
            ctx.say(failure.words)
        }
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let count = events.map { " (\($0.count) \($0.count == 1 ? "event" : "events"), newest first; any other key closes)" } ?? ""
        let inner = Overlay.box(in: area, width: 110, title: "Audit trail — \(env.name(ofChild: child))\(count)", buffer: &buffer, theme: theme)
        let text = Rect(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 1), height: inner.height)
        Paragraph(lines(env, width: text.width)).render(in: text, scroll: &scroll, buffer: &buffer, theme: theme)
        return nil
    }
}
