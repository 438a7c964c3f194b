import CareDomain
import Foundation
import TextUI

/// The `record` context: the selected child's record, from the caseload or the child pane. Its
/// forms, its audit trail, a new referral, opening the record (audited before it is shown),
/// scrolling it item by item, and what the store's answers about it do.
enum RecordController {
    static let hints: [ScreenHint] = [
        .command(.newNote, "note"), .command(.missing, "missing"), .command(.addIndicator, "indicator"), .command(.safetyPlan, "plan"),
        .command(.editProfile, "edit"), .command(.addFlag, "flag"),
    ]

    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        switch command {
        case .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag, .removeFlag,
             .requestClosure, .reopenCase, .transitionPlan:
            FormLauncher.open(command, dashboard: &dashboard, &ctx)
        case .reassign:
            if let reason = reason(.reassign, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
            guard let child = dashboard.selectedChild else { return }
            ctx.push(ReassignScreen(id: ctx.newID(), scope: .child(child.id)))
        case .childAudit:
            if let reason = reason(.childAudit, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
            guard let child = dashboard.selectedRow?.id else { return }
            let id = ctx.newID()
            ctx.push(AuditTrailScreen(id: id, child: child))
            ctx.ask(.loadAuditTrail(child, origin: id))
        case .newReferral:
            if let reason = ReferralActions.refusal(.newReferral, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
            guard let child = dashboard.selectedChild else { return }
            ctx.push(ServicePickerScreen(id: ctx.newID(), purpose: .refer(child.id)))
        case .linkedPersons, .reportLead:
            if let reason = reason(command, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
            guard let child = dashboard.selectedRow?.id else { return }
            ctx.push(command == .linkedPersons
                ? InvestigationTargetScreen(id: ctx.newID(), subject: .child(child))
                : FormScreen(id: ctx.newID(), form: LeadForm(child: child), context: FormContext(ctx.session, dashboard)))
        default:
            break
        }
    }

    static func reason(_ command: Command, dashboard: Dashboard, session: Session) -> String? {
        switch command {
        case .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag, .removeFlag,
             .requestClosure, .reopenCase, .transitionPlan:
            return FormLauncher.refusal(command, dashboard: dashboard, session: session)
        case .reassign:
            if !session.role.may(.reassign) { return PermissionDenied(permission: .reassign, role: session.role).description }
            return dashboard.selectedChild == nil ? "select a child first" : nil
        case .childAudit:
            if !session.role.may(.readAudit) { return PermissionDenied(permission: .readAudit, role: session.role).description }
            return dashboard.selectedRow == nil ? "select a child first" : nil
        case .newReferral:
            return ReferralActions.refusal(.newReferral, dashboard: dashboard, session: session)
        case .linkedPersons, .reportLead:
            let permission: Permission = command == .linkedPersons ? .viewInvestigation : .reportLead
            if !session.role.may(permission) { return PermissionDenied(permission: permission, role: session.role).description }
            return dashboard.selectedRow == nil || dashboard.selectedRow?.isDamagedChild == true ? "select a child first" : nil
        default:
            return nil
        }
    }

    /// Enter on the caseload or the child pane: opens the selected child's record (a view, audited
    /// before it is shown); in an open record, reads the item under the cursor whole.
    static func open(dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        guard let row = dashboard.selectedRow else { return }
        if row.isDamagedChild {
            return ctx.say("This child's record is damaged and does not open. A supervisor can run `care check`, which names it, and restore it from a backup.")
        }
        if dashboard.focus == .child, dashboard.openDetail != nil { return readItem(dashboard: dashboard, &ctx) }
        dashboard.focus = .child
        // The record already open stays as it is: opening it again would be a second view.
        if dashboard.openDetail != nil { return }
        dashboard.recordScroll = 0
        dashboard.recordItem = nil
        ctx.ask(.loadDetail(row.id))
    }

    /// Opens the item under the record's cursor in the reader.
    static func readItem(dashboard: Dashboard, _ ctx: inout PaneContext) {
        guard let detail = dashboard.openDetail, let item = dashboard.recordItem ?? dashboard.shown.recordItems.first,
              let document = ReaderDocuments.document(for: item, in: detail, dashboard: dashboard, session: ctx.session) else {
            return ctx.say("Move to a note, an episode, a flag or the plan with ↑↓, then press Enter to read it whole.")
        }
        ctx.push(ReaderScreen(id: ctx.newID(), document: document))
    }

    /// Moves the record's cursor from item to item (a note, an episode, a flag...) and scrolls
    /// just enough to keep it in view, by the lines the pane showed in the last frame; a page
    /// scrolls by the pane's height. Older contacts load as the cursor nears the end.
    static func move(_ move: ListScroll.Move, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        guard let detail = dashboard.openDetail else { return }
        let shown = dashboard.shown
        let rows = shown.recordRows
        let items = shown.recordItems
        let lines = shown.recordItemLines
        let last = max(0, shown.recordLines - rows)
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
        let nearEnd = dashboard.recordScroll + rows >= shown.recordLines - 2 || index >= items.count - 2
        if nearEnd, detail.contacts.hasMore, let cursor = detail.contacts.cursor {
            ctx.ask(.loadMoreContacts(detail.child.id, after: cursor))
        }
    }

    // MARK: The store's answers

    /// The record came (its view audited): shown while its child is still selected, and a form
    /// that waited for it opens.
    static func loaded(_ child: ChildID, _ result: Result<ChildDetail, StoreFailure>, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        switch result {
        case .success(let detail) where dashboard.selectedRow?.id == child:
            dashboard.detail = detail
            if !detail.untrusted.isEmpty { dashboard.markUntrusted(child) }
            if let command = dashboard.formAwaitingRecord {
                dashboard.formAwaitingRecord = nil
                FormLauncher.open(command, dashboard: &dashboard, &ctx)
            }
        case .success:
            dashboard.formAwaitingRecord = nil
        case .failure(let failure):
            dashboard.detail = nil
            dashboard.formAwaitingRecord = nil
            ctx.say(failure.words)
        }
    }

    /// The open record read again after another session changed it, keeping older pages loaded.
    static func refreshed(_ child: ChildID, _ result: Result<ChildDetail, StoreFailure>, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        guard dashboard.detail?.child.id == child else { return }
        switch result {
        case .success(var detail):
            if let loaded = dashboard.detail?.contacts, loaded.contacts.count > detail.contacts.contacts.count {
                for contact in loaded.contacts where !detail.contacts.contacts.contains(where: { $0.id == contact.id }) {
                    detail.contacts.insert(contact)
                }
                detail.contacts.hasMore = loaded.hasMore
            }
            dashboard.detail = detail
            if !detail.untrusted.isEmpty { dashboard.markUntrusted(child) }
        case .failure(let failure):
            ctx.say(failure.words)
        }
    }

    /// An older page of contacts, added under those shown.
    static func contactsLoaded(_ child: ChildID, _ result: Result<ContactPage, StoreFailure>, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        guard var detail = dashboard.detail, detail.child.id == child else { return }
        switch result {
        case .success(let page):
            detail.contacts.contacts += page.contacts.filter { contact in !detail.contacts.contacts.contains { $0.id == contact.id } }
            detail.contacts.hasMore = page.hasMore
            detail.contacts.hiddenRestricted += page.hiddenRestricted
            detail.damaged += page.damaged.filter { !detail.damaged.contains($0) }
            dashboard.detail = detail
        case .failure(let failure):
            ctx.say(failure.words)
        }
    }
}

/// The `alerts` context: answering an alert (acknowledge, snooze, with a note), reading it whole,
/// showing the answered ones, and going to its child.
enum AlertsController {
    static let hints: [ScreenHint] = [.command(.read, "read"), .command(.acknowledgeAlert, "acknowledge"), .command(.snoozeAlert, "snooze")]

    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        if let reason = reason(command, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
        switch command {
        case .acknowledgeAlert, .snoozeAlert:
            FormLauncher.open(command, dashboard: &dashboard, &ctx)
        case .read:
            guard let alert = dashboard.selectedAlert else { return }
            let document = ReaderDocuments.document(for: alert, dashboard: dashboard, session: ctx.session)
            // An alert about a child read whole is a look at the child: shown once its view
            // event is in the trail (`ReaderScreen.audited`). One about the unit is not.
            guard let child = alert.child else { return ctx.push(ReaderScreen(id: ctx.newID(), document: document)) }
            let id = ctx.newID()
            ctx.push(ReaderScreen(id: id, document: document, audited: false))
            ctx.ask(.viewAlert(alertID: alert.id, child: child, origin: id))
        case .toggleHiddenAlerts:
            dashboard.showHiddenAlerts.toggle()
            dashboard.alertScroll = ListScroll()
        default:
            break
        }
    }

    static func reason(_ command: Command, dashboard: Dashboard, session: Session) -> String? {
        switch command {
        case .acknowledgeAlert, .snoozeAlert: FormLauncher.refusal(command, dashboard: dashboard, session: session)
        case .read: dashboard.selectedAlert == nil ? "there is no alert to read" : nil
        case .toggleHiddenAlerts:
            dashboard.alertList.hiddenCount == 0 && !dashboard.showHiddenAlerts ? "no alert is acknowledged or snoozed" : nil
        default: nil
        }
    }

    /// Enter on an alert: its child's record; on a pattern alert, the person's or place's screen.
    static func goToChild(dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        if let alert = dashboard.selectedAlert, alert.rule == .pattern, let target = PatternAlert.target(ofAlertID: alert.id) {
            return ctx.push(InvestigationTargetScreen(id: ctx.newID(), subject: .target(target)))
        }
        guard let alert = dashboard.selectedAlert, let child = alert.child else { return ctx.say("This alert is not about one child.") }
        DashboardNavigation.select(child: child, dashboard: &dashboard, &ctx)
        // The aging-out alert opens what it names: the youth's transition plan.
        if alert.rule == .agingOut, FormLauncher.refusal(.transitionPlan, dashboard: dashboard, session: ctx.session) == nil {
            FormLauncher.open(.transitionPlan, dashboard: &dashboard, &ctx)
        }
    }
}
