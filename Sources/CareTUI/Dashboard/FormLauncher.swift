import CareDomain

/// Which form a command opens for the selected child or alert, and why it cannot when it cannot.
enum FormLauncher {
    /// Why `command` cannot open its form now, in words; nil when it can.
    static func refusal(_ command: Command, dashboard: Dashboard, session: Session) -> String? {
        let role = session.role
        func denied(_ permission: Permission) -> String? {
            role.may(permission) ? nil : PermissionDenied(permission: permission, role: role).description
        }
        switch command {
        case .newChild:
            return denied(.createChild)
        case .acknowledgeAlert, .snoozeAlert:
            return denied(.acknowledgeAlert) ?? (dashboard.selectedAlert == nil ? "there is no alert to answer" : nil)
        default:
            break
        }
        guard let child = dashboard.selectedChild else { return "select a child first" }
        switch command {
        case .newNote: return denied(.logContact)
        case .missing: return denied(.recordMissing)
        case .debrief:
            return denied(.recordMissing) ?? (undebriefed(child.id, in: dashboard) == nil ? "no located episode is waiting for a debrief" : nil)
        case .addIndicator: return denied(.addIndicator)
        case .resolveIndicator:
            return denied(.addIndicator) ?? (openIndicators(child.id, in: dashboard).isEmpty ? "no open indicator to resolve" : nil)
        case .safetyPlan: return denied(.editSafetyPlan)
        case .editProfile:
            guard role.may(.editProfile) || role.may(.editIdentity) else { return PermissionDenied(permission: .editProfile, role: role).description }
            // The profile form shows the names it edits; a masked screen shows none.
            return dashboard.masked ? "names are masked; press M to show them before editing the profile" : nil
        case .addFlag: return denied(.setFlag)
        case .removeFlag: return denied(.setFlag) ?? (child.activeFlags.isEmpty ? "this child has no flag" : nil)
        case .requestClosure, .reopenCase, .transitionPlan: return LifecycleForms.refusal(command, child: child, session: session)
        default: return nil
        }
    }

    /// The form `command` opens; nil when it is refused (see `refusal`).
    static func form(for command: Command, dashboard: Dashboard, session: Session) -> (any CaseForm)? {
        guard refusal(command, dashboard: dashboard, session: session) == nil else { return nil }
        switch command {
        case .newChild: return ProfileForm(child: nil)
        case .acknowledgeAlert: return dashboard.selectedAlert.map(AcknowledgeAlertForm.init)
        case .snoozeAlert: return dashboard.selectedAlert.map(SnoozeAlertForm.init)
        default: break
        }
        guard let child = dashboard.selectedChild else { return nil }
        switch command {
        case .newNote: return ContactForm(child: child.id)
        case .missing:
            if let open = dashboard.snapshot.openEpisode(of: child.id) { return MissingEpisodeForm(episode: open, zone: session.zone) }
            return MissingReportForm(child: child.id)
        case .debrief: return undebriefed(child.id, in: dashboard).map(DebriefForm.init)
        case .addIndicator: return IndicatorForm(child: child.id)
        case .resolveIndicator: return ResolveIndicatorForm(child: child.id, open: openIndicators(child.id, in: dashboard))
        case .safetyPlan:
            // The caseload keeps only the plan's review date; the form edits the whole plan.
            guard let detail = dashboard.openDetail else { return nil }
            return SafetyPlanForm(child: child.id, plan: detail.plan)
        case .editProfile:
            // The caseload holds a summary of the child; the form edits the whole record.
            guard let record = dashboard.openDetail?.child else { return nil }
            return ProfileForm(child: record, identityOnly: !session.role.may(.editProfile))
        case .addFlag: return AddFlagForm(child: child.id)
        case .removeFlag: return RemoveFlagForm(child: child)
        case .requestClosure, .reopenCase, .transitionPlan: return LifecycleForms.form(command, child: child, dashboard: dashboard, session: session)
        default: return nil
        }
    }

    /// Whether the form edits what the caseload does not hold (the whole profile, the whole
    /// safety plan): it opens once the record is open, its view audited.
    static func needsRecord(_ command: Command) -> Bool { command == .editProfile || command == .safetyPlan }

    /// The latest located episode still waiting for its debrief.
    static func undebriefed(_ child: ChildID, in dashboard: Dashboard) -> MissingEpisode? {
        (dashboard.snapshot.episodes[child] ?? []).filter { $0.located != nil && $0.debrief == nil }
            .max { $0.reportedMissingAt < $1.reportedMissingAt }
    }

    static func openIndicators(_ child: ChildID, in dashboard: Dashboard) -> [OpenIndicator] {
        dashboard.snapshot.openIndicators[child] ?? []
    }

    /// Opens the form a command names, or says why it cannot. A form that edits the whole record
    /// (the profile, the safety plan) needs it opened first: the record is loaded (and its view audited), and the
    /// form opens when it arrives (`RecordController.loaded`).
    static func open(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        if needsRecord(command), refusal(command, dashboard: dashboard, session: ctx.session) == nil,
           dashboard.openDetail == nil, let child = dashboard.selectedRow?.id {
            dashboard.formAwaitingRecord = command
            ctx.ask(.loadDetail(child))
            return
        }
        guard let form = form(for: command, dashboard: dashboard, session: ctx.session) else {
            ctx.refuse(refusal(command, dashboard: dashboard, session: ctx.session) ?? "not available here")
            return
        }
        ctx.push(FormScreen(id: ctx.newID(), form: form, context: FormContext(ctx.session, dashboard)))
    }
}
