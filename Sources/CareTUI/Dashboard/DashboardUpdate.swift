import CareDomain
import Foundation
import TextUI

/// The dashboard's part of `Update`: the panes, the lists, the filter line, and opening forms and
/// records for the selected child or alert.
enum DashboardUpdate {
    static func run(_ command: Command, in state: inout AppState) -> [Effect] {
        switch command {
        case .focusNext: state.dashboard.focus = state.dashboard.focus.next
        case .focusPrevious: state.dashboard.focus = state.dashboard.focus.previous
        case .focus(let pane): state.dashboard.focus = pane
        case .quickFilter(let kind):
            let selected = state.dashboard.selectedRow?.id
            state.dashboard.query.toggle(kind.filter(for: state.worker.id))
            state.dashboard.applyQuery(keeping: selected)
        case .moveUp: return move(.up, in: &state)
        case .moveDown: return move(.down, in: &state)
        case .pageUp: return move(.pageUp, in: &state)
        case .pageDown: return move(.pageDown, in: &state)
        case .top: return move(.home, in: &state)
        case .bottom: return move(.end, in: &state)
        case .open: return open(in: &state)
        case .filter:
            state.dashboard.focus = .caseload
            state.dashboard.filterEditing = true
            state.dashboard.filterField = FilterLine.field(state.dashboard.query.text)
        case .clearFilter:
            setFilter("", in: &state)
        case .cycleSort:
            let selected = state.dashboard.selectedRow?.id
            state.dashboard.query.sort = state.dashboard.query.sort.next
            state.dashboard.applyQuery(keeping: selected)
        case .newChild, .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag,
             .removeFlag, .acknowledgeAlert, .snoozeAlert:
            return openForm(command, in: &state)
        case .childAudit:
            if let reason = Availability.reason(.childAudit, in: state) {
                state.message = Availability.sentence(reason)
            } else if let child = state.dashboard.selectedRow?.id {
                state.screens.append(.auditTrail(AuditTrailScreen(id: state.takeScreenID(), child: child)))
                return [.loadAuditTrail(child)]
            }
        case .read:
            if let alert = state.dashboard.selectedAlert {
                state.screens.append(.reader(ReaderScreen(id: state.takeScreenID(), document: ReaderDocuments.document(for: alert, state: state))))
            } else {
                state.message = "There is no alert to read."
            }
        case .newReferral, .serviceCatalogue, .approveReferral, .returnReferral, .sendReferral, .updateReferralStatus,
             .withdrawReferral, .recordConsent, .editReferral, .nextReferralView, .goToChild:
            return ReferralActions.fromDashboard(command, in: &state)
        case .toggleHiddenAlerts:
            if let reason = Availability.reason(.toggleHiddenAlerts, in: state) {
                state.message = Availability.sentence(reason)
            } else {
                state.dashboard.showHiddenAlerts.toggle()
                state.dashboard.alertScroll = ListScroll()
            }
        default:
            break
        }
        return []
    }

    /// Opens the form a command names, or says why it cannot. A form that edits the whole record
    /// (the profile) needs it opened first: the record is loaded (and its view audited), and the
    /// form opens when it arrives (`StoreResults`).
    static func openForm(_ command: Command, in state: inout AppState) -> [Effect] {
        if FormLauncher.needsRecord(command), FormLauncher.refusal(command, in: state) == nil,
           state.dashboard.openDetail == nil, let child = state.dashboard.selectedRow?.id {
            state.dashboard.formAwaitingRecord = command
            return [.loadDetail(child)]
        }
        guard let form = FormLauncher.form(for: command, in: state) else {
            state.message = Availability.sentence(FormLauncher.refusal(command, in: state) ?? "not available here")
            return []
        }
        let screen = FormScreen(id: state.takeScreenID(), form: form, context: FormUpdate.context(state))
        state.screens.append(.form(screen))
        return []
    }

    // MARK: The filter line

    static func filter(_ command: Command, in state: inout AppState) -> [Effect] {
        switch command {
        case .keepFilter:
            state.dashboard.filterEditing = false
        case .clearFilter:
            state.dashboard.filterEditing = false
            setFilter("", in: &state)
        default:
            break
        }
        return []
    }

    /// A key typed while the filter line has the keyboard; ↑↓ move in the list meanwhile.
    static func typeInFilter(_ key: Key, in state: inout AppState) {
        switch key {
        case .up: _ = move(.up, in: &state)
        case .down: _ = move(.down, in: &state)
        case .enter: state.dashboard.filterEditing = false
        default:
            guard state.dashboard.filterField.handle(key) else { return }
            setFilter(Sanitizer.clean(state.dashboard.filterField.value), in: &state)
        }
    }

    static func setFilter(_ text: String, in state: inout AppState) {
        guard state.dashboard.query.text != text else { return }
        let selected = state.dashboard.selectedRow?.id
        state.dashboard.query.text = text
        if state.dashboard.filterField.value != text { state.dashboard.filterField = FilterLine.field(text) }
        state.dashboard.applyQuery(keeping: selected)
    }

    // MARK: Lists and the record

    /// Moves the selection of the focused list by the rows it showed in the last frame; in the
    /// child pane with a record open, scrolls the record (loading older contacts near its end).
    static func move(_ move: ListScroll.Move, in state: inout AppState) -> [Effect] {
        let viewports = state.viewports
        var dashboard = state.dashboard
        defer { state.dashboard = dashboard }
        if dashboard.focus == .child, let detail = dashboard.openDetail {
            return moveInRecord(move, detail: detail, viewports: viewports, dashboard: &dashboard)
        }
        switch dashboard.focus {
        case .caseload, .child:
            let before = dashboard.caseloadScroll.selection
            dashboard.caseloadScroll.apply(move, visibleRows: viewports.caseloadRows, count: dashboard.rows.count)
            if dashboard.caseloadScroll.selection != before {
                dashboard.recordScroll = 0
                dashboard.recordItem = nil
            }
        case .referrals: dashboard.referralScroll.apply(move, visibleRows: viewports.referralRows, count: dashboard.queue.count)
        case .alerts: dashboard.alertScroll.apply(move, visibleRows: viewports.alertRows, count: dashboard.alerts.count)
        }
        return []
    }

    /// Moves the record's cursor from item to item (a note, an episode, a flag...) and scrolls
    /// just enough to keep it in view, by the lines the pane showed in the last frame; a page
    /// scrolls by the pane's height. Older contacts load as the cursor nears the end.
    private static func moveInRecord(_ move: ListScroll.Move, detail: ChildDetail, viewports: Viewports, dashboard: inout Dashboard) -> [Effect] {
        let rows = viewports.recordRows
        let items = viewports.recordItems
        let lines = viewports.recordItemLines
        let last = max(0, viewports.recordLines - rows)
        let current = dashboard.recordItem.flatMap { items.firstIndex(of: $0) } ?? 0
        var index = current
        switch move {
        case .up: index = current - 1
        case .down: index = current + 1
        case .home: index = 0
        case .end: index = items.count - 1
        case .pageUp, .pageDown:
            let page = max(1, rows - 1) * (move == .pageDown ? 1 : -1)
            dashboard.recordScroll = min(max(0, dashboard.recordScroll + page), last)
            let top = dashboard.recordScroll
            index = move == .pageDown ? (lines.firstIndex { $0 >= top } ?? items.count - 1) : (lines.lastIndex { $0 < top + rows } ?? 0)
        }
        if items.isEmpty {
            dashboard.recordScroll = min(max(0, dashboard.recordScroll + (move == .down ? 1 : move == .up ? -1 : 0)), last)
        } else {
            index = min(max(0, index), items.count - 1)
            dashboard.recordItem = items[index]
            let line = lines[index]
            if line < dashboard.recordScroll { dashboard.recordScroll = line }
            if line >= dashboard.recordScroll + rows { dashboard.recordScroll = line - rows + 1 }
            if move == .home { dashboard.recordScroll = 0 }
            if move == .end { dashboard.recordScroll = last }
            dashboard.recordScroll = min(max(0, dashboard.recordScroll), last)
        }
        let nearEnd = dashboard.recordScroll + rows >= viewports.recordLines - 2 || index >= items.count - 2
        if nearEnd, detail.contacts.hasMore, let cursor = detail.contacts.cursor {
            return [.loadMoreContacts(detail.child.id, after: cursor)]
        }
        return []
    }

    /// Opens the item under the record's cursor in the reader.
    static func readRecordItem(in state: inout AppState) {
        guard let detail = state.dashboard.openDetail,
              let item = state.dashboard.recordItem ?? state.viewports.recordItems.first,
              let document = ReaderDocuments.document(for: item, in: detail, state: state) else {
            state.message = "Move to a note, an episode, a flag or the plan with ↑↓, then press Enter to read it whole."
            return
        }
        state.screens.append(.reader(ReaderScreen(id: state.takeScreenID(), document: document)))
    }

    static func open(in state: inout AppState) -> [Effect] {
        if let reason = Availability.reason(.open, in: state) {
            state.message = Availability.sentence(reason)
            return []
        }
        switch state.dashboard.focus {
        case .caseload, .child:
            guard let row = state.dashboard.selectedRow else { return [] }
            if row.isDamagedChild {
                state.message = "This child's record is damaged and does not open. A supervisor can run `care check`, which names it, and restore it from a backup."
                return []
            }
            if state.dashboard.focus == .child, state.dashboard.openDetail != nil {
                readRecordItem(in: &state)
                return []
            }
            state.dashboard.focus = .child
            // The record already open stays as it is: opening it again would be a second view.
            if state.dashboard.openDetail != nil { return [] }
            state.dashboard.recordScroll = 0
            state.dashboard.recordItem = nil
            return [.loadDetail(row.id)]
        case .referrals:
            return ReferralActions.fromDashboard(.open, in: &state)
        case .alerts:
            guard let child = state.dashboard.selectedAlert?.child else {
                state.message = "This alert is not about one child."
                return []
            }
            return select(child: child, in: &state)
        }
    }

    /// Goes to a child from another pane: clears a filter that hides them, selects and opens.
    static func select(child: ChildID, in state: inout AppState) -> [Effect] {
        if state.dashboard.rows.index(of: child) == nil {
            state.dashboard.query = CaseloadQuery(sort: state.dashboard.query.sort)
            state.dashboard.filterEditing = false
            state.dashboard.filterField = FilterLine.field()
        }
        state.dashboard.applyQuery(keeping: child)
        state.dashboard.focus = .child
        if state.dashboard.openDetail?.child.id == child { return [] }
        state.dashboard.recordScroll = 0
        state.dashboard.recordItem = nil
        return [.loadDetail(child)]
    }
}

extension CaseloadQuery.Sort {
    /// The words in the caseload title ("sort: risk").
    var label: String { rawValue }

    /// The next order for `s`, wrapping around.
    var next: CaseloadQuery.Sort {
        let all = CaseloadQuery.Sort.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
