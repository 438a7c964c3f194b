import CareDomain
import TextUI

/// Opening forms from child actions, and keys while a form has the keyboard.
public enum FormUpdate {
    /// Why `action` cannot open its form now, in words; nil when it can.
    public static func refusal(_ action: AppAction, in state: AppState) -> String? {
        let role = state.worker.role
        if action == .newChild {
            return role.may(.createChild) ? nil : PermissionDenied(permission: .createChild, role: role).description
        }
        guard let child = state.selectedChild else { return "select a child first" }
        let permission: Permission
        switch action {
        case .newNote: permission = .logContact
        case .missing: permission = .recordMissing
        case .debrief:
            permission = .recordMissing
            if role.may(permission), undebriefed(child.id, in: state) == nil { return "no located episode is waiting for a debrief" }
        case .addIndicator: permission = .addIndicator
        case .resolveIndicator:
            permission = .addIndicator
            if role.may(permission), activeIndicators(child.id, in: state).isEmpty { return "no open indicator to resolve" }
        case .safetyPlan: permission = .editSafetyPlan
        case .editProfile:
            return role.may(.editProfile) || role.may(.editIdentity) ? nil : PermissionDenied(permission: .editProfile, role: role).description
        case .addFlag: permission = .setFlag
        case .removeFlag:
            permission = .setFlag
            if role.may(permission), child.activeFlags.isEmpty { return "this child has no flag" }
        default: return nil
        }
        return role.may(permission) ? nil : PermissionDenied(permission: permission, role: role).description
    }

    static func open(_ action: AppAction, in state: inout AppState) {
        if let refusal = refusal(action, in: state) {
            state.message = refusal.prefix(1).uppercased() + refusal.dropFirst()
            return
        }
        let today = DayDate(state.now)
        if action == .newChild {
            state.form = FormCatalog.profile(nil)
            return
        }
        guard let child = state.selectedChild else { return }
        switch action {
        case .newNote: state.form = FormCatalog.contact(for: child.id, now: state.now)
        case .missing:
            if let open = state.snapshot.openEpisode(of: child.id) {
                state.form = FormCatalog.locate(open, now: state.now)
            } else {
                state.form = FormCatalog.openEpisode(for: child.id, now: state.now)
            }
        case .debrief:
            if let episode = undebriefed(child.id, in: state) { state.form = FormCatalog.debrief(episode, now: state.now) }
        case .addIndicator: state.form = FormCatalog.indicator(for: child.id, today: today)
        case .resolveIndicator: state.form = FormCatalog.resolveIndicator(activeIndicators(child.id, in: state))
        case .safetyPlan: state.form = FormCatalog.safetyPlan(for: child.id, plan: state.snapshot.plans[child.id], today: today)
        case .editProfile: state.form = FormCatalog.profile(child, identityOnly: !state.worker.role.may(.editProfile))
        case .addFlag: state.form = FormCatalog.addFlag(child)
        case .removeFlag: state.form = FormCatalog.removeFlag(child)
        default: break
        }
    }

    static func undebriefed(_ child: ChildID, in state: AppState) -> MissingEpisode? {
        (state.snapshot.episodes[child] ?? []).filter { $0.located != nil && $0.debrief == nil }
            .max { $0.reportedMissingAt < $1.reportedMissingAt }
    }

    static func activeIndicators(_ child: ChildID, in state: AppState) -> [RiskIndicator] {
        (state.snapshot.indicators[child] ?? []).filter { !$0.resolved }
    }

    /// A key while the form has the keyboard.
    public static func handle(_ key: Key, in state: inout AppState) -> [Effect] {
        guard var form = state.form else { return [] }
        defer { state.form = form.isClosed ? nil : form }
        if let question = form.question {
            switch key {
            case .char("y"), .char("Y"):
                form.question = nil
                switch question {
                case .discard:
                    form.isClosed = true
                    state.message = "Discarded."
                    return []
                case .confirmUnusual:
                    form.confirmedUnusual = true
                    return submit(&form, state: &state)
                case .quit:
                    form.isClosed = true
                    state.quitRequested = true
                    return []
                }
            case .char("n"), .char("N"), .escape:
                form.question = nil
            default: break
            }
            return []
        }
        switch key {
        case .tab, .down: form.focusNext()
        case .backTab, .up: form.focusPrevious()
        case .ctrl("s"): return submit(&form, state: &state)
        case .ctrl("c"):
            if form.isDirty {
                form.question = .quit
            } else {
                form.isClosed = true
                state.quitRequested = true
            }
        case .escape:
            if form.isDirty { form.question = .discard } else { form.isClosed = true }
        case .enter:
            if form.fields[form.focus].handle(.enter) { break }
            if form.focus == form.fields.count - 1 { return submit(&form, state: &state) }
            form.focusNext()
        default:
            _ = form.fields[form.focus].handle(key)
        }
        return []
    }

    static func submit(_ form: inout FormState, state: inout AppState) -> [Effect] {
        let context = FormSubmission.Context(now: state.now, worker: state.worker, unit: state.unit,
                                             caseNumbers: state.snapshot.children.map(\.caseNumber))
        guard let submission = FormSubmission.build(&form, context: context) else {
            if let first = form.fields.firstIndex(where: { $0.error != nil }) { form.focus = first }
            return []
        }
        return [.save(submission)]
    }
}
