import CareDomain
import Foundation

/// The store's answer to an effect a screen asked for, routed back to that screen by its id
/// (`Action.answer`). A screen closed before its answer came is not there to take it, and the
/// answer is dropped.
public enum StoreAnswer: Sendable {
    /// A command the screen sent finished (saved, or refused in words, or a conflict to merge).
    case saved(CaseCommand, Result<CommandOutcome, StoreFailure>)
    /// The call waits off the loop for another session's lock; its answer comes later.
    case waiting
    case auditTrail(Result<[AuditEvent], StoreFailure>)
    /// The `view` event of a referral shown in full was written (or not, in words).
    case referralViewed(Result<Void, StoreFailure>)
    /// The `view` events of a handover's cards were written (or not, in words).
    case handoverViewed(ShiftWindow, Result<Void, StoreFailure>)
    /// The `view` event of an alert read whole was written (or not, in words).
    case alertViewed(Result<Void, StoreFailure>)
    case handover(ShiftWindow, Result<HandoverData, StoreFailure>)
    /// A passphrase check (nil: right).
    case passphraseChecked(StoreFailure?)
    /// A file written, with the words of where, or why not.
    case written(Result<String, StoreFailure>)
    /// The form's draft was kept in the store (nil), or not, with why.
    case draftKept(StoreFailure?)
    /// Investigation records, their views audited (`Effect.viewInvestigation`).
    case investigation(InvestigationView, Result<InvestigationFile, StoreFailure>)

    /// The words of a failure, for screens that only say it.
    public var failureWords: String? {
        switch self {
        case .saved(_, .failure(let failure)), .auditTrail(.failure(let failure)), .handover(_, .failure(let failure)),
             .referralViewed(.failure(let failure)), .handoverViewed(_, .failure(let failure)), .alertViewed(.failure(let failure)),
             .written(.failure(let failure)), .investigation(_, .failure(let failure)):
            failure.words
        case .passphraseChecked(let failure?), .draftKept(let failure?):
            failure.words
        default:
            nil
        }
    }
}
