import CareDomain
import Foundation

/// What the record says of a case's life, in lines: closed (by whom, over what), a request
/// waiting or sent back (with the supervisor's comment), reopened (who, when, why), and how far
/// the transition plan is.
enum LifecycleWords {
    /// The one line the record's header gives the case's state, from the caseload's summary:
    /// closed, a request waiting, or the last one sent back with its comment; nil for an open
    /// case with none of these.
    static func header(_ child: ChildSummary, dashboard: Dashboard, zone: TimeZone) -> String? {
        func name(_ id: WorkerID?) -> String { dashboard.workerName(id) ?? "a worker no longer listed" }
        if let closedOn = child.closedOn {
            return "CLOSED \(closedOn)" + (dashboard.snapshot.openEpisode(of: child.id) != nil ? " · still missing: on every missing list until located" : "")
        }
        guard let request = child.closureRequest else { return nil }
        if request.isPending {
            return "Closure requested by \(name(request.requestedBy)) (\(request.reason.words)) — waiting for a supervisor"
        }
        if let decision = request.decision, !decision.approved {
            return "Closure rejected by \(name(decision.by)) on \(TimeText.format(decision.at, zone: zone)): \(decision.comment)"
        }
        return nil
    }

    /// The one line the record gives a transfer at its top ("Transfer to OTH pending since …",
    /// "Transferred to OTH on … — read-only"); nil for a child never sent.
    static func transferHeader(_ child: Child, zone: TimeZone) -> String? {
        guard let transfer = child.transferredOut else { return nil }
        let words = transfer.words(zone: zone).capitalizedFirst
        return switch transfer.currentState {
        case .accepted: words + " — this copy is read-only"
        case .notSent, .pending: words + " — still this unit's child until \(transfer.receiver) accepts"
        case .rejected, .revoked: words + " — an open case here"
        }
    }

    static func lines(_ child: Child, dashboard: Dashboard, zone: TimeZone) -> [String] {
        func name(_ id: WorkerID?) -> String { dashboard.workerName(id) ?? "a worker no longer listed" }
        var lines: [String] = []
        if let transfer = child.transferredOut {
            let words = transfer.words(zone: zone).capitalizedFirst
            switch transfer.currentState {
            case .accepted:
                lines.append("\(words), sent by \(name(transfer.by)); consent: \(transfer.consent). This copy is read-only.")
            case .notSent, .pending:
                lines.append("\(words), sent by \(name(transfer.by)); consent: \(transfer.consent). The child stays with this unit until \(transfer.receiver) accepts.")
            case .rejected:
                lines.append("\(words). The child is an open case here.")
            case .revoked:
                lines.append("\(words) (by \(name(transfer.outcome?.recordedBy))). The child is an open case here.")
            }
        }
        if let former = child.formerCaseNumbers, !former.isEmpty {
            lines.append("Formerly " + former.map(\.description).joined(separator: ", ") + " (transferred here)")
        }
        if let closure = child.closure {
            var words = "Closed \(closure.on): \(closure.reason)"
            if closure.approvedBy != nil { words += " · asked by \(name(closure.requestedBy)), approved by \(name(closure.approvedBy))" }
            if let at = closure.at { words += " on \(TimeText.format(at, zone: zone))" }
            lines.append(words)
            if let over = closure.overReason {
                lines.append("Closed over: \((closure.overBlocks ?? []).joined(separator: "; ")) — because \(over)")
            }
            if let note = closure.note, !note.isEmpty { lines.append("Closure note: \(note)") }
            if closure.carriesPlan == true { lines.append("Closed with the transition plan below.") }
        } else if let request = child.closureRequest {
            if let decision = request.decision, !decision.approved {
                lines.append("Closure rejected by \(name(decision.by)) on \(TimeText.format(decision.at, zone: zone)): \(decision.comment)")
            } else if request.isPending {
                lines.append("Closure requested by \(name(request.requestedBy)) on \(TimeText.format(request.requestedAt, zone: zone)): "
                             + "\(request.reason.words), close on \(request.closeOn) — waiting for a supervisor")
            }
        }
        if child.closure == nil, let reopening = child.reopening {
            lines.append("Reopened by \(name(reopening.by)) on \(TimeText.format(reopening.at, zone: zone)): \(reopening.reason)"
                         + " (was closed \(reopening.closure.on): \(reopening.closure.reason))")
        }
        if let plan = child.transitionPlan {
            let undone = plan.undone
            lines.append("Transition plan: \(plan.entries.count - undone.count) of \(plan.entries.count) done"
                         + (undone.isEmpty ? "" : " · not done: " + undone.map(\.rawValue).joined(separator: ", ")))
        }
        return lines
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
