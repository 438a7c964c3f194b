import Foundation

/// Who may write a handover and who acknowledges it (DOMAIN.md "Shift handover"): the outgoing
/// shift's workers and supervisors save or edit it, the incoming worker acknowledges it, and
/// nobody acknowledges their own card. Police read it. Used by the store (to refuse) and the
/// handover screen (to say why a key does nothing), so both give the same words.
public enum HandoverAuthorship {
    /// Why `actor` may not save this handover now, or nil when they may. `stored` is the saved
    /// handover, nil when there is none yet: then its shift must still be on (a supervisor may
    /// write it later).
    public static func saveRefusal(stored: Handover?, shiftEnd: Date, actor: Worker, now: Date) -> String? {
        guard actor.role.may(.editHandover) else { return PermissionDenied(permission: .editHandover, role: actor.role).description }
        if actor.role == .supervisor { return nil }
        if let stored {
            return stored.outgoing.contains(actor.id)
                ? nil : "Only the outgoing shift's workers or a supervisor change a saved handover; you acknowledge its cards."
        }
        return now < shiftEnd ? nil : "This shift is over: only a supervisor can write its handover now."
    }

    /// Why `actor` may not acknowledge a card of `handover`, or nil when they may.
    public static func acknowledgeRefusal(_ handover: Handover, actor: Worker) -> String? {
        guard actor.role.may(.editHandover) else { return PermissionDenied(permission: .editHandover, role: actor.role).description }
        return handover.outgoing.contains(actor.id) ? "You wrote this handover: the incoming worker acknowledges its cards." : nil
    }
}
