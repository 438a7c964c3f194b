import CareDomain
import Foundation
import TextUI

/// What the handover screen needs from the store for one shift.
public struct HandoverData: Sendable, Equatable {
    /// The shift's saved handover, with its acknowledgements.
    public var saved: HandoverState?
    /// The shift before's handover, for cards pinned there.
    public var previous: Handover?
    /// Contacts from 14 days back to the end of the shift (for the strip and the sparkline).
    public var contacts: [ContactStamp]

    public init(saved: HandoverState?, previous: Handover?, contacts: [ContactStamp]) {
        self.saved = saved
        self.previous = previous
        self.contacts = contacts
    }
}

/// The shift handover (after I-PASS): the outgoing shift's changes in numbers, a card per child
/// who needs one — severity, summary, actions with owners and times, if/then contingencies —
/// and the incoming worker's acknowledgement of each. On the office wall it shows read-only with
/// names masked.
public struct HandoverScreen: ScreenController {
    public let id: Int
    public var window: ShiftWindow
    public var data: HandoverData?
    public var report: HandoverReport?
    /// The card with the cursor.
    public var selection = 0
    /// How far the cards are scrolled, and the line each card starts on at the last render.
    public var scroll = ScrollView()
    var cardStarts: [Int] = []
    /// Read-only, for the wall: only quit and reveal work.
    public let wall: Bool

    init(id: Int, window: ShiftWindow, wall: Bool = false) {
        self.id = id
        self.window = window
        self.wall = wall
    }

    public var keyChain: KeyChain { wall ? Self.chains[1] : Self.chains[0] }

    static let chains = [
        KeyChain([.handover, .global], unbound: .ignore, globalOnly: [.lock, .redraw, .help, .toggleMask, .quit, .palette]),
        KeyChain([.wall], unbound: .ignore, globalOnly: []),
    ]

    public var selectedCard: HandoverCard? {
        guard let cards = report?.cards, cards.indices.contains(selection) else { return nil }
        return cards[selection]
    }

    /// The handover as it would be saved: the saved one, or the proposed cards in a new one.
    func handover(worker: Worker) -> Handover? {
        guard let report else { return nil }
        if let saved = report.saved { return saved }
        return Handover(id: window.handoverID, shiftStart: window.start, shiftEnd: window.end, outgoing: [worker.id],
                        entries: report.cards.map(\.entry))
    }

    // MARK: Shifts

    /// The shift `H` opens: in the first two hours of a shift, the one that just ended (the
    /// incoming worker acknowledges it); later, the current one (the outgoing worker prepares it).
    static func defaultWindow(_ session: Session) -> ShiftWindow {
        let current = session.settings.shifts.shift(containing: session.now, zone: session.zone)
        return session.now < current.start.addingTimeInterval(2 * 3_600) ? current.previous : current
    }

    /// The shift whose handover the current shift acknowledges, for the "not acknowledged" alert.
    static func lastWindow(_ session: Session) -> ShiftWindow {
        session.settings.shifts.shift(containing: session.now, zone: session.zone).previous
    }

    /// Reads this screen's shift: its handover, the one before, and contacts from two weeks back.
    func load(_ session: Session) -> Effect {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = session.zone
        let fortnight = calendar.startOfDay(for: session.now.addingTimeInterval(-13 * 86_400))
        return .loadHandover(window, screen: id, since: min(fortnight, window.start), until: max(window.end, session.now))
    }

    private mutating func show(_ window: ShiftWindow, _ ctx: inout ScreenContext) {
        self.window = window
        report = nil
        data = nil
        selection = 0
        scroll = ScrollView()
        ctx.ask(load(ctx.env.session))
    }

    // MARK: The controller

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        if wall { return [.command(.reveal, env.masked ? "show names" : "mask names"), .command(.quit, "quit")] }
        var list: [ScreenHint] = [.command(.moveDown, "card"), .command(.acknowledgeCard, "acknowledge"), .command(.editCard, "edit"),
                                  .command(.addCard, "add"), .command(.removeCard, "remove"), .command(.cancel, "back")]
        // The rest where there is room; `?` lists them all.
        if env.screenSize.width >= 120 {
            list.insert(contentsOf: [.command(.previousShift, "earlier"), .command(.nextShift, "later"), .command(.saveHandover, "save"),
                                     .command(.printHandover, "to a file")], at: list.count - 1)
        }
        return list
    }

    /// Why a handover key cannot act: the role, no card, a card already answered, a saved handover.
    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        let role = env.role
        switch command {
        case .editCard, .acknowledgeCard, .addCard, .removeCard, .saveHandover, .printHandover: break
        default: return nil
        }
        if command == .printHandover {
            return role.may(.export) ? nil : PermissionDenied(permission: .export, role: role).description
        }
        if !role.may(.editHandover) { return PermissionDenied(permission: .editHandover, role: role).description }
        guard let report else { return "the handover is still loading" }
        switch command {
        case .saveHandover:
            return report.saved == nil ? nil : "this shift's handover is saved already"
        case .addCard:
            return nil
        default:
            guard let card = selectedCard else { return "there is no card" }
            if command == .acknowledgeCard, card.acknowledgements.contains(where: { $0.by == env.worker.id }) {
                return "you have already acknowledged this card"
            }
            return nil
        }
    }

    public mutating func handle(_ command: Command, _ ctx: inout ScreenContext) {
        if wall { return wallCommand(command, &ctx) }
        if let reason = disabledReason(command, ctx.env) { return ctx.refuse(reason) }
        let env = ctx.env
        let cards = report?.cards ?? []
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp:
            guard !cards.isEmpty else { return }
            let page = max(1, cards.count / 4)
            let step = command == .moveDown ? 1 : command == .moveUp ? -1 : command == .pageDown ? page : -page
            selection = min(max(0, selection + step), cards.count - 1)
            keepSelectionInView()
        case .previousShift, .nextShift:
            show(command == .previousShift ? window.previous : window.next, &ctx)
        case .editCard:
            guard let card = selectedCard, let handover = handover(worker: env.worker) else { return ctx.say("There is no card to edit.") }
            ctx.push(FormScreen(id: ctx.newID(), form: HandoverCardForm(handover: handover, child: card.child, proposed: card.entry),
                                context: env.formContext))
        case .acknowledgeCard:
            guard let card = selectedCard, let handover = handover(worker: env.worker) else { return ctx.say("There is no card to acknowledge.") }
            // A handover nobody saved yet is saved as proposed first, and a card shown beside a
            // saved one is added to it, so there is a card to acknowledge.
            if report?.saved == nil {
                ctx.ask(.perform(.saveHandover(handover), origin: nil))
            } else if card.isExtra {
                var added = handover
                added.entries.append(card.entry)
                ctx.ask(.perform(.saveHandover(added), origin: nil))
            }
            ctx.push(FormScreen(id: ctx.newID(), form: AcknowledgeCardForm(handover: handover.id, child: card.child), context: env.formContext))
        case .addCard:
            guard let handover = handover(worker: env.worker) else { return }
            ctx.push(ChildPickerScreen(id: ctx.newID(), handoverScreen: id, handover: handover, excluded: Set(cards.map(\.child))))
        case .removeCard:
            guard let card = selectedCard, var handover = handover(worker: env.worker) else { return ctx.say("There is no card to remove.") }
            if card.isExtra { return ctx.say("This card is not on the saved handover: it shows because the child is missing now.") }
            handover.entries.removeAll { $0.child == card.child }
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Remove the card?",
                message: ["Take \(env.dashboard.nameWithCase(ofChild: card.child)) off this shift's handover? The record itself is not changed."],
                yes: .run(.saveHandover(handover), origin: id), yesLabel: "Remove", noLabel: "Keep it"))
        case .saveHandover:
            guard report?.saved == nil, let handover = handover(worker: env.worker) else { return ctx.say("This handover is saved already.") }
            ctx.ask(.perform(.saveHandover(handover), origin: id))
        case .printHandover:
            guard let report else { return }
            let text = HandoverDocument.render(report, format: .markdown, unit: env.unit.code, names: Self.names(env), zone: env.zone)
            let label = "\(DayDate(window.start, in: env.zone))-\(window.label.hasPrefix("Night") ? "night" : window.label.hasPrefix("Day") ? "day" : "shift")"
            let path = HandoverFile.path(folder: env.settings.handoverFolder, unit: env.unit.code, window: label)
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Write the handover to a file?",
                message: ["It will hold children's names in plain text, at \(path). Keep it as you would paper, and shred it after the shift."],
                yes: .write(text: text, path: path, summary: "handover of \(window.longLabel) written to a file", origin: id),
                yesLabel: "Write", noLabel: "Cancel"))
        case .cancel:
            ctx.close()
        default:
            break
        }
    }

    /// The wall's keys: quit, and show or hide the names (showing asks for the passphrase).
    private func wallCommand(_ command: Command, _ ctx: inout ScreenContext) {
        switch command {
        case .quit:
            ctx.request(.quit)
        case .reveal where ctx.env.masked:
            ctx.push(RevealScreen(id: ctx.newID()))
        case .reveal:
            ctx.request(.setMasked(true))
        default:
            break
        }
    }

    static func names(_ env: ScreenEnvironment) -> HandoverDocument.Names {
        let dashboard = env.dashboard
        var children: [ChildID: String] = [:]
        for child in dashboard.snapshot.children { children[child.id] = dashboard.nameWithCase(ofChild: child.id) }
        for (id, _) in dashboard.snapshot.unreadableChildren { children[id] = dashboard.nameWithCase(ofChild: id) }
        var workers: [WorkerID: String] = [:]
        for worker in dashboard.snapshot.workers { workers[worker.id] = worker.displayName }
        let childNames = children, workerNames = workers
        return HandoverDocument.Names(child: { childNames[$0] ?? "a child no longer on the caseload" }, worker: { workerNames[$0] ?? "a worker" })
    }

    /// Scrolls the cards so the selected one is in view (its first line, when it is taller).
    private mutating func keepSelectionInView() {
        guard cardStarts.indices.contains(selection) else { return }
        let end = selection + 1 < cardStarts.count ? cardStarts[selection + 1] : scroll.lineCount
        scroll.reveal(cardStarts[selection]..<end)
    }

    // MARK: The store's answers

    public mutating func receive(_ answer: StoreAnswer, _ ctx: inout ScreenContext) {
        switch answer {
        case .handover(let loaded, let result):
            guard loaded == window else { return }
            switch result {
            case .success(let data):
                self.data = data
                report = Self.report(window: window, data: data, env: ctx.env)
                selection = min(selection, max(0, (report?.cards.count ?? 1) - 1))
            case .failure(let failure):
                ctx.say(failure.words)
            }
        case .written(.success(let path)):
            ctx.say("Written to \(path). It holds names in plain text: keep it as paper, shred it after the shift.")
        default:
            if let words = answer.failureWords { ctx.say(words) }
        }
    }

    /// A save of this session that touches the handover, or any other session's change: read
    /// the shift again, so the cards are built from the records as they are now.
    public mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext) {
        if let command, !command.touchesHandover { return }
        ctx.ask(load(ctx.env.session))
    }

    /// The wall moves on to the next shift's handover by itself, as `H` would open it.
    public mutating func minutePassed(_ ctx: inout ScreenContext) {
        guard wall else { return }
        let next = Self.defaultWindow(ctx.env.session)
        if next != window { show(next, &ctx) }
    }

    static func report(window: ShiftWindow, data: HandoverData, env: ScreenEnvironment) -> HandoverReport {
        HandoverBuilder.report(window: window, snapshot: env.snapshot, contacts: data.contacts, alerts: env.dashboard.allAlerts, saved: data.saved,
                               previous: data.previous, now: env.now, zone: env.zone)
    }

    public mutating func render(_ env: ScreenEnvironment, area: Rect, screen: Rect, buffer: inout Buffer, theme: Theme) -> Point? {
        HandoverView.render(&self, env, area: area, buffer: &buffer, theme: theme)
        return nil
    }
}
