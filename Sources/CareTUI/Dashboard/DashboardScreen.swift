import CareDomain
import TextUI

/// The dashboard as the controller in front when no screen is over it. Its key chain is the
/// focused pane's (the filter line's while it is typed); a command goes to the controller of the
/// context that bound it, and the hints are the focused pane's.
enum DashboardScreen {
    static func keyChain(_ dashboard: Dashboard) -> KeyChain {
        dashboard.filterEditing ? FilterLine.keyChain : dashboard.focus.keyChain
    }

    static func handle(_ command: Command, from context: KeyContext, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        switch context {
        case .dashboard: DashboardNavigation.handle(command, dashboard: &dashboard, &ctx)
        case .list: ListController.handle(command, dashboard: &dashboard, &ctx)
        case .caseload: CaseloadController.handle(command, dashboard: &dashboard, &ctx)
        case .record: RecordController.handle(command, dashboard: &dashboard, &ctx)
        case .alerts: AlertsController.handle(command, dashboard: &dashboard, &ctx)
        case .referrals: ReferralQueueController.handle(command, dashboard: &dashboard, &ctx)
        case .filter: FilterLineController.handle(command, dashboard: &dashboard, &ctx)
        default: break
        }
    }

    static func reason(_ command: Command, context: KeyContext, dashboard: Dashboard, session: Session) -> String? {
        switch context {
        case .dashboard: DashboardNavigation.reason(command, dashboard: dashboard, session: session)
        case .list: ListController.reason(command, dashboard: dashboard)
        case .caseload: CaseloadController.reason(command, dashboard: dashboard)
        case .record: RecordController.reason(command, dashboard: dashboard, session: session)
        case .alerts: AlertsController.reason(command, dashboard: dashboard, session: session)
        case .referrals: ReferralQueueController.reason(command, dashboard: dashboard, session: session)
        default: nil
        }
    }

    static func hints(_ dashboard: Dashboard, session: Session) -> [ScreenHint] {
        if dashboard.filterEditing { return FilterLineController.hints }
        // Help and quit come early, so they fit even at 80 columns.
        var list: [ScreenHint] = [.command(.focusNext, "next pane"), .command(.moveDown, "move")]
        // A pattern alert is about a person or place, not a child: Enter opens its screen.
        let toChild = dashboard.focus == .alerts && dashboard.selectedAlert?.rule != .pattern
        let open: ScreenHint = .command(.open, toChild ? "go to child" : "open")
        list.append(dashboard.focus == .child && dashboard.openDetail != nil ? .command(.open, "read") : open)
        list += [.command(.help, "help"), .command(.quit, "quit")]
        switch dashboard.focus {
        case .caseload: list += CaseloadController.hints
        case .child: list += RecordController.hints
        case .referrals: list += ReferralQueueController.hints
        case .alerts: list += AlertsController.hints
        }
        return list + [.command(.toggleMask, "mask"), .command(.lock, "lock")]
    }
}

/// The `dashboard` context: moving between panes, the quick filters, a new child, the catalogue.
enum DashboardNavigation {
    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        switch command {
        case .focusNext: dashboard.focus = dashboard.focus.next
        case .focusPrevious: dashboard.focus = dashboard.focus.previous
        case .focus(let pane): dashboard.focus = pane
        case .quickFilter(let kind):
            let selected = dashboard.selectedRow?.id
            dashboard.query.toggle(kind.filter(for: ctx.session.worker.id))
            dashboard.applyQuery(keeping: selected)
        case .newChild:
            FormLauncher.open(command, dashboard: &dashboard, &ctx)
        case .serviceCatalogue:
            ctx.push(ServicePickerScreen(id: ctx.newID(), purpose: .catalogue))
        case .investigation:
            if let reason = reason(command, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
            ctx.push(InvestigationScreen(id: ctx.newID()))
        case .closures:
            ctx.push(ClosuresScreen(id: ctx.newID()))
        case .reassign:
            if let reason = reason(.reassign, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
            ctx.push(ReassignScreen(id: ctx.newID(), scope: .caseload))
        default:
            break
        }
    }

    static func reason(_ command: Command, dashboard: Dashboard, session: Session) -> String? {
        switch command {
        case .newChild: FormLauncher.refusal(command, dashboard: dashboard, session: session)
        case .investigation:
            session.role.may(.viewInvestigation) ? nil : PermissionDenied(permission: .viewInvestigation, role: session.role).description
        case .reassign: session.role.may(.reassign) ? nil : PermissionDenied(permission: .reassign, role: session.role).description
        default: nil
        }
    }

    /// Goes to a child from another pane or screen: clears a filter that hides them, selects and
    /// opens the record (a view, audited, unless it is open already).
    static func select(child: ChildID, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        if dashboard.rows.index(of: child) == nil {
            dashboard.query = CaseloadQuery(sort: dashboard.query.sort)
            dashboard.filterEditing = false
            dashboard.filterField = FilterLine.field()
        }
        dashboard.applyQuery(keeping: child)
        dashboard.focus = .child
        if dashboard.openDetail?.child.id == child { return }
        dashboard.recordScroll = 0
        dashboard.recordItem = nil
        ctx.ask(.loadDetail(child))
    }
}

/// The `list` context: moving in the focused pane's list (the open record scrolls by item), and
/// Enter, which each pane answers in its own way.
enum ListController {
    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        if command == .open {
            if let reason = reason(.open, dashboard: dashboard) { return ctx.refuse(reason) }
            switch dashboard.focus {
            case .caseload, .child: RecordController.open(dashboard: &dashboard, &ctx)
            case .referrals: ReferralQueueController.handle(.open, dashboard: &dashboard, &ctx)
            case .alerts: AlertsController.goToChild(dashboard: &dashboard, &ctx)
            }
            return
        }
        guard let move = ListScroll.Move(command) else { return }
        if dashboard.focus == .child, dashboard.openDetail != nil {
            RecordController.move(move, dashboard: &dashboard, &ctx)
            return
        }
        let shown = dashboard.shown
        switch dashboard.focus {
        case .caseload, .child:
            let before = dashboard.caseloadScroll.selection
            dashboard.caseloadScroll.apply(move, visibleRows: shown.caseloadRows, count: dashboard.rows.count)
            if dashboard.caseloadScroll.selection != before {
                dashboard.recordScroll = 0
                dashboard.recordItem = nil
            }
        case .referrals: dashboard.referralScroll.apply(move, visibleRows: shown.referralRows, count: dashboard.queue.count)
        case .alerts: dashboard.alertScroll.apply(move, visibleRows: shown.alertRows, count: dashboard.alerts.count)
        }
    }

    static func reason(_ command: Command, dashboard: Dashboard) -> String? {
        guard command == .open else { return nil }
        switch dashboard.focus {
        case .caseload, .child: return dashboard.rows.isEmpty ? "no child is listed" : nil
        case .referrals: return dashboard.queue.isEmpty ? "the queue is empty" : nil
        case .alerts: return dashboard.alerts.isEmpty ? "there are no alerts" : nil
        }
    }
}

/// The `caseload` context: the filter line, its clearing, and the sort.
enum CaseloadController {
    static let hints: [ScreenHint] = [
        .command(.filter, "filter"), .command(.cycleSort, "sort"), .command(.newNote, "note"), .command(.missing, "missing"),
        .command(.newChild, "new child"),
    ]

    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        switch command {
        case .filter:
            dashboard.focus = .caseload
            dashboard.filterEditing = true
            dashboard.filterField = FilterLine.field(dashboard.query.text)
        case .clearFilter:
            FilterLineController.setFilter("", dashboard: &dashboard)
        case .cycleSort:
            let selected = dashboard.selectedRow?.id
            dashboard.query.sort = dashboard.query.sort.next
            dashboard.applyQuery(keeping: selected)
        default:
            break
        }
    }

    static func reason(_ command: Command, dashboard: Dashboard) -> String? {
        guard command == .clearFilter else { return nil }
        return dashboard.query.text.isEmpty && !dashboard.filterEditing ? "no filter is set" : nil
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
