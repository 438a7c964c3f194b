import CareDomain
import TextUI

/// The key-hint line on the referral queue and the referral screens, from the keymap.
enum ReferralHints {
    typealias Hint = HintLine.Hint

    /// On the queue pane, after the dashboard's own hints.
    static let queue = [
        Hint(command: .approveReferral, label: "approve"), Hint(command: .returnReferral, label: "return"),
        Hint(command: .sendReferral, label: "send"), Hint(command: .recordConsent, label: "consent"),
        Hint(command: .updateReferralStatus, label: "status"), Hint(command: .withdrawReferral, label: "withdraw"),
        Hint(command: .nextReferralView, label: "view"),
    ]

    static func hints(in state: AppState, chain: KeyChain) -> [KeyHint] {
        switch state.front {
        case .servicePicker?:
            var hints = [KeyHint(key: "type", label: "filter", enabled: true)]
            hints += HintLine.hintList([Hint(command: .moveDown, label: "move"), Hint(command: .open, label: "choose"),
                                        Hint(command: .newService, label: "new service"), Hint(command: .cancel, label: "close")], state, chain)
            return hints
        case .review?:
            var hints = HintLine.hintList([Hint(command: .nextField, label: "next"), Hint(command: .approveReferral, label: "approve"),
                                           Hint(command: .returnReferral, label: "return"), Hint(command: .cancel, label: "close")], state, chain)
            if case .review(let review)? = state.front, review.isAnswer(review.focus) {
                hints.insert(KeyHint(key: "y n a", label: "yes no n/a", enabled: true), at: 0)
            }
            return hints
        default:
            return HintLine.hintList([Hint(command: .moveDown, label: "scroll"), Hint(command: .cancel, label: "close")] + queue
                                     + [Hint(command: .editReferral, label: "edit"), Hint(command: .goToChild, label: "child")], state, chain)
        }
    }
}
