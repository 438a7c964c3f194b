import CareDomain
import Foundation

/// Which lifecycle form a record key opens for the selected child, and why it cannot when it
/// cannot: `c` requests closure (or, for a supervisor on a pending request, decides it), `O`
/// reopens, `t` the transition plan.
enum LifecycleForms {
    static func refusal(_ command: Command, child: ChildSummary, session: Session) -> String? {
        let role = session.role
        func denied(_ permission: Permission) -> String? {
            role.may(permission) ? nil : PermissionDenied(permission: permission, role: role).description
        }
        switch command {
        case .requestClosure:
            if !child.isOpen { return "this case is closed; O reopens it" }
            if child.closurePending { return role.may(.closeCase) ? nil : "a closure request is already waiting for a supervisor" }
            return denied(.requestClosure)
        case .reopenCase:
            return denied(.reopenCase) ?? (child.isOpen ? "this case is open; only a closed case is reopened" : nil)
        case .transitionPlan:
            if let problem = denied(.editTransitionPlan) { return problem }
            let sixteenth = child.birth.eighteenth.adding(years: TransitionPlan.fromAge - 18)
            return session.today < sixteenth ? "a transition plan is kept from \(TransitionPlan.fromAge) (\(sixteenth))" : nil
        default:
            return nil
        }
    }

    static func form(_ command: Command, child: ChildSummary, dashboard: Dashboard, session: Session) -> (any CaseForm)? {
        let snapshot = dashboard.snapshot
        let blocks = ClosureBlock.blocks(episodes: snapshot.episodes[child.id] ?? [], referrals: snapshot.referrals.filter { $0.child == child.id })
        switch command {
        case .requestClosure:
            if child.closurePending, let request = child.closureRequest {
                let requester = snapshot.workers.first { $0.id == request.requestedBy }?.displayName ?? "a worker no longer listed"
                return ClosureDecisionForm(child: child.id, request: request, blocks: blocks, requester: requester)
            }
            return ClosureRequestForm(child: child.id, reasons: snapshot.closureReasons, blocks: blocks)
        case .reopenCase: return ReopenForm(child: child.id)
        case .transitionPlan: return TransitionPlanForm(child: child.id, plan: child.transitionPlan)
        default: return nil
        }
    }
}
