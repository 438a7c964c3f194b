import CareDomain
import Foundation
import TextUI

/// What the referral keys do, on the queue pane, on a referral's screen and in the review, and why
/// each is off when it is. Every refusal comes from the workflow's table (`ReferralWorkflow.refusal`)
/// or the permissions table, in their words, so a greyed key and the store say the same thing.
enum ReferralActions {
    /// The queue's keys on the key-hint line, after the dashboard's own.
    static let queueHints: [ScreenHint] = [
        .command(.approveReferral, "approve"), .command(.returnReferral, "return"), .command(.sendReferral, "send"),
        .command(.recordConsent, "consent"), .command(.updateReferralStatus, "status"), .command(.withdrawReferral, "withdraw"),
        .command(.nextReferralView, "view"),
    ]

    /// Why a new referral cannot be drafted for the selected child now; nil when it can.
    static func refusal(_ command: Command, dashboard: Dashboard, session: Session) -> String? {
        let role = session.role
        guard command == .newReferral else { return nil }
        if !role.may(.createReferral) { return PermissionDenied(permission: .createReferral, role: role).description }
        guard let child = dashboard.selectedChild else { return "select a child first" }
        if !child.isOpen { return "this case is closed; referrals are made for open cases" }
        if dashboard.snapshot.services.isEmpty {
            return "the services catalogue is empty; a supervisor adds services (C, then Ctrl-N)"
        }
        return nil
    }

    /// Why `command` is off for this referral; nil when it works.
    static func refusal(_ command: Command, for referral: Referral, role: Role) -> String? {
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
            let doing = command == .recordConsent ? "record a youth's consent to a referral" : "edit a referral"
            return role.may(.createReferral) ? nil : PermissionDenied(permission: .createReferral, role: role, doing: doing).description
        default:
            return nil
        }
    }

    /// The liaison's review shows the youth's identity, communities and the referral whole: a
    /// look, shown once its view is in the trail (`ReviewScreen.audited`), as the detail is.
    static func openReview<Context: ScreenAsking>(_ referral: Referral, _ ctx: inout Context) {
        let id = ctx.newID()
        ctx.push(ReviewScreen(id: id, referral: referral))
        ctx.ask(.viewReferral(referral.id, child: referral.child, origin: id))
    }

    /// A referral key on `referral`: the screen or form it opens, or words saying why not.
    static func run<Context: ScreenAsking>(_ command: Command, on referral: Referral, dashboard: Dashboard, session: Session, _ ctx: inout Context) {
        if let reason = refusal(command, for: referral, role: session.role) { return ctx.refuse(reason) }
        func form(_ form: any CaseForm) -> FormScreen {
            FormScreen(id: ctx.newID(), form: form, context: FormContext(session, dashboard))
        }
        switch command {
        case .open:
            if reviews(referral, role: session.role) {
                openReview(referral, &ctx)
            } else {
                // Shown once its view is in the trail (`ReferralScreen.audited`).
                let id = ctx.newID()
                ctx.push(ReferralScreen(id: id, referral: referral.id))
                ctx.ask(.viewReferral(referral.id, child: referral.child, origin: id))
            }
        case .approveReferral:
            if session.role == .supervisor {
                ctx.push(form(ReferralStepForm(referral: referral, kind: .override)))
            } else {
                openReview(referral, &ctx)
            }
        case .returnReferral: ctx.push(form(ReferralStepForm(referral: referral, kind: .giveBack)))
        case .withdrawReferral: ctx.push(form(ReferralStepForm(referral: referral, kind: .withdraw)))
        case .updateReferralStatus:
            let service = dashboard.service(referral.service)?.name ?? ""
            ctx.push(form(ReferralStatusForm(referral: referral, steps: ReferralStatusForm.steps(for: referral, role: session.role),
                                             serviceName: service)))
        case .recordConsent: ctx.push(form(ConsentForm(referral: referral, serviceName: dashboard.service(referral.service)?.name ?? "")))
        case .editReferral: ctx.push(form(ReferralEditForm(referral: referral)))
        case .sendReferral:
            let service = dashboard.service(referral.service)?.name ?? "the service"
            let consent = referral.consent
            let given = "Consent given by \(consent.by)\(consent.at.map { " at \(TimeText.format($0, zone: session.zone))" } ?? "")."
            let id = ctx.newID()
            ctx.push(QuestionScreen(
                id: id, title: "Send?", message: ["Send the referral of \(dashboard.name(ofChild: referral.child)) to \(service)?", given],
                yes: .run(.applyReferral(referral.id, .send), origin: id), yesLabel: "Send", noLabel: "Not now"))
        default:
            break
        }
    }

    /// Whether Enter on this referral opens the review: a liaison's, while it awaits review.
    static func reviews(_ referral: Referral, role: Role) -> Bool {
        role == .liaison && referral.status == .awaitingReview
    }
}

/// The `referrals` context on the dashboard: the queue pane's selected referral, its steps, the
/// views, and going to its child.
enum ReferralQueueController {
    static let hints = ReferralActions.queueHints

    static func handle(_ command: Command, dashboard: inout Dashboard, _ ctx: inout PaneContext) {
        if let reason = reason(command, dashboard: dashboard, session: ctx.session) { return ctx.refuse(reason) }
        switch command {
        case .nextReferralView:
            dashboard.showReferrals(dashboard.referralView.next)
        case .goToChild:
            guard let referral = dashboard.selectedReferral else { return }
            DashboardNavigation.select(child: referral.child, dashboard: &dashboard, &ctx)
        default:
            guard let referral = dashboard.selectedReferral else { return }
            ReferralActions.run(command, on: referral, dashboard: dashboard, session: ctx.session, &ctx)
        }
    }

    static func reason(_ command: Command, dashboard: Dashboard, session: Session) -> String? {
        if command == .nextReferralView { return nil }
        guard let referral = dashboard.selectedReferral else {
            return dashboard.queue.isEmpty ? "no referral in this view (v shows another view)" : "select a referral first"
        }
        return ReferralActions.refusal(command, for: referral, role: session.role)
    }
}
