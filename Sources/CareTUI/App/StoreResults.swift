import CareDomain
import Foundation

/// What the store's answers do to the state. A save from this session is applied to the snapshot
/// directly (no reload, no second "viewed" event); changes from other sessions arrive through the
/// change feed and only the children they name are read again.
enum StoreResults {
    static func apply(_ action: Action, to state: inout AppState) -> [Effect] {
        switch action {
        case .previewRecorded(let child, let failure):
            state.preview.recorded(child, refusal: failure?.words)
        case .detailLoaded(let child, let result):
            switch result {
            case .success(let detail) where state.dashboard.selectedRow?.id == child:
                state.preview.recorded(child)
                state.dashboard.detail = detail
                if let command = state.dashboard.formAwaitingRecord {
                    state.dashboard.formAwaitingRecord = nil
                    return DashboardUpdate.openForm(command, in: &state)
                }
            case .success:
                state.preview.recorded(child)
                state.dashboard.formAwaitingRecord = nil
            case .failure(let failure):
                state.dashboard.detail = nil
                state.dashboard.formAwaitingRecord = nil
                state.message = failure.words
            }
        case .detailRefreshed(let child, let result):
            guard state.dashboard.detail?.child.id == child else { return [] }
            switch result {
            case .success(var detail):
                // Keep the older pages already loaded while the worker scrolls.
                if let loaded = state.dashboard.detail?.contacts, loaded.contacts.count > detail.contacts.contacts.count {
                    for contact in loaded.contacts where !detail.contacts.contacts.contains(where: { $0.id == contact.id }) {
                        detail.contacts.insert(contact)
                    }
                    detail.contacts.hasMore = loaded.hasMore
                }
                state.dashboard.detail = detail
            case .failure(let failure):
                state.message = failure.words
            }
        case .contactsLoaded(let child, let result):
            guard var detail = state.dashboard.detail, detail.child.id == child else { return [] }
            switch result {
            case .success(let page):
                detail.contacts.contacts += page.contacts.filter { contact in !detail.contacts.contacts.contains { $0.id == contact.id } }
                detail.contacts.hasMore = page.hasMore
                detail.contacts.hiddenRestricted += page.hiddenRestricted
                detail.damaged += page.damaged.filter { !detail.damaged.contains($0) }
                state.dashboard.detail = detail
            case .failure(let failure):
                state.message = failure.words
            }
        case .auditTrailLoaded(let child, let result):
            guard let index = state.screens.lastIndex(where: { if case .auditTrail(let s) = $0 { s.child == child } else { false } }),
                  case .auditTrail(var trail) = state.screens[index] else { return [] }
            switch result {
            case .success(let events):
                trail.events = events
                state.screens[index] = .auditTrail(trail)
            case .failure(let failure):
                state.screens.remove(at: index)
                state.message = failure.words
            }
        case .commandFinished(let origin, let command, let result):
            return finished(command, origin: origin, result, in: &state)
        case .changesArrived(let result):
            return changesArrived(result, in: &state)
        case .patchLoaded(let result, let upTo):
            switch result {
            case .success(let patch):
                state.dashboard.apply(patch, now: state.now)
                state.changeCursor = max(state.changeCursor, upTo)
                state.ownChanges = state.ownChanges.filter { $0 > upTo }
            case .failure(let failure):
                state.message = failure.words
            }
        case .unlockFinished(let failure, let waitSeconds):
            guard var lock = state.lock else { return [] }
            if let failure {
                if let waitSeconds {
                    lock.retryAfter = state.now.addingTimeInterval(TimeInterval(waitSeconds))
                } else {
                    lock.failures += 1
                    lock.retryAfter = state.now.addingTimeInterval(LockState.delay(afterFailures: lock.failures))
                }
                lock.error = failure.words
                state.lock = lock
                return []
            }
            state.lock = nil
            state.lastInput = state.now
            return [.redrawAll, .pollChanges(since: state.changeCursor)]
        case .handoverLoaded(let screen, let window, let result):
            HandoverUpdate.loaded(screen: screen, window: window, result, in: &state)
        case .lastHandoverLoaded(let window, let result):
            guard window == state.lastHandoverWindow else { return [] }
            switch result {
            case .success(let handover): state.dashboard.setLastHandover(handover, now: state.now)
            case .failure(let failure): state.message = failure.words
            }
        case .revealFinished(let id, let failure):
            guard let index = state.screens.firstIndex(where: { $0.id == id }), case .reveal(var reveal) = state.screens[index] else { return [] }
            reveal.checked(failure, now: state.now)
            if reveal.open {
                state.screens[index] = .reveal(reveal)
            } else {
                state.screens.remove(at: index)
                state.dashboard.masked = false
                state.lastInput = state.now
            }
        case .handoverWritten(let result):
            switch result {
            case .success(let path): state.message = "Written to \(path). It holds names in plain text: keep it as paper, shred it after the shift."
            case .failure(let failure): state.message = failure.words
            }
        default:
            break
        }
        return []
    }

    /// A command finished: the form that sent it closes (or keeps its input and says why), and
    /// the saved records go into the snapshot and the open record.
    private static func finished(_ command: CaseCommand, origin: Int?, _ result: Result<CommandOutcome, StoreFailure>, in state: inout AppState) -> [Effect] {
        if let origin, let index = state.screens.firstIndex(where: { $0.id == origin }), case .form(var form) = state.screens[index] {
            if FormUpdate.finished(result, form: &form, in: &state) {
                state.screens[index] = .form(form)
            } else {
                state.screens.remove(at: index)
            }
        } else if let origin, let index = state.screens.firstIndex(where: { $0.id == origin }), case .review(var review) = state.screens[index] {
            if review.finished(result, in: &state) {
                state.screens[index] = .review(review)
            } else {
                state.screens.remove(at: index)
            }
        } else if case .failure(let failure) = result {
            state.message = failure.words
        }
        guard case .success(let outcome) = result else { return [] }
        for change in outcome.changes { state.ownChanges.insert(change.sequence) }
        state.dashboard.apply(saved: outcome.saved, now: state.now)
        if case .saveHandover = command {
            state.message = "Saved: \(outcome.summary)."
            return HandoverUpdate.reloadOpenScreens(state) + HandoverUpdate.reloadLastHandover(state)
        }
        if case .acknowledgeHandoverEntry = command {
            state.message = "Saved: \(outcome.summary)."
            return HandoverUpdate.reloadOpenScreens(state) + HandoverUpdate.reloadLastHandover(state)
        }
        if case .createChild = command, let child = outcome.record?.childID {
            state.dashboard.applyQuery(keeping: child)
            if state.dashboard.selectedRow?.id != child {
                state.message = "Saved: \(command.label). The filter hides the new child; Esc clears it."
                return []
            }
        }
        state.message = "Saved: \(outcome.summary)."
        return []
    }

    /// Changes from the feed: those this session made are already applied; for the rest, the
    /// children they name are read again (and the open record, without a second view event).
    private static func changesArrived(_ result: Result<ChangeBatch, StoreFailure>, in state: inout AppState) -> [Effect] {
        guard case .success(let batch) = result else { return [] }
        let others = batch.changes.filter { !state.ownChanges.contains($0.sequence) }
        guard !others.isEmpty else {
            state.changeCursor = max(state.changeCursor, batch.cursor)
            state.ownChanges = state.ownChanges.filter { $0 > batch.cursor }
            return []
        }
        let foreign = ChangeBatch(changes: others, cursor: batch.cursor)
        var effects: [Effect] = [.loadPatch(children: foreign.children, catalogue: foreign.touchesCatalogue, upTo: batch.cursor)]
        if let open = state.dashboard.detail?.child.id, foreign.children.contains(open) {
            effects.append(.refreshDetail(open))
        }
        // After the patch, so the handover's cards are built from the patched records.
        effects += HandoverUpdate.reloadOpenScreens(state)
        if foreign.changes.contains(where: { $0.kind == .handover || $0.kind == .handoverAcknowledgement }) {
            effects += HandoverUpdate.reloadLastHandover(state)
        }
        return effects
    }
}
