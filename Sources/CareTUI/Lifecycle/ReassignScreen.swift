import CareDomain
import Foundation
import TextUI

/// A supervisor moves one child's team place, or a whole worker's caseload, to another worker:
/// type to filter the workers, Enter on the one who holds the cases (for a whole caseload), Enter
/// on the one who takes them, then one question naming how many, answered by Enter on a button.
/// Each child is its own command and audit event.
public struct ReassignScreen: ScreenController {
    public enum Scope: Sendable, Equatable {
        /// One child: the new worker takes the place on the team their role fills.
        case child(ChildID)
        /// Every child on the caseload whose team names the worker chosen first.
        case caseload
    }

    public let id: Int
    public let scope: Scope
    public var filter = TextField()
    public var scroll = ListScroll()
    /// The worker whose children move, once chosen (a whole caseload).
    public var from: WorkerID?
    var listRows = 10
    /// Answers still to come from the commands sent, and how many were refused.
    var sent = 0
    var refused: [String] = []

    public static let keyChain = KeyChain([.reassign, .global], unbound: .typed, globalOnly: [.lock, .redraw])
    public var keyChain: KeyChain { Self.keyChain }
    public var typingRunsOnAfterClose: Bool { true }

    public init(id: Int, scope: Scope) {
        self.id = id
        self.scope = scope
    }

    var choosingFrom: Bool { scope == .caseload && from == nil }

    /// The workers shown now: those holding open children (choosing whose), or the active workers
    /// who may take them, narrowed by the filter.
    func workers(_ env: ScreenEnvironment) -> [Worker] {
        let snapshot = env.snapshot
        var list = snapshot.workers.filter(\.active)
        if choosingFrom {
            let holding = Set(snapshot.children.filter(snapshot.isOnCaseload).flatMap(\.team.members))
            list = snapshot.workers.filter { holding.contains($0.id) }
        } else if let from, let giver = snapshot.workers.first(where: { $0.id == from }) {
            list = list.filter { $0.id != from && ($0.role == giver.role || $0.role == .supervisor) }
        }
        let needle = FoldedText(Sanitizer.clean(filter.value).trimmingCharacters(in: .whitespaces))
        if !needle.isEmpty { list = list.filter { FoldedText(joining: [$0.displayName, $0.accountName, $0.role.title]).contains(needle) } }
        return list.sorted { $0.displayName < $1.displayName }
    }

    /// The commands that move the cases to `taker`, one per child.
    func commands(to taker: Worker, _ env: ScreenEnvironment) -> [CaseCommand] {
        let snapshot = env.snapshot
        switch scope {
        case .child(let id):
            guard var team = snapshot.children.first(where: { $0.id == id })?.team else { return [] }
            switch taker.role {
            case .childProtection, .supervisor: team.childProtection = taker.id
            case .police: team.police = taker.id
            case .liaison: team.liaison = taker.id
            }
            return [.reassign(child: id, team: team)]
        case .caseload:
            guard let from else { return [] }
            return snapshot.children.filter { snapshot.isOnCaseload($0) && $0.team.members.contains(from) }.map { child in
                var team = child.team
                if team.childProtection == from { team.childProtection = taker.id }
                if team.police == from { team.police = taker.id }
                if team.liaison == from { team.liaison = taker.id }
                return .reassign(child: child.id, team: team)
            }
        }
    }

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        [.fixed(key: "type", label: "filter"), .command(.moveDown, "move"), .command(.open, choosingFrom ? "whose cases" : "give to"),
         .command(.cancel, "close")]
    }

    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        guard command == .open else { return nil }
        if !env.role.may(.reassign) { return PermissionDenied(permission: .reassign, role: env.role).description }
        return workers(env).indices.contains(scroll.selection) ? nil : "no worker matches the filter"
    }

    public mutating func type(_ key: Key, _ ctx: inout ScreenContext) {
        guard filter.handle(key) else { return }
        scroll = ListScroll()
    }

    public mutating func typeText(_ text: String, _ ctx: inout ScreenContext) -> Bool {
        _ = filter.insert(text: Sanitizer.clean(text))
        scroll = ListScroll()
        return true
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        let env = ctx.env
        let shown = workers(env)
        if let move = ListScroll.Move(command) { return scroll.apply(move, visibleRows: listRows, count: shown.count) }
        switch command {
        case .cancel:
            if from != nil, scope == .caseload {
                from = nil
                filter = TextField()
                scroll = ListScroll()
            } else {
                ctx.close()
            }
        case .open:
            if let reason = disabledReason(.open, env) { return ctx.refuse(reason) }
            let chosen = shown[scroll.selection]
            if choosingFrom {
                from = chosen.id
                filter = TextField()
                scroll = ListScroll()
                return
            }
            let commands = commands(to: chosen, env)
            guard !commands.isEmpty else { return ctx.say("Nothing to move: no open child is held by that worker.") }
            let giver = from.flatMap { id in env.snapshot.workers.first { $0.id == id }?.displayName }
            let what: String = switch scope {
            case .child(let child): env.dashboard.nameWithCase(ofChild: child)
            case .caseload: "\(commands.count) \(commands.count == 1 ? "child" : "children") from \(giver ?? "the worker")"
            }
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Reassign",
                message: ["Move \(what) to \(chosen.displayName)?", "Each child is its own change in the audit trail."],
                yes: .runAll(commands, origin: id), yesLabel: "Move \(commands.count)", noLabel: "Cancel"))
            sent = commands.count
            refused = []
        default: break
        }
    }

    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        guard case .saved(_, let result) = answer, sent > 0 else { return }
        sent -= 1
        if case .failure(let failure) = result { refused.append(failure.words) }
        guard sent == 0 else { return }
        ctx.close()
        ctx.say(refused.isEmpty ? "Reassigned." : "Some were not moved: \(refused.first ?? "") (\(refused.count) refused)")
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        let shown = workers(env)
        let title: String = switch scope {
        case .child(let child): "Reassign — \(env.dashboard.nameWithCase(ofChild: child)) — choose who takes the case"
        case .caseload: choosingFrom ? "Reassign a caseload — whose children move?" : "Reassign a caseload — who takes them?"
        }
        let inner = Overlay.box(in: area, width: 100, title: title, buffer: &buffer, theme: theme)
        guard inner.height >= 3 else { return nil }
        let cursor = Overlay.filterLine(filter, prompt: "/ ", in: inner, buffer: &buffer, theme: theme)
        let snapshot = env.snapshot
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 1))
        listRows = list.height
        PaneList.render(count: shown.count, scroll: scroll, focused: true, empty: "No worker matches \"\(filter.value)\".", area: list,
                        buffer: &buffer, theme: theme) { index, rect, buffer in
            let worker = shown[index]
            let held = snapshot.children.count { snapshot.isOnCaseload($0) && $0.team.members.contains(worker.id) }
            let text = " \(DisplayWidth.pad(DisplayWidth.truncate(worker.displayName, to: 34), to: 34)) "
                + "\(DisplayWidth.pad(worker.role.title, to: 20)) \(held) open"
            buffer.write(text, at: rect.origin, width: rect.width, style: theme[.normal], pad: true)
        }
        return cursor
    }
}
