import CareDomain
import Foundation

/// Work `update` asks the frame loop to do; the only place the store is called.
public enum Effect: Equatable, Sendable {
    /// Load a child's full record (audited as a view before it is shown).
    case openDetail(ChildID)
    /// Forget what the terminal shows and draw everything again.
    case redrawAll
    /// Lock the screen and drop the key.
    case lock
    /// Load the next (older) page of the open record's contacts.
    case loadMoreContacts(ChildID, before: Date)
    /// Load a child's audit trail into the overlay.
    case openAudit(ChildID)
    /// Save a record from a form (with its version); a conflict comes back to the form.
    case save(Submission)
}
