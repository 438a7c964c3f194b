import CareDomain
import Foundation

/// The store's answers that belong to the session rather than to one screen: the preview audit,
/// the open record, the change feed, the unlock and the last shift's handover.
enum SessionResults {
    static func apply(_ action: Action, to state: inout AppState) -> [Effect] {
        switch action {
        case .previewRecorded(let child, let failure):
            state.preview.recorded(child, refusal: failure?.words)
        case .detailLoaded(let child, let result):
            if case .success = result { state.preview.recorded(child) }
            return Update.drivePanes(in: &state) { dashboard, ctx in RecordController.loaded(child, result, dashboard: &dashboard, &ctx) }
        case .detailRefreshed(let child, let result):
            return Update.drivePanes(in: &state) { dashboard, ctx in RecordController.refreshed(child, result, dashboard: &dashboard, &ctx) }
        case .contactsLoaded(let child, let result):
            return Update.drivePanes(in: &state) { dashboard, ctx in RecordController.contactsLoaded(child, result, dashboard: &dashboard, &ctx) }
        case .changesArrived(let result):
            return changesArrived(result, in: &state)
        case .draftsChanged(let origin, let result):
            return draftsChanged(result, origin: origin, in: &state)
        case .patchLoaded(let result, let upTo):
            switch result {
            case .success(let patch):
                state.dashboard.apply(patch, now: state.now)
                state.changeCursor = max(state.changeCursor, upTo)
                state.ownChanges = state.ownChanges.filter { $0 > upTo }
                // After the patch, so screens built from the caseload read the patched records.
                return snapshotChanged(saved: nil, in: &state)
            case .failure(let failure):
                state.message = failure.words
            }
        case .patternAlertsLoaded(let result):
            switch result {
            case .success(let file): state.dashboard.setPatternAlerts(PatternAlert.alerts(file, zone: state.zone), now: state.now)
            case .failure(let failure): state.message = failure.words
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
        case .lastHandoverLoaded(let window, let result):
            guard window == state.lastHandoverWindow else { return [] }
            switch result {
            case .success(let handover): state.dashboard.setLastHandover(handover, now: state.now)
            case .failure(let failure): state.message = failure.words
            }
        default:
            break
        }
        return []
    }

    /// Changes from the feed: those this session made are already applied; for the rest, the
    /// children they name are read again (and the open record, without a second view event).
    /// The worker's drafts as the store holds them now; the form that asked to keep one hears
    /// whether it was kept (and closes when it was). A draft not kept for a form already gone
    /// (the lock, a hang-up) can only be said.
    private static func draftsChanged(_ result: Result<[Draft], StoreFailure>, origin: Int?, in state: inout AppState) -> [Effect] {
        if case .success(let drafts) = result { state.dashboard.drafts = drafts }
        let failure: StoreFailure? = if case .failure(let failure) = result { failure } else { nil }
        if let origin, state.screens.contains(where: { $0.id == origin }) {
            return Update.deliver(.draftKept(failure), to: origin, in: &state)
        }
        if let failure { state.message = failure.words }
        return []
    }

    private static func changesArrived(_ result: Result<ChangeBatch, StoreFailure>, in state: inout AppState) -> [Effect] {
        // The feed is read every few seconds: a supervisor's disable locks an open dashboard
        // within one poll, and the passphrase no longer unlocks it.
        if case .failure(.accountDisabled(let words)) = result, state.lock == nil { return Update.engageLock(words, in: &state) }
        guard case .success(let batch) = result else { return [] }
        // Drafts are their writer's alone: another session's draft changes nothing shown here.
        let others = batch.changes.filter { !state.ownChanges.contains($0.sequence) && $0.kind != .draft }
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
        if foreign.changes.contains(where: { $0.kind == .handover || $0.kind == .handoverAcknowledgement }) {
            effects += reloadLastHandover(state)
        }
        // Another session saved a person, place, link or lead: the screens showing them and the
        // pattern alerts read them again.
        if foreign.changes.contains(where: { Self.investigationKinds.contains($0.kind) }) {
            for index in state.screens.indices {
                effects += Update.drive(index, in: &state) { screen, ctx in screen.investigationChanged(&ctx) }
            }
            effects += reloadPatternAlerts(state)
        }
        return effects
    }

    /// Tells every screen the caseload changed (`saved`: this session's command; nil: others').
    static func snapshotChanged(saved command: CaseCommand?, in state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for index in state.screens.indices {
            effects += Update.drive(index, in: &state) { screen, ctx in screen.snapshotChanged(saved: command, &ctx) }
        }
        if case .investigation = command { effects += reloadPatternAlerts(state) }
        return effects
    }

    static let investigationKinds: Set<RecordKind> = [.personOfInterest, .placeOfConcern, .investigationLink, .lead]

    /// Reads the pattern warnings again, for a role that may see them (police, supervisors).
    static func reloadPatternAlerts(_ state: AppState) -> [Effect] {
        state.session.role.may(.viewInvestigation) ? [.loadPatternAlerts] : []
    }

    /// Reads the last shift's handover again (after a save, or when a new shift began).
    static func reloadLastHandover(_ state: AppState) -> [Effect] {
        guard let window = state.lastHandoverWindow else { return [] }
        return [.loadLastHandover(window)]
    }
}
