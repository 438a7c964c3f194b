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
    /// The children whose cards of this shift the store has written a `view` event for; a card
    /// is shown only once its child is here (`isLookAudited`).
    public var lookAudited: Set<ChildID> = []
    /// The children of a `view` request not answered yet.
    var lookAsked: [ChildID] = []
    /// The card with the cursor.
    public var selection = 0
    /// How far the cards are scrolled, and the line each card starts on at the last render.
    public var scroll = ScrollView()
    var cardStarts: [Int] = []
    /// The furthest card the cursor has been on: `A` acknowledges the cards up to it.
    public var readThrough = 0
    /// The card just acknowledged in this session: when the handover is read again, the cursor
    /// moves on to the next card still waiting.
    var moveOnFrom: ChildID?
    /// Read-only, for the wall: only quit and reveal work.
    public let wall: Bool
    /// The wall's pages (cards by index, laid out at the last render), the one showing and when
    /// it began: the wall turns to the next page every `AppSettings.wallDwell` seconds.
    var wallPages: [[Int]] = []
    public internal(set) var wallPage = 0
    var wallPageShownAt: Date?
    public var wallPageCount: Int { wallPages.count }

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
        lookAudited = []
        lookAsked = []
        selection = 0
        scroll = ScrollView()
        ctx.ask(load(ctx.env.session))
    }

    // MARK: The controller

    public func hints(_ env: ScreenEnvironment) -> [ScreenHint] {
        if wall { return [.command(.reveal, env.masked ? "show names" : "mask names"), .command(.quit, "quit")] }
        var list: [ScreenHint] = [.command(.moveDown, "card"), .command(.acknowledgeCard, "acknowledge"), .command(.acknowledgeRead, "acknowledge read"),
                                  .command(.saveHandover, "save"), .command(.editCard, "edit"),
                                  .command(.addCard, "add"), .command(.removeCard, "remove"), .command(.cancel, "back")]
        // The rest where there is room; `?` lists them all.
        if env.screenSize.width >= 120 {
            list.insert(contentsOf: [.command(.previousShift, "earlier"), .command(.nextShift, "later"),
                                     .command(.printHandover, "to a file")], at: list.count - 1)
        }
        return list
    }

    /// Why a handover key cannot act: the role, no card, a card already answered, a handover not
    /// saved yet, who wrote it (`HandoverAuthorship`: the outgoing shift and supervisors write,
    /// the incoming worker acknowledges, nobody their own card).
    public func disabledReason(_ command: Command, _ env: ScreenEnvironment) -> String? {
        let role = env.role
        switch command {
        case .editCard, .acknowledgeCard, .acknowledgeRead, .addCard, .removeCard, .saveHandover, .printHandover: break
        default: return nil
        }
        if command == .printHandover {
            return role.may(.export) ? nil : PermissionDenied(permission: .export, role: role).description
        }
        if !role.may(.editHandover) { return PermissionDenied(permission: .editHandover, role: role).description }
        guard let report else { return "the handover is still loading" }
        switch command {
        case .acknowledgeCard, .acknowledgeRead:
            guard let saved = report.saved else {
                return "the handover is not saved yet: the outgoing worker saves it first (S), then its cards are acknowledged"
            }
            if let refusal = HandoverAuthorship.acknowledgeRefusal(saved, actor: env.worker) { return refusal }
            if command == .acknowledgeRead {
                return acknowledgeable(env).isEmpty ? "no card you have read is waiting for your acknowledgement" : nil
            }
            guard let card = selectedCard else { return "there is no card" }
            if card.isExtra {
                return "this card is not on the saved handover yet (the child went missing after it was saved): the outgoing worker adds it with S"
            }
            if card.acknowledgements.contains(where: { $0.by == env.worker.id }) { return "you have already acknowledged this card" }
            return nil
        default:
            if let refusal = HandoverAuthorship.saveRefusal(stored: report.saved, shiftEnd: window.end, actor: env.worker, now: env.now) {
                return refusal
            }
            switch command {
            case .saveHandover:
                return report.saved == nil || report.cards.contains(where: \.isExtra) ? nil : "this shift's handover is saved already"
            case .addCard:
                return nil
            default:
                return selectedCard == nil ? "there is no card" : nil
            }
        }
    }

    /// The cards `A` acknowledges: those up to the furthest the cursor has been, on the saved
    /// handover, that this worker has not acknowledged yet.
    func acknowledgeable(_ env: ScreenEnvironment) -> [HandoverCard] {
        guard let cards = report?.cards, !cards.isEmpty else { return [] }
        return cards.prefix(min(readThrough, cards.count - 1) + 1).filter { card in
            !card.isExtra && !card.acknowledgements.contains { $0.by == env.worker.id }
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
            readThrough = max(readThrough, selection)
            keepSelectionInView()
        case .previousShift, .nextShift:
            show(command == .previousShift ? window.previous : window.next, &ctx)
        case .editCard:
            guard let card = selectedCard, let handover = handover(worker: env.worker) else { return ctx.say("There is no card to edit.") }
            ctx.push(FormScreen(id: ctx.newID(), form: HandoverCardForm(handover: handover, child: card.child, proposed: card.entry),
                                context: env.formContext))
        case .acknowledgeCard:
            // Saving is explicit (S): acknowledging never saves the handover.
            guard let card = selectedCard, let saved = report?.saved else { return ctx.say("There is no card to acknowledge.") }
            moveOnFrom = card.child
            ctx.push(FormScreen(id: ctx.newID(), form: AcknowledgeCardForm(handover: saved.id, child: card.child), context: env.formContext))
        case .acknowledgeRead:
            guard let saved = report?.saved else { return }
            let cards = acknowledgeable(env)
            let count = cards.count
            moveOnFrom = cards.last?.child
            ctx.push(QuestionScreen(
                id: ctx.newID(), title: "Acknowledge the cards you have read?",
                message: ["Acknowledge \(count == 1 ? "the 1 card" : "the \(count) cards") you have scrolled past, each on its own, with no read-back?"],
                yes: .runAll(cards.map { .acknowledgeHandoverEntry(handover: saved.id, child: $0.child, readBack: "") }, origin: id),
                yesLabel: "Acknowledge \(count)", noLabel: "Not yet"))
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
            guard var handover = handover(worker: env.worker) else { return ctx.say("This handover is saved already.") }
            // A saved handover is saved again with the cards shown beside it (a child missing since).
            if report?.saved != nil { handover.entries += cards.filter(\.isExtra).map(\.entry) }
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
        var children: [ChildID: String] = [:], alone: [ChildID: String] = [:], numbers: [ChildID: String] = [:]
        for child in dashboard.snapshot.children {
            children[child.id] = dashboard.nameWithCase(ofChild: child.id)
            alone[child.id] = dashboard.masked ? child.initials : child.displayName
            numbers[child.id] = child.caseNumber.description
        }
        for (id, _) in dashboard.snapshot.unreadableChildren {
            children[id] = dashboard.nameWithCase(ofChild: id)
            alone[id] = children[id]
        }
        var workers: [WorkerID: String] = [:]
        for worker in dashboard.snapshot.workers { workers[worker.id] = worker.displayName }
        let childNames = children, workerNames = workers, onlyNames = alone, caseNumbers = numbers
        return HandoverDocument.Names(child: { childNames[$0] ?? "a child no longer on the caseload" }, worker: { workerNames[$0] ?? "a worker" },
                                      name: { onlyNames[$0] ?? "a child no longer on the caseload" }, caseNumber: { caseNumbers[$0] })
    }

    /// Scrolls the cards so the selected one is in view (its first line, when it is taller).
    mutating func keepSelectionInView() {
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
                let before = report.map { Set($0.cards.filter(\.isMissingNow).map(\.child)) }
                report = Self.report(window: window, data: data, env: ctx.env)
                let cards = report?.cards ?? []
                askToAuditLook(cards, &ctx)
                selection = min(selection, max(0, cards.count - 1))
                if let child = moveOnFrom, let at = cards.firstIndex(where: { $0.child == child }),
                   cards[at].acknowledgements.contains(where: { $0.by == ctx.env.worker.id }) {
                    moveOnFrom = nil
                    // On to the next card still waiting for this worker, after this one, else the
                    // first such card.
                    let me = ctx.env.worker.id
                    let waiting = { (index: Int) in !cards[index].isExtra && !cards[index].acknowledgements.contains { $0.by == me } }
                    let next = cards.indices.first { $0 > at && waiting($0) } ?? cards.indices.first(where: waiting)
                    selection = next ?? at
                    readThrough = max(readThrough, selection)
                    keepSelectionInView()
                }
                // A child reported missing since the wall last read it: the wall turns to its
                // first page (where the missing line names every child missing now) at once.
                if wall, let before, cards.contains(where: { $0.isMissingNow && !before.contains($0.child) }) {
                    wallPage = 0
                    wallPageShownAt = ctx.env.now
                }
            case .failure(let failure):
                ctx.say(failure.words)
            }
        case .handoverViewed(let viewed, let result):
            guard viewed == window else { return }
            let asked = lookAsked
            lookAsked = []
            switch result {
            case .success: lookAudited.formUnion(asked)
            case .failure(let failure): ctx.say(failure.words)
            }
        case .written(.success(let path)):
            ctx.say("Written to \(path). It holds names in plain text: keep it as paper, shred it after the shift.")
        default:
            if let words = answer.failureWords { ctx.say(words) }
        }
    }

    /// Asks the store to audit the cards whose children it has not yet for this shift: the
    /// screen shows the cards only once each is in the trail (`isLookAudited`).
    mutating func askToAuditLook(_ cards: [HandoverCard], _ ctx: inout ScreenContext) {
        guard lookAsked.isEmpty else { return }
        let unseen = cards.map(\.child).filter { !lookAudited.contains($0) }
        guard !unseen.isEmpty else { return }
        lookAsked = unseen
        ctx.ask(.viewHandover(window, children: unseen, origin: id))
    }

    /// Whether every card of the report is in the audit trail as looked at.
    public var isLookAudited: Bool {
        report.map { $0.cards.allSatisfy { lookAudited.contains($0.child) } } ?? false
    }

    /// A save of this session that touches the handover, or any other session's change: read
    /// the shift again, so the cards are built from the records as they are now.
    public mutating func snapshotChanged(saved command: CaseCommand?, _ ctx: inout ScreenContext) {
        if let command, !command.touchesHandover { return }
        ctx.ask(load(ctx.env.session))
    }

    /// The wall turns to its next page once a page has shown for the dwell, so every card is on
    /// the wall within one turn of the pages; a notice goes after the same time, as nobody
    /// presses a key there to clear it.
    public mutating func clockTicked(_ ctx: inout ScreenContext) {
        guard wall else { return }
        let now = ctx.env.now
        guard let shownAt = wallPageShownAt else { wallPageShownAt = now; return }
        guard now.timeIntervalSince(shownAt) >= ctx.env.settings.wallDwell else { return }
        ctx.request(.clearMessage)
        wallPageShownAt = now
        wallPage = wallPages.count > 1 ? (wallPage + 1) % wallPages.count : 0
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
