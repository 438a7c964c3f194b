import CareDomain
import Foundation
import TextUI

/// Everything that can change the state: input from the terminal, the clock, and the results of
/// effects. Every change goes through `Update.apply`, so each is testable headless.
public enum Action: Sendable {
    case key(Key)
    /// Printable characters that arrived as keys in one read, in order (`App.step` gathers
    /// them): typed as one insertion where each would be typed anyway.
    case typed(String)
    /// Text pasted in one piece: it goes whole into the field in front, never as keys.
    case paste(String)
    case resized(Size)
    /// SIGTERM, SIGHUP, SIGINT.
    case interrupted
    /// A turn of the loop with the time it is now.
    case tick(Date)

    /// The store wrote (or refused) the preview event of a child's details.
    case previewRecorded(ChildID, StoreFailure?)
    case detailLoaded(ChildID, Result<ChildDetail, StoreFailure>)
    case detailRefreshed(ChildID, Result<ChildDetail, StoreFailure>)
    case contactsLoaded(ChildID, Result<ContactPage, StoreFailure>)
    /// The answer to an effect a screen asked for, for that screen (dropped when it has closed).
    case answer(origin: Int, StoreAnswer)
    /// A command from a screen (`origin`) or a dashboard key finished: the saved records go into
    /// the caseload whoever asked, and the screen that asked is told.
    case commandFinished(origin: Int?, CaseCommand, Result<CommandOutcome, StoreFailure>)
    case changesArrived(Result<ChangeBatch, StoreFailure>)
    case patchLoaded(Result<SnapshotPatch, StoreFailure>, upTo: Int64)
    /// The unlock failed (or not); `waitSeconds` when the store refused without trying the
    /// passphrase because the account is waiting out wrong ones.
    case unlockFinished(StoreFailure?, waitSeconds: Int? = nil)
    /// The last shift's handover, for the "handover not acknowledged" alert.
    case lastHandoverLoaded(ShiftWindow, Result<HandoverState?, StoreFailure>)
    /// Another session holds the store: `effect` waits off the loop (`StoreLane`); its answer
    /// comes later, after `storeWaitEnded`. An effect sent off the loop from the start
    /// (`EffectRunner.startsOffTheLoop`: locking, unlocking, checking a passphrase, writing a
    /// handover file) comes here as it starts, and again if it then finds the store held.
    case storeWaiting(Effect)
    case storeWaitEnded
    /// A draft was kept, restored or dropped: the worker's drafts as they are now, or why not;
    /// `origin` is the form that asked to keep one (it closes once it is kept).
    case draftsChanged(origin: Int?, Result<[Draft], StoreFailure>)
    /// The pattern warnings' persons and places, their views audited, for the dashboard's alerts
    /// (police and supervisors).
    case patternAlertsLoaded(Result<InvestigationFile, StoreFailure>)
}

/// A store call that did not succeed, as `Update` needs it: a conflict to merge, or words.
public enum StoreFailure: Error, Equatable, Sendable {
    case conflict(RecordConflict)
    case refused(String)
    /// A supervisor disabled this account while the session was open: the dashboard locks.
    case accountDisabled(String)

    public init(_ error: any Error, doing action: String) {
        if let conflict = error as? RecordConflict {
            self = .conflict(conflict)
        } else if let disabled = error as? AccountDisabledWhileOpen {
            self = .accountDisabled(disabled.description)
        } else {
            self = .refused(ErrorWords.describe(error, doing: action))
        }
    }

    public var words: String {
        switch self {
        case .conflict(let conflict): "Another worker\(conflict.savedBy.map { " (\($0))" } ?? "") changed this record first."
        case .refused(let words), .accountDisabled(let words): words
        }
    }
}

/// Work `Update` asks the loop to do. Store calls happen only in `EffectRunner`, and each result
/// comes back as an `Action`.
public enum Effect: Equatable, Sendable {
    /// Audit a preview of the child's details before the pane shows more than the caseload row.
    case preview(ChildID)
    /// Open a child's record (audited as a view before it is shown).
    case loadDetail(ChildID)
    /// Read the open record again after another session changed it (no second view event).
    case refreshDetail(ChildID)
    case loadMoreContacts(ChildID, after: ContactCursor)
    case loadAuditTrail(ChildID, origin: Int)
    /// Audit a full view of a referral (a `view` event) before its screen shows it.
    case viewReferral(ReferralID, child: ChildID, origin: Int)
    /// Audit the handover screen's cards (a `view` event each) before they are shown.
    case viewHandover(ShiftWindow, children: [ChildID], origin: Int)
    /// Audit an alert about a child read whole (a `view` event) before the reader shows it.
    case viewAlert(alertID: String, child: ChildID, origin: Int)
    case perform(CaseCommand, origin: Int?)
    case pollChanges(since: Int64)
    case loadPatch(children: Set<ChildID>, catalogue: Bool, upTo: Int64)
    /// Drop the keys (the store writes the lock event).
    case lockStore
    case unlock(passphrase: String)
    /// Forget what the terminal shows and draw everything again.
    case redrawAll
    /// Read a shift's handover, the one before it, and contacts from `since` to `until`.
    case loadHandover(ShiftWindow, screen: Int, since: Date, until: Date)
    case loadLastHandover(ShiftWindow)
    case verifyPassphrase(String, screen: Int)
    /// Write a handover's text to a file (0600) and audit it as an export.
    case writeHandover(text: String, path: String, summary: String, origin: Int)
    /// Stop waiting for another session's lock (Esc); the waiting call answers that nothing
    /// was done.
    case giveUpWaiting
    /// Keep what a form holds as its draft; `origin` is the form, told when it is kept.
    case keepDraft(Draft, origin: Int?)
    /// Audit that a draft was put back into its form.
    case draftRestored(Draft)
    /// Empty a draft (discarded, or saved as its record), with the audit's words.
    case dropDraft(id: String, reason: String)
    /// Read investigation records (police, supervisor), each audited as a view before it is shown.
    case viewInvestigation(InvestigationView, origin: Int)
    /// Read the persons and places with a pattern warning (each audited as a view) for the
    /// dashboard's pattern alerts (police and supervisors).
    case loadPatternAlerts

    /// The screen the effect's answer goes back to, when a screen asked for it.
    var origin: Int? {
        switch self {
        case .perform(_, let origin): origin
        case .keepDraft(_, let origin): origin
        case .loadAuditTrail(_, let origin), .writeHandover(_, _, _, let origin), .viewReferral(_, _, let origin),
             .viewHandover(_, _, let origin), .viewInvestigation(_, let origin), .viewAlert(_, _, let origin): origin
        case .loadHandover(_, let screen, _, _), .verifyPassphrase(_, let screen): screen
        default: nil
        }
    }
}
