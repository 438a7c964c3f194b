import CareDomain
import Foundation

/// A command finished. Whoever asked, the saved records go into the caseload (no reload, no
/// second "viewed" event); then the screen that sent it hears the answer (a form closes, or keeps
/// every word and says why), and every open screen hears that the caseload changed.
enum SaveResults {
    static func finished(_ command: CaseCommand, origin: Int?, _ result: Result<CommandOutcome, StoreFailure>,
                         in state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if case .success(let outcome) = result {
            for change in outcome.changes { state.ownChanges.insert(change.sequence) }
            state.dashboard.apply(saved: outcome.saved, now: state.now)
            state.message = "Saved: \(outcome.summary)."
            if case .createChild = command, let child = outcome.record?.childID {
                state.dashboard.applyQuery(keeping: child)
                if state.dashboard.selectedRow?.id != child {
                    state.message = "Saved: \(command.label). The filter hides the new child; Esc clears it."
                }
            }
            if command.touchesHandover { effects += SessionResults.reloadLastHandover(state) }
        } else if case .failure(let failure) = result {
            state.message = failure.words
        }
        if let origin { effects += Update.deliver(.saved(command, result), to: origin, in: &state) }
        if case .success = result { effects += SessionResults.snapshotChanged(saved: command, in: &state) }
        return effects
    }
}

extension CaseCommand {
    /// Whether the command saves a handover or its acknowledgement (the last shift's alert reads it).
    var touchesHandover: Bool {
        switch self {
        case .saveHandover, .acknowledgeHandoverEntry: true
        default: false
        }
    }
}
