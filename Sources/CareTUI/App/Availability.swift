import CareDomain
import TextUI

/// Why a command cannot be used now, in words; nil when it can. The help overlay and the key-hint
/// line grey out what is unavailable and say why, and pressing the key says the same.
public enum Availability {
    public static func reason(_ command: Command, in state: AppState, context: KeyContext? = nil) -> String? {
        if let context, [.referrals, .referral, .review, .picker].contains(context) {
            return ReferralScreens.refusal(command, in: state, context: context)
        }
        let dashboard = state.dashboard
        let role = state.worker.role
        switch command {
        case .open:
            switch dashboard.focus {
            case .caseload, .child: return dashboard.rows.isEmpty ? "no child is listed" : nil
            case .referrals: return dashboard.queue.isEmpty ? "the queue is empty" : nil
            case .alerts: return dashboard.alerts.isEmpty ? "there are no alerts" : nil
            }
        case .clearFilter where context != .filter:
            return dashboard.query.text.isEmpty && !dashboard.filterEditing ? "no filter is set" : nil
        case .newChild, .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile,
             .addFlag, .removeFlag, .acknowledgeAlert, .snoozeAlert:
            return FormLauncher.refusal(command, in: state)
        case .childAudit:
            if !role.may(.readAudit) { return PermissionDenied(permission: .readAudit, role: role).description }
            return dashboard.selectedRow == nil ? "select a child first" : nil
        case .newReferral, .serviceCatalogue:
            return ReferralActions.refusal(command, in: state)
        case .toggleHiddenAlerts:
            return dashboard.alertVisibility.hidden.isEmpty && !dashboard.showHiddenAlerts ? "no alert is acknowledged or snoozed" : nil
        default:
            return nil
        }
    }

    /// The reason as a sentence for the message line.
    static func sentence(_ reason: String) -> String {
        reason.prefix(1).uppercased() + reason.dropFirst() + (reason.hasSuffix(".") ? "" : ".")
    }
}

/// The key-hint line: the keys that work where the person is, most useful first, with their keys
/// from the keymap (never written out by hand), greyed when unavailable.
public enum HintLine {
    struct Hint: Sendable {
        var command: Command
        var label: String
    }

    public static func hints(in state: AppState) -> [KeyHint] {
        let chain = state.keyChain
        var hints: [KeyHint] = []
        switch state.front {
        case .form?:
            hints = hintList([Hint(command: .nextField, label: "next field"), Hint(command: .save, label: "save"),
                              Hint(command: .cancel, label: "cancel")], state, chain)
            if case .form(let form)? = state.front, form.focusedField?.kind == .note {
                hints.insert(KeyHint(key: "Enter", label: "new line", enabled: true), at: 1)
            }
        case .help?, .auditTrail?:
            hints = hintList([Hint(command: .moveDown, label: "scroll")], state, chain)
            hints.append(KeyHint(key: "any other key", label: "closes", enabled: true))
        case .question?:
            hints = hintList([Hint(command: .answerYes, label: "yes"), Hint(command: .answerNo, label: "no")], state, chain)
        case .servicePicker?, .referral?, .review?:
            hints = ReferralHints.hints(in: state, chain: chain)
        case nil where state.dashboard.filterEditing:
            hints = [KeyHint(key: "type", label: "filter by name, case, community or worker", enabled: true)]
            hints += hintList([Hint(command: .keepFilter, label: "keep"), Hint(command: .clearFilter, label: "clear")], state, chain)
        case nil:
            // Help and quit come early, so they fit even at 80 columns.
            var list = [Hint(command: .focusNext, label: "next pane"), Hint(command: .moveDown, label: "move")]
            let open = Hint(command: .open, label: state.dashboard.focus == .alerts ? "go to child" : "open")
            if state.dashboard.focus != .child { list.append(open) }
            list += [Hint(command: .help, label: "help"), Hint(command: .quit, label: "quit")]
            switch state.dashboard.focus {
            case .caseload:
                list += [Hint(command: .filter, label: "filter"), Hint(command: .cycleSort, label: "sort"),
                         Hint(command: .newNote, label: "note"), Hint(command: .missing, label: "missing"),
                         Hint(command: .newChild, label: "new child")]
            case .child:
                list += [Hint(command: .newNote, label: "note"), Hint(command: .missing, label: "missing"),
                         Hint(command: .addIndicator, label: "indicator"), Hint(command: .safetyPlan, label: "plan"),
                         Hint(command: .editProfile, label: "edit"), Hint(command: .addFlag, label: "flag")]
            case .referrals:
                list += ReferralHints.queue
            case .alerts:
                list += [Hint(command: .acknowledgeAlert, label: "acknowledge"), Hint(command: .snoozeAlert, label: "snooze")]
            }
            list += [Hint(command: .toggleMask, label: "mask"), Hint(command: .lock, label: "lock")]
            hints = hintList(list, state, chain)
        }
        return hints
    }

    static func hintList(_ list: [Hint], _ state: AppState, _ chain: KeyChain) -> [KeyHint] {
        list.compactMap { hint in
            guard let context = state.keymap.context(of: hint.command, in: chain),
                  var keys = state.keymap.keys(for: hint.command, in: context).first?.displayName else { return nil }
            if hint.command == .moveDown, let up = state.keymap.keys(for: .moveUp, in: context).first {
                keys = up.displayName + keys
            }
            return KeyHint(key: keys, label: hint.label, enabled: Availability.reason(hint.command, in: state, context: context) == nil)
        }
    }
}
