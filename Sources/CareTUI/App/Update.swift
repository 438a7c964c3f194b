import CareDomain
import TextUI

/// The pure heart of the app: an action changes the state and may ask for effects.
/// No I/O happens here, which is what lets every screen be tested headless.
public enum Update {
    public static func apply(_ action: AppAction, to state: inout AppState) -> [Effect] {
        state.message = nil
        if state.showingHelp {
            return applyInHelp(action, to: &state)
        }
        switch action {
        case .focusNext: state.focus = state.focus.next
        case .focusPrevious: state.focus = state.focus.previous
        case .focus(let pane): state.focus = pane
        case .help:
            state.showingHelp = true
            state.helpScroll = 0
        case .toggleMask: state.masked.toggle()
        case .redraw: return [.redrawAll]
        case .lock: return [.lock]
        case .quit: state.quitRequested = true
        case .moveUp: return move(.up, in: &state)
        case .moveDown: return move(.down, in: &state)
        case .pageUp: return move(.pageUp, in: &state)
        case .pageDown: return move(.pageDown, in: &state)
        case .top: return move(.home, in: &state)
        case .bottom: return move(.end, in: &state)
        case .open: return open(in: &state)
        case .filter:
            state.focus = .caseload
            state.filterEditing = true
        case .clearFilter:
            state.filterEditing = false
            if !state.query.text.isEmpty {
                let selected = state.selectedRow?.id
                state.query.text = ""
                state.applyQuery(keeping: selected)
            }
        case .cycleSort:
            let selected = state.selectedRow?.id
            state.query.sort = state.query.sort.next
            state.applyQuery(keeping: selected)
        case .newChild, .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag, .removeFlag:
            FormUpdate.open(action, in: &state)
        case .childAudit:
            if let refusal = Bindings.disabledReason(.childAudit, in: state) {
                state.message = refusal.prefix(1).uppercased() + refusal.dropFirst()
            } else if let child = state.selectedRow?.id {
                return [.openAudit(child)]
            }
        case .quickFilter(let kind):
            let selected = state.selectedRow?.id
            state.query.toggle(kind.filter(for: state.worker.id))
            state.applyQuery(keeping: selected)
        }
        return []
    }

    /// A key typed while the filter line has the keyboard.
    public static func editFilter(_ key: Key, in state: inout AppState) {
        let selected = state.selectedRow?.id
        switch key {
        case .char(let c): state.query.text.append(c)
        case .backspace: if !state.query.text.isEmpty { state.query.text.removeLast() }
        case .enter, .tab: state.filterEditing = false
        case .escape:
            state.filterEditing = false
            state.query.text = ""
        default: return
        }
        state.query.text = Sanitizer.clean(state.query.text)
        state.applyQuery(keeping: selected)
    }

    /// Keys while the audit trail is on screen: scroll keys scroll, anything else closes it.
    public static func applyInAudit(_ action: AppAction?, to state: inout AppState) -> [Effect] {
        guard var overlay = state.auditTrail else { return [] }
        switch action {
        case .moveDown: overlay.scroll = min(overlay.scroll + 1, max(0, overlay.events.count - 1))
        case .moveUp: overlay.scroll = max(0, overlay.scroll - 1)
        case .pageDown: overlay.scroll = min(overlay.scroll + 10, max(0, overlay.events.count - 1))
        case .pageUp: overlay.scroll = max(0, overlay.scroll - 10)
        case .lock:
            state.auditTrail = nil
            return [.lock]
        default:
            state.auditTrail = nil
            return []
        }
        state.auditTrail = overlay
        return []
    }

    private static func applyInHelp(_ action: AppAction, to state: inout AppState) -> [Effect] {
        switch action {
        case .moveDown: state.helpScroll += 1
        case .moveUp: state.helpScroll = max(0, state.helpScroll - 1)
        case .pageDown: state.helpScroll += 10
        case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
        case .lock: return [.lock]
        case .redraw: return [.redrawAll]
        default: state.showingHelp = false
        }
        return []
    }

    /// Moves the selection of the focused list by the rows its pane shows at this size; in the
    /// child pane with a record open, scrolls the record instead (loading older contacts near the end).
    private static func move(_ move: ListScroll.Move, in state: inout AppState) -> [Effect] {
        let areas = MainScreen.paneAreas(size: state.screenSize, focus: state.focus)
        if state.focus == .child, let detail = state.openDetail, let area = areas[.child] {
            return scrollDetail(move, detail: detail, visibleRows: max(1, area.height - 2), in: &state)
        }
        let pane: PaneID = state.focus == .child ? .caseload : state.focus
        let rows = areas[pane].map { MainScreen.listRows(pane, in: $0) } ?? max(1, state.screenSize.height - 6)
        switch pane {
        case .caseload, .child: state.caseloadScroll.apply(move, visibleRows: rows, count: state.rows.count)
        case .referrals: state.referralScroll.apply(move, visibleRows: rows, count: state.queue.count)
        case .alerts: state.alertScroll.apply(move, visibleRows: rows, count: state.alerts.count)
        }
        return []
    }

    private static func scrollDetail(_ move: ListScroll.Move, detail: ChildDetail, visibleRows: Int, in state: inout AppState) -> [Effect] {
        let total = ChildPane.lines(state).count
        let last = max(0, total - visibleRows)
        switch move {
        case .up: state.detailScroll -= 1
        case .down: state.detailScroll += 1
        case .pageUp: state.detailScroll -= max(1, visibleRows - 1)
        case .pageDown: state.detailScroll += max(1, visibleRows - 1)
        case .home: state.detailScroll = 0
        case .end: state.detailScroll = last
        }
        state.detailScroll = min(max(0, state.detailScroll), last)
        let nearEnd = state.detailScroll + visibleRows >= total - 2
        if nearEnd, detail.contacts.hasMore, let oldest = detail.contacts.contacts.last?.occurredAt {
            return [.loadMoreContacts(detail.child.id, before: oldest)]
        }
        return []
    }

    private static func open(in state: inout AppState) -> [Effect] {
        switch state.focus {
        case .caseload, .child:
            guard let row = state.selectedRow else { return [] }
            state.focus = .child
            state.detailScroll = 0
            return [.openDetail(row.id)]
        case .referrals:
            guard state.queue.indices.contains(state.referralScroll.selection) else { return [] }
            return select(child: state.queue[state.referralScroll.selection].child, in: &state)
        case .alerts:
            guard state.alerts.indices.contains(state.alertScroll.selection),
                  let child = state.alerts[state.alertScroll.selection].child else { return [] }
            return select(child: child, in: &state)
        }
    }

    /// Goes to a child from another pane: clears a filter that hides them, selects and opens.
    private static func select(child: ChildID, in state: inout AppState) -> [Effect] {
        if !state.rows.contains(where: { $0.id == child }) {
            state.query = CaseloadQuery(sort: state.query.sort)
            state.filterEditing = false
        }
        state.applyQuery(keeping: child)
        state.focus = .child
        state.detailScroll = 0
        return [.openDetail(child)]
    }
}
