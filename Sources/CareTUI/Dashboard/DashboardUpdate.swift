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
            state.dashboard.filterField = TextField(value: state.dashboard.query.text)
        case .clearFilter:
            setFilter("", in: &state)
        case .cycleSort:
            let selected = state.dashboard.selectedRow?.id
            state.dashboard.query.sort = state.dashboard.query.sort.next
            state.dashboard.applyQuery(keeping: selected)
        case .newChild, .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag,
             .removeFlag, .acknowledgeAlert, .snoozeAlert:
            openForm(command, in: &state)
        case .childAudit:
            if let reason = Availability.reason(.childAudit, in: state) {
                state.message = Availability.sentence(reason)
            } else if let child = state.dashboard.selectedRow?.id {
                state.screens.append(.auditTrail(AuditTrailScreen(id: state.takeScreenID(), child: child)))
                return [.loadAuditTrail(child)]
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

    /// Opens the form a command names, or says why it cannot.
    static func openForm(_ command: Command, in state: inout AppState) {
        guard let form = FormLauncher.form(for: command, in: state) else {
            state.message = Availability.sentence(FormLauncher.refusal(command, in: state) ?? "not available here")
            return
        }
        let screen = FormScreen(id: state.takeScreenID(), form: form, context: FormUpdate.context(state))
        state.screens.append(.form(screen))
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
        if state.dashboard.filterField.value != text { state.dashboard.filterField = TextField(value: text) }
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
            return scrollRecord(move, detail: detail, rows: viewports.recordRows, total: viewports.recordLines, dashboard: &dashboard)
        }
        switch dashboard.focus {
        case .caseload, .child:
            let before = dashboard.caseloadScroll.selection
            dashboard.caseloadScroll.apply(move, visibleRows: viewports.caseloadRows, count: dashboard.rows.count)
            if dashboard.caseloadScroll.selection != before { dashboard.recordScroll = 0 }
        case .referrals: dashboard.referralScroll.apply(move, visibleRows: viewports.referralRows, count: dashboard.queue.count)
        case .alerts: dashboard.alertScroll.apply(move, visibleRows: viewports.alertRows, count: dashboard.alerts.count)
        }
        return []
    }

    private static func scrollRecord(_ move: ListScroll.Move, detail: ChildDetail, rows: Int, total: Int, dashboard: inout Dashboard) -> [Effect] {
        let last = max(0, total - rows)
        switch move {
        case .up: dashboard.recordScroll -= 1
        case .down: dashboard.recordScroll += 1
        case .pageUp: dashboard.recordScroll -= max(1, rows - 1)
        case .pageDown: dashboard.recordScroll += max(1, rows - 1)
        case .home: dashboard.recordScroll = 0
        case .end: dashboard.recordScroll = last
        }
        dashboard.recordScroll = min(max(0, dashboard.recordScroll), last)
        let nearEnd = dashboard.recordScroll + rows >= total - 2
        if nearEnd, detail.contacts.hasMore, let cursor = detail.contacts.cursor {
            return [.loadMoreContacts(detail.child.id, after: cursor)]
        }
        return []
    }

    static func open(in state: inout AppState) -> [Effect] {
        if let reason = Availability.reason(.open, in: state) {
            state.message = Availability.sentence(reason)
            return []
        }
        switch state.dashboard.focus {
        case .caseload, .child:
            guard let row = state.dashboard.selectedRow else { return [] }
            state.dashboard.focus = .child
            // The record already open stays as it is: opening it again would be a second view.
            if state.dashboard.openDetail != nil { return [] }
            state.dashboard.recordScroll = 0
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
        if !state.dashboard.rows.contains(where: { $0.id == child }) {
            state.dashboard.query = CaseloadQuery(sort: state.dashboard.query.sort)
            state.dashboard.filterEditing = false
            state.dashboard.filterField = TextField()
        }
        state.dashboard.applyQuery(keeping: child)
        state.dashboard.focus = .child
        if state.dashboard.openDetail?.child.id == child { return [] }
        state.dashboard.recordScroll = 0
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
