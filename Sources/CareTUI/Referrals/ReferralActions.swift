import CareDomain
import Foundation
import TextUI

/// What the referral keys do, on the queue pane and on a referral's screen, and why each is off
/// when it is. Every refusal comes from the workflow's table (`ReferralWorkflow.refusal`) or the
/// permissions table, in their words, so a greyed key and the store say the same thing.
enum ReferralActions {
    /// The screen the referral keys belong to: the front one, looking past the help and a
    /// question (which are about the screen under them).
    static func working(_ state: AppState) -> Screen? {
        state.screens.last { screen in
            switch screen {
            case .help, .question: false
            default: true
            }
        }
    }

    /// The referral the keys act on: the one on screen, or the queue's selected one.
    static func current(in state: AppState) -> Referral? {
        switch working(state) {
        case .referral(let screen)?: state.dashboard.referral(screen.referral)
        case .review(let screen)?: state.dashboard.referral(screen.referral)
        case nil: state.dashboard.focus == .referrals ? state.dashboard.selectedReferral : nil
        default: nil
        }
    }

    /// Why `command` is off where the person is; nil when it works.
    static func refusal(_ command: Command, in state: AppState) -> String? {
        let role = state.worker.role
        switch command {
        case .newReferral:
            if !role.may(.createReferral) { return PermissionDenied(permission: .createReferral, role: role).description }
            guard let child = state.dashboard.selectedChild else { return "select a child first" }
            if !child.isOpen { return "this case is closed; referrals are made for open cases" }
            if state.dashboard.snapshot.services.isEmpty {
                return "the services catalogue is empty; a supervisor adds services (C, then Ctrl-N)"
            }
            return nil
        case .serviceCatalogue:
            return nil
        case .nextReferralView:
            return working(state) == nil ? nil : "the views change in the referral queue pane"
        default:
            break
        }
        guard let referral = current(in: state) else {
            return state.dashboard.queue.isEmpty ? "no referral in this view (v shows another view)" : "select a referral first"
        }
        return refusal(command, for: referral, in: state)
    }

    /// Why `command` is off for this referral; nil when it works.
    static func refusal(_ command: Command, for referral: Referral, in state: AppState) -> String? {
        let role = state.worker.role
        func step(_ step: ReferralStep) -> String? { ReferralWorkflow.refusal(step, for: referral, role: role)?.description }
        switch command {
        case .approveReferral: return step(role == .supervisor ? .overrideApprove : .approve)
        case .returnReferral: return step(.return)
        case .sendReferral: return step(.send)
        case .withdrawReferral: return step(.withdraw)
        case .updateReferralStatus:
            if !ReferralStatusForm.steps(for: referral, role: role).isEmpty { return nil }
            if referral.status.isFinal { return ReferralError.finalStatus(referral.status).description }
            if !role.may(.sendReferral) { return PermissionDenied(permission: .sendReferral, role: role).description }
            return switch referral.status {
            case .awaitingReview: "it awaits a liaison's review: a approves, x returns"
            case .readyToSend: "it is ready to send: S sends it once consent is given"
            default: "no status update is possible from \(referral.status.rawValue)"
            }
        case .recordConsent, .editReferral:
            if referral.status.isFinal { return ReferralError.finalStatus(referral.status).description }
            return role.may(.createReferral) ? nil : PermissionDenied(permission: .createReferral, role: role).description
        default:
            return nil
        }
    }

    /// A referral key on `referral`: the screen or form it opens, or a message saying why not.
    static func run(_ command: Command, on referral: Referral, in state: inout AppState) -> ScreenStep {
        if let reason = refusal(command, for: referral, in: state) {
            state.message = Availability.sentence(reason)
            return .stay
        }
        func form(_ form: any CaseForm) -> ScreenStep {
            ScreenStep(push: .form(FormScreen(id: state.takeScreenID(), form: form, context: FormUpdate.context(state))))
        }
        switch command {
        case .open:
            if reviews(referral, state) { return ScreenStep(push: .review(ReviewScreen(id: state.takeScreenID(), referral: referral))) }
            return ScreenStep(push: .referral(ReferralScreen(id: state.takeScreenID(), referral: referral.id)))
        case .approveReferral:
            if state.worker.role == .supervisor { return form(ReferralStepForm(referral: referral, kind: .override)) }
            return ScreenStep(push: .review(ReviewScreen(id: state.takeScreenID(), referral: referral)))
        case .returnReferral:
            return form(ReferralStepForm(referral: referral, kind: .giveBack))
        case .withdrawReferral:
            return form(ReferralStepForm(referral: referral, kind: .withdraw))
        case .updateReferralStatus:
            return form(ReferralStatusForm(referral: referral, steps: ReferralStatusForm.steps(for: referral, role: state.worker.role)))
        case .recordConsent:
            return form(ConsentForm(referral: referral))
        case .editReferral:
            return form(ReferralEditForm(referral: referral))
        case .sendReferral:
            let service = state.dashboard.service(referral.service)?.name ?? "the service"
            let consent = referral.consent
            let given = "Consent given by \(consent.by)\(consent.at.map { " at \(TimeText.format($0, zone: state.zone))" } ?? "")."
            let id = state.takeScreenID()
            let question = QuestionScreen(
                id: id, title: "Send?", message: ["Send the referral of \(state.name(ofChild: referral.child)) to \(service)?", given],
                yes: .run(.applyReferral(referral.id, .send), origin: id), yesLabel: "Send", noLabel: "Not now")
            return ScreenStep(push: .question(question))
        default:
            return .stay
        }
    }

    /// Whether Enter on this referral opens the review: a liaison's, while it awaits review.
    static func reviews(_ referral: Referral, _ state: AppState) -> Bool {
        state.worker.role == .liaison && referral.status == .awaitingReview
    }

    /// A referral key pressed on the dashboard (the queue pane, or `r` on a child's record).
    static func fromDashboard(_ command: Command, in state: inout AppState) -> [Effect] {
        if let reason = refusal(command, in: state) {
            state.message = Availability.sentence(reason)
            return []
        }
        switch command {
        case .newReferral:
            guard let child = state.dashboard.selectedChild else { return [] }
            state.screens.append(.servicePicker(ServicePickerScreen(id: state.takeScreenID(), purpose: .refer(child.id))))
        case .serviceCatalogue:
            state.screens.append(.servicePicker(ServicePickerScreen(id: state.takeScreenID(), purpose: .catalogue)))
        case .nextReferralView:
            state.dashboard.showReferrals(state.dashboard.referralView.next)
        case .goToChild:
            guard let referral = current(in: state) else { return [] }
            return DashboardUpdate.select(child: referral.child, in: &state)
        default:
            guard let referral = current(in: state) else { return [] }
            let step = run(command, on: referral, in: &state)
            if let push = step.push { state.screens.append(push) }
            return step.effects
        }
        return []
    }
}

/// The referral screens' part of `Update`: the picker, a referral's screen and the review.
enum ReferralScreens {
    /// Runs `command` on `screen` (taken off the stack); returns the screen to put back, if it
    /// stays, and what else to do.
    static func run(_ command: Command, on screen: Screen, in state: inout AppState) -> (Screen?, ScreenStep) {
        switch screen {
        case .servicePicker(var picker):
            let step = picker.handle(command, in: &state)
            return (step.keep ? .servicePicker(picker) : nil, step)
        case .review(var review):
            let step = review.handle(command, in: &state)
            return (step.keep ? .review(review) : nil, step)
        case .referral(var shown):
            switch command {
            case .moveUp, .moveDown, .pageUp, .pageDown:
                shown.scroll(command, rows: state.viewports.overlayRows,
                             lineCount: shown.wrapped(state, width: state.viewports.overlayWidth).count)
                return (.referral(shown), .stay)
            case .cancel:
                return (nil, .close)
            case .nextReferralView:
                state.message = Availability.sentence(ReferralActions.refusal(command, in: state) ?? "not here")
                return (screen, .stay)
            default:
                break
            }
            guard let referral = state.dashboard.referral(shown.referral) else {
                state.message = "This referral is no longer in the store."
                return (nil, .close)
            }
            switch command {
            case .goToChild:
                return (nil, ScreenStep(effects: DashboardUpdate.select(child: referral.child, in: &state), keep: false))
            case .open where !ReferralActions.reviews(referral, state):
                return (screen, .stay)
            default:
                return (screen, ReferralActions.run(command, on: referral, in: &state))
            }
        default:
            return (screen, .stay)
        }
    }

    /// A key typed into the picker's filter or the review's focused field.
    static func type(_ key: Key, on screen: Screen, in state: inout AppState) -> Screen {
        switch screen {
        case .servicePicker(var picker):
            picker.type(key, services: state.dashboard.snapshot.services)
            return .servicePicker(picker)
        case .review(var review):
            review.type(key, width: state.viewports.formFieldWidth)
            return .review(review)
        default:
            return screen
        }
    }

    /// Why a command of these screens' own contexts is off; nil when it works.
    static func refusal(_ command: Command, in state: AppState, context: KeyContext) -> String? {
        switch (context, ReferralActions.working(state)) {
        case (.picker, .servicePicker(let picker)?): picker.refusal(command, in: state)
        case (.referrals, _): ReferralActions.refusal(command, in: state)
        default: nil
        }
    }
}
