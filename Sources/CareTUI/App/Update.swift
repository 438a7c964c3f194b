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
        case .moveUp: move(in: &state) { scroll, count, _ in scroll.moveBy(-1, count: count) }
        case .moveDown: move(in: &state) { scroll, count, _ in scroll.moveBy(1, count: count) }
        case .pageUp: move(in: &state) { $0.moveBy(-max(1, $2 - 1), count: $1) }
        case .pageDown: move(in: &state) { $0.moveBy(max(1, $2 - 1), count: $1) }
        case .top: move(in: &state) { scroll, count, _ in scroll.select(0, count: count) }
        case .bottom: move(in: &state) { scroll, count, _ in scroll.select(count - 1, count: count) }
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

    /// Moves the selection of the focused list. The closure gets the scroll, the row count and
    /// the page height.
    private static func move(in state: inout AppState, _ change: (inout ListScroll, Int, Int) -> Void) {
        let page = max(1, state.screenSize.height - 12)
        switch state.focus {
        case .caseload, .child:
            change(&state.caseloadScroll, state.rows.count, page)
        case .referrals:
            change(&state.referralScroll, state.queue.count, page)
        case .alerts:
            change(&state.alertScroll, state.alerts.count, page)
        }
    }

    private static func open(in state: inout AppState) -> [Effect] {
        switch state.focus {
        case .caseload, .child:
            guard let row = state.selectedRow else { return [] }
            state.focus = .child
            return [.openDetail(row.id)]
        case .referrals:
            guard state.queue.indices.contains(state.referralScroll.selected) else { return [] }
            return select(child: state.queue[state.referralScroll.selected].child, in: &state)
        case .alerts:
            guard state.alerts.indices.contains(state.alertScroll.selected),
                  let child = state.alerts[state.alertScroll.selected].child else { return [] }
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
        return [.openDetail(child)]
    }
}
