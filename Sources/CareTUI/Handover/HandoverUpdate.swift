import CareDomain
import Foundation
import TextUI

/// The handover's part of `Update`: opening it on the right shift, its keys, and what its data
/// and saves coming back do.
enum HandoverUpdate {
    /// The shift `H` opens: in the first two hours of a shift, the one that just ended (the
    /// incoming worker acknowledges it); later, the current one (the outgoing worker prepares it).
    static func defaultWindow(_ state: AppState) -> ShiftWindow {
        let current = state.settings.shifts.shift(containing: state.now, zone: state.zone)
        return state.now < current.start.addingTimeInterval(2 * 3_600) ? current.previous : current
    }

    static func open(in state: inout AppState, wall: Bool = false) -> [Effect] {
        if let index = state.screens.firstIndex(where: { if case .handover = $0 { true } else { false } }) {
            // Already open: bring it to the front rather than stack a second one.
            let screen = state.screens.remove(at: index)
            state.screens.append(screen)
            return []
        }
        let screen = HandoverScreen(id: state.takeScreenID(), window: defaultWindow(state), wall: wall)
        state.screens.append(.handover(screen))
        return [load(screen, state)]
    }

    static func load(_ screen: HandoverScreen, _ state: AppState) -> Effect {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = state.zone
        let fortnight = calendar.startOfDay(for: state.now.addingTimeInterval(-13 * 86_400))
        return .loadHandover(screen.window, screen: screen.id, since: min(fortnight, screen.window.start), until: max(screen.window.end, state.now))
    }

    /// Effects that read every open handover screen's data again (after a save or another
    /// session's change).
    static func reloadOpenScreens(_ state: AppState) -> [Effect] {
        state.screens.compactMap { if case .handover(let screen) = $0 { load(screen, state) } else { nil } }
    }

    /// The shift whose handover the current shift acknowledges, for the "not acknowledged" alert.
    static func lastWindow(_ state: AppState) -> ShiftWindow {
        state.settings.shifts.shift(containing: state.now, zone: state.zone).previous
    }

    /// Reads the last shift's handover again (after a save, or when a new shift began).
    static func reloadLastHandover(_ state: AppState) -> [Effect] {
        guard let window = state.lastHandoverWindow else { return [] }
        return [.loadLastHandover(window)]
    }

    /// The wall moves on to the next shift's handover by itself, as `H` would open it.
    static func followShift(in state: inout AppState) -> [Effect] {
        guard let index = state.screens.firstIndex(where: { if case .handover = $0 { true } else { false } }),
              case .handover(var screen) = state.screens[index] else { return [] }
        let window = defaultWindow(state)
        guard window != screen.window else { return [] }
        screen.window = window
        screen.report = nil
        screen.data = nil
        screen.selection = 0
        screen.scroll = 0
        state.screens[index] = .handover(screen)
        return [load(screen, state)]
    }

    // MARK: Keys

    static func run(_ command: Command, on screen: inout HandoverScreen, in state: inout AppState) -> ScreenStep {
        let cards = screen.report?.cards ?? []
        func refuse(_ words: String) -> ScreenStep {
            state.message = words
            return .stay
        }
        if let reason = Availability.handoverReason(command, on: screen, in: state) { return refuse(Availability.sentence(reason)) }
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp:
            guard !cards.isEmpty else { return .stay }
            let page = max(1, cards.count / 4)
            let step = command == .moveDown ? 1 : command == .moveUp ? -1 : command == .pageDown ? page : -page
            screen.selection = min(max(0, screen.selection + step), cards.count - 1)
            keepSelectionInView(&screen, state.viewports)
        case .previousShift, .nextShift:
            screen.window = command == .previousShift ? screen.window.previous : screen.window.next
            screen.report = nil
            screen.data = nil
            screen.selection = 0
            screen.scroll = 0
            return ScreenStep(effects: [load(screen, state)])
        case .editCard:
            guard let card = screen.selectedCard, let handover = screen.handover(worker: state.worker) else { return refuse("There is no card to edit.") }
            return openForm(HandoverCardForm(handover: handover, child: card.child, proposed: card.entry), state: &state)
        case .acknowledgeCard:
            guard let card = screen.selectedCard, let handover = screen.handover(worker: state.worker) else { return refuse("There is no card to acknowledge.") }
            if card.acknowledgements.contains(where: { $0.by == state.worker.id }) { return refuse("You have already acknowledged this card.") }
            var step = openForm(AcknowledgeCardForm(handover: handover.id, child: card.child), state: &state)
            // A handover nobody saved yet is saved as proposed first, and a card shown beside a
            // saved one is added to it, so there is a card to acknowledge.
            if screen.report?.saved == nil {
                step.effects.insert(.perform(.saveHandover(handover), origin: nil), at: 0)
            } else if card.isExtra {
                var added = handover
                added.entries.append(card.entry)
                step.effects.insert(.perform(.saveHandover(added), origin: nil), at: 0)
            }
            return step
        case .addCard:
            let picker = ChildPickerScreen(id: state.takeScreenID(), handoverScreen: screen.id, excluded: Set(cards.map(\.child)))
            return ScreenStep(push: .childPicker(picker))
        case .removeCard:
            guard let card = screen.selectedCard, var handover = screen.handover(worker: state.worker) else { return refuse("There is no card to remove.") }
            if card.isExtra { return refuse("This card is not on the saved handover: it shows because the child is missing now.") }
            handover.entries.removeAll { $0.child == card.child }
            let question = QuestionScreen(
                id: state.takeScreenID(), title: "Remove the card?",
                message: ["Take \(state.dashboard.nameWithCase(ofChild: card.child)) off this shift's handover? The record itself is not changed."],
                yes: .run(.saveHandover(handover), origin: screen.id), yesLabel: "Remove", noLabel: "Keep it")
            return ScreenStep(push: .question(question))
        case .saveHandover:
            guard screen.report?.saved == nil, let handover = screen.handover(worker: state.worker) else { return refuse("This handover is saved already.") }
            return ScreenStep(effects: [.perform(.saveHandover(handover), origin: screen.id)])
        case .printHandover:
            guard state.worker.role.may(.export) else { return refuse(Availability.sentence(PermissionDenied(permission: .export, role: state.worker.role).description)) }
            guard let report = screen.report else { return .stay }
            let text = HandoverDocument.render(report, format: .markdown, unit: state.unit.code, names: names(state), zone: state.zone)
            let label = "\(DayDate(screen.window.start, in: state.zone))-\(screen.window.label.hasPrefix("Night") ? "night" : screen.window.label.hasPrefix("Day") ? "day" : "shift")"
            let path = HandoverFile.path(folder: state.settings.handoverFolder, unit: state.unit.code, window: label)
            let question = QuestionScreen(
                id: state.takeScreenID(), title: "Write the handover to a file?",
                message: ["It will hold children's names in plain text, at \(path). Keep it as you would paper, and shred it after the shift."],
                yes: .write(text: text, path: path, summary: "handover of \(screen.window.longLabel) written to a file"), yesLabel: "Write", noLabel: "Cancel")
            return ScreenStep(push: .question(question))
        case .cancel:
            return .close
        case .reveal, .quit:
            break
        default:
            break
        }
        return .stay
    }

    static func openForm(_ form: any CaseForm, state: inout AppState) -> ScreenStep {
        let screen = FormScreen(id: state.takeScreenID(), form: form, context: FormUpdate.context(state))
        return ScreenStep(push: .form(screen))
    }

    static func names(_ state: AppState) -> HandoverDocument.Names {
        let dashboard = state.dashboard
        var children: [ChildID: String] = [:]
        for child in dashboard.snapshot.children { children[child.id] = dashboard.nameWithCase(ofChild: child.id) }
        for (id, _) in dashboard.snapshot.unreadableChildren { children[id] = dashboard.nameWithCase(ofChild: id) }
        var workers: [WorkerID: String] = [:]
        for worker in dashboard.snapshot.workers { workers[worker.id] = worker.displayName }
        let childNames = children, workerNames = workers
        return HandoverDocument.Names(child: { childNames[$0] ?? "a child no longer on the caseload" }, worker: { workerNames[$0] ?? "a worker" })
    }

    /// Scrolls the cards so the selected one's first line is in view.
    static func keepSelectionInView(_ screen: inout HandoverScreen, _ viewports: Viewports) {
        let starts = viewports.recordItemLines
        guard starts.indices.contains(screen.selection) else { return }
        let line = starts[screen.selection]
        let rows = max(1, viewports.recordRows)
        if line < screen.scroll { screen.scroll = line }
        let end = screen.selection + 1 < starts.count ? starts[screen.selection + 1] : viewports.recordLines
        if end > screen.scroll + rows { screen.scroll = max(line, end - rows) }
    }

    // MARK: Results

    static func loaded(screen id: Int, window: ShiftWindow, _ result: Result<HandoverData, StoreFailure>, in state: inout AppState) {
        guard let index = state.screens.firstIndex(where: { $0.id == id }), case .handover(var screen) = state.screens[index],
              screen.window == window else { return }
        switch result {
        case .success(let data):
            screen.data = data
            screen.report = report(for: screen, data: data, state: state)
            screen.selection = min(screen.selection, max(0, (screen.report?.cards.count ?? 1) - 1))
        case .failure(let failure):
            state.message = failure.words
        }
        state.screens[index] = .handover(screen)
    }

    static func report(for screen: HandoverScreen, data: HandoverData, state: AppState) -> HandoverReport {
        HandoverBuilder.report(window: screen.window, snapshot: state.dashboard.snapshot, contacts: data.contacts,
                               alerts: state.dashboard.allAlerts, saved: data.saved, previous: data.previous, now: state.now, zone: state.zone)
    }

    /// A child picked for the handover: a card filled from the record, saved with the others.
    static func picked(_ child: ChildID, for handoverScreen: Int, in state: inout AppState) -> [Effect] {
        guard let screen = state.screens.first(where: { $0.id == handoverScreen }), case .handover(let handover) = screen,
              var record = handover.handover(worker: state.worker), let found = state.dashboard.child(child) else { return [] }
        let alerts = state.dashboard.allAlerts.filter { $0.child == child }
        var entry = HandoverBuilder.prefill(found, snapshot: state.dashboard.snapshot, alerts: alerts, pinned: nil, now: state.now, zone: state.zone)
        entry.pinned = false
        record.entries.append(entry)
        return [.perform(.saveHandover(record), origin: handoverScreen)]
    }
}
