import CareDomain
import Foundation

/// The one place the app calls the store. Each effect's result comes back as an `Action`, so what
/// the store answered changes the state through `Update` like everything else.
///
/// Not tied to the main actor: `StoreLane` runs it on the loop's thread when the store answers
/// at once, and on a thread of its own while another session holds the store.
struct EffectRunner: Sendable {
    let store: any CaseStore
    let contactPageSize: Int

    /// Raised, instead of an answer, by a `failFast` run that found another session holding the
    /// store: nothing was written, and the effect can be run again where it may wait.
    struct LockHeld: Error {}

    /// Whether `effect` may be run once without waiting and then again to wait off the loop: it
    /// is one store call, or reads, so a first try refused for the lock changed nothing.
    static func mayWaitOffTheLoop(_ effect: Effect) -> Bool {
        switch effect {
        case .preview, .loadDetail, .refreshDetail, .loadMoreContacts, .loadAuditTrail, .viewReferral, .viewHandover, .viewAlert, .perform, .pollChanges, .loadPatch,
             .loadHandover, .loadLastHandover, .keepDraft, .draftRestored, .dropDraft, .viewInvestigation, .loadPatternAlerts:
            true
        case .lockStore, .unlock, .redrawAll, .verifyPassphrase, .writeHandover, .giveUpWaiting:
            false
        }
    }

    /// Whether `effect` goes off the loop from the start, on a store shared with other
    /// processes: a first try refused for the lock would not have changed nothing (locking drops
    /// the keys whatever its event's write did; unlocking and checking a passphrase derive the
    /// key first, and note a wrong one; a handover file is made before its export is audited),
    /// and the key derivation is itself too slow for the loop. They used to wait on the loop, up
    /// to 5 s with the screen still, while another session held the store.
    static func startsOffTheLoop(_ effect: Effect) -> Bool {
        switch effect {
        case .lockStore, .unlock, .verifyPassphrase, .writeHandover: true
        default: false
        }
    }

    /// Runs `effect`. With `failFast`, a store held by another session throws `LockHeld` rather
    /// than coming back as a failure in words.
    func run(_ effect: Effect, failFast: Bool = false) throws(LockHeld) -> Action? {
        switch effect {
        case .preview(let child):
            do {
                try store.preview(of: child)
                return .previewRecorded(child, nil)
            } catch {
                return .previewRecorded(child, try failure(error, doing: "show this child's details", failFast))
            }
        case .loadDetail(let child):
            return .detailLoaded(child, try attempt("open this record", failFast) { try store.loadDetail(of: child, contactLimit: contactPageSize) })
        case .refreshDetail(let child):
            return .detailRefreshed(child, try attempt("refresh this record", failFast) { try store.refreshDetail(of: child, contactLimit: contactPageSize) })
        case .loadMoreContacts(let child, let cursor):
            return .contactsLoaded(child, try attempt("load older contacts", failFast) {
                try store.loadContacts(of: child, after: cursor, limit: contactPageSize)
            })
        case .loadAuditTrail(let child, let origin):
            return .answer(origin: origin, .auditTrail(try attempt("read the audit trail", failFast) { try store.auditTrail(of: child) }))
        case .viewHandover(let window, let children, let origin):
            return .answer(origin: origin, .handoverViewed(window, try attempt("show the handover", failFast) {
                try store.viewHandover(children: children, shift: window.longLabel)
            }))
        case .viewReferral(let referral, let child, let origin):
            return .answer(origin: origin, .referralViewed(try attempt("show this referral", failFast) { try store.viewReferral(referral, of: child) }))
        case .viewInvestigation(let view, let origin):
            return .answer(origin: origin, .investigation(view, try attempt("show investigation records", failFast) {
                guard let investigations = store as? any CaseInvestigations else { throw InvestigationsNotKept() }
                return try investigations.investigation(view)
            }))
        case .loadPatternAlerts:
            return .patternAlertsLoaded(try attempt("show the pattern alerts", failFast) {
                // A store that keeps no investigation records has no pattern to warn of.
                guard let investigations = store as? any CaseInvestigations else { return InvestigationFile() }
                return try investigations.investigation(.warnings)
            })
        case .viewAlert(let alertID, let child, let origin):
            return .answer(origin: origin, .alertViewed(try attempt("show this alert", failFast) { try store.viewAlert(alertID, of: child) }))
        case .perform(let command, let origin):
            return .commandFinished(origin: origin, command, try attempt("save", failFast) { try store.perform(command) })
        case .pollChanges(let cursor):
            return .changesArrived(try attempt("read other sessions' changes", failFast) { try store.changes(since: cursor) })
        case .loadPatch(let children, let catalogue, let upTo):
            return .patchLoaded(try attempt("refresh the caseload", failFast) { try store.loadPatch(children: children, catalogue: catalogue) }, upTo: upTo)
        case .lockStore:
            store.lock()
            return nil
        case .unlock(let passphrase):
            do {
                try store.unlock(passphrase: passphrase)
                return .unlockFinished(nil)
            } catch {
                // Refused for another session's lock (or given up): the passphrase was not
                // refused, so no wait is added before the next try.
                let notTried = (error as? any LockRefusal)?.isLockRefusal == true ? 0 : nil
                return .unlockFinished(StoreFailure(error, doing: "unlock"), waitSeconds: notTried ?? (error as? any SignInRefusal)?.signInWait)
            }
        case .redrawAll, .giveUpWaiting:
            return nil
        case .keepDraft(let draft, let origin):
            return .draftsChanged(origin: origin, try attempt("keep the draft", failFast) {
                try store.keepDraft(draft)
                return try store.drafts()
            })
        case .draftRestored(let draft):
            return .draftsChanged(origin: nil, try attempt("note the restored draft", failFast) {
                try store.noteDraftRestored(draft)
                return try store.drafts()
            })
        case .dropDraft(let id, let reason):
            return .draftsChanged(origin: nil, try attempt("discard the draft", failFast) {
                try store.dropDraft(id: id, reason: reason)
                return try store.drafts()
            })
        case .loadHandover(let window, let screen, let since, let until):
            return .answer(origin: screen, .handover(window, try attempt("read the handover", failFast) {
                HandoverData(saved: try store.loadHandover(window.handoverID),
                             previous: try store.loadHandover(window.previous.handoverID)?.handover,
                             contacts: try store.contactStamps(from: since, to: until))
            }))
        case .loadLastHandover(let window):
            return .lastHandoverLoaded(window, try attempt("read the last handover", failFast) { try store.loadHandover(window.handoverID) })
        case .verifyPassphrase(let passphrase, let screen):
            do {
                try store.verifyPassphrase(passphrase, purpose: "show names on the wall screen")
                return .answer(origin: screen, .passphraseChecked(nil))
            } catch {
                return .answer(origin: screen, .passphraseChecked(StoreFailure(error, doing: "check the passphrase")))
            }
        case .writeHandover(let text, let path, let summary, let origin):
            return .answer(origin: origin, .written(try attempt("write the handover", false) {
                try HandoverFile.write(text, to: path) { try store.recordExport(summary) }
                return path
            }))
        }
    }

    private func attempt<T>(_ doing: String, _ failFast: Bool, _ body: () throws -> T) throws(LockHeld) -> Result<T, StoreFailure> {
        do {
            return .success(try body())
        } catch {
            return .failure(try failure(error, doing: doing, failFast))
        }
    }

    private func failure(_ error: any Error, doing: String, _ failFast: Bool) throws(LockHeld) -> StoreFailure {
        if failFast, (error as? any LockRefusal)?.isLockRefusal == true { throw LockHeld() }
        return StoreFailure(error, doing: doing)
    }
}

/// A store that keeps no investigation records (the port's `CaseInvestigations` part).
struct InvestigationsNotKept: ErrorInWords {
    var description: String { "This store does not keep persons of interest or places of concern." }
}
