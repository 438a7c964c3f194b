import CareDomain
import Foundation
import TextUI

/// A supervisor's closures: the requests waiting for an answer (Enter decides one: approve, or
/// reject with a comment), and the picture of cases opened and closed by month with the median
/// days open. Other roles see the list and the picture, and are told who decides.
public struct ClosuresScreen: ScreenController {
    public let id: Int
    public var scroll = ListScroll()
    var listRows = 5

    public static let keyChain = KeyChain([.closures, .global], globalOnly: [.lock, .redraw, .help, .toggleMask, .quit])
    public var keyChain: KeyChain { Self.keyChain }

    public init(id: Int) { self.id = id }

    /// The children with a request waiting, the oldest request first.
    public static func pending(_ snapshot: CaseloadSnapshot) -> [ChildSummary] {
        snapshot.children.filter(\.closurePending).sorted {
            ($0.closureRequest?.requestedAt ?? .distantPast, $0.caseNumber.description) < ($1.closureRequest?.requestedAt ?? .distantPast, $1.caseNumber.description)
        }
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.command(.moveDown, "move"), .command(.open, "decide"), .command(.cancel, "close")]
    }

    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        guard command == .open else { return nil }
        if !env.role.may(.closeCase) { return PermissionDenied(permission: .closeCase, role: env.role).description }
        return Self.pending(env.snapshot).indices.contains(scroll.selection) ? nil : "no closure request is waiting"
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        let pending = Self.pending(ctx.env.snapshot)
        if let move = ListScroll.Move(command) { return scroll.apply(move, visibleRows: listRows, count: pending.count) }
        switch command {
        case .cancel: ctx.close()
        case .open:
            if let reason = disabledReason(.open, ctx.env) { return ctx.refuse(reason) }
            let child = pending[scroll.selection]
            guard let request = child.closureRequest, let form = Self.decision(for: child, request: request, env: ctx.env) else { return }
            ctx.push(FormScreen(id: ctx.newID(), form: form, context: ctx.env.formContext))
        default: break
        }
    }

    static func decision(for child: ChildSummary, request: ClosureRequest, env: ScreenEnvironment) -> ClosureDecisionForm? {
        let snapshot = env.snapshot
        let blocks = ClosureBlock.blocks(episodes: snapshot.episodes[child.id] ?? [], referrals: snapshot.referrals.filter { $0.child == child.id })
        let requester = snapshot.workers.first { $0.id == request.requestedBy }?.displayName ?? "a worker no longer listed"
        return ClosureDecisionForm(child: child.id, request: request, blocks: blocks, requester: requester)
    }

    public mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext) {
        let count = Self.pending(ctx.env.snapshot).count
        scroll.follow(selection: min(scroll.selection, max(0, count - 1)), visibleRows: listRows, count: count)
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let pending = Self.pending(env.snapshot)
        let inner = Overlay.box(in: area, width: 110, title: "Closures — \(pending.count) waiting for a supervisor", buffer: &buffer, theme: theme)
        guard inner.height >= 3 else { return nil }
        let figures = CaseFlowFigures(children: env.snapshot.children, today: env.session.today).lines(width: inner.width)
        let listHeight = max(1, inner.height - figures.count - 2)
        listRows = listHeight
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: listHeight)
        let names = Dictionary(env.snapshot.workers.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        PaneList.render(count: pending.count, scroll: scroll, focused: true, empty: "No closure request is waiting.", area: list,
                        buffer: &buffer, theme: theme) { index, rect, buffer in
            let child = pending[index]
            let request = child.closureRequest
            let blocked = ClosureBlock.blocks(episodes: env.snapshot.episodes[child.id] ?? [],
                                              referrals: env.snapshot.referrals.filter { $0.child == child.id })
            let marks = blocked.isEmpty ? "no block   " : "⚠ blocked (\(blocked.count))"
            let who = request.map { names[$0.requestedBy] ?? "?" } ?? "?"
            let text = " \(DisplayWidth.pad(DisplayWidth.truncate(env.dashboard.nameWithCase(ofChild: child.id), to: 36), to: 36)) \(marks)  "
                + "\(request?.reason.words ?? "") — asked by \(who)"
            buffer.write(text, at: rect.origin, width: rect.width, style: theme[blocked.isEmpty ? .normal : .emphasis], pad: true)
        }
        var y = list.bottom + 1
        for line in figures where y < inner.bottom {
            buffer.write(line, at: Point(x: inner.x + 1, y: y), width: inner.width - 1, style: theme[.normal])
            y += 1
        }
        return nil
    }
}
