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
        case .read:
            return dashboard.selectedAlert == nil ? "there is no alert to read" : nil
        case .editCard, .acknowledgeCard, .addCard, .removeCard, .saveHandover, .printHandover:
            guard case .handover(let screen)? = state.front else { return "open the handover first (H)" }
            return handoverReason(command, on: screen, in: state)
        case .newReferral, .serviceCatalogue:
            return ReferralActions.refusal(command, in: state)
        case .toggleHiddenAlerts:
            return dashboard.alertVisibility.hidden.isEmpty && !dashboard.showHiddenAlerts ? "no alert is acknowledged or snoozed" : nil
        default:
            return nil
        }
    }

    /// Why a handover key cannot act: the role, no card, a card already answered, a saved handover.
    static func handoverReason(_ command: Command, on screen: HandoverScreen, in state: AppState) -> String? {
        let role = state.worker.role
        switch command {
        case .editCard, .acknowledgeCard, .addCard, .removeCard, .saveHandover, .printHandover: break
        default: return nil
        }
        if command == .printHandover {
            return role.may(.export) ? nil : PermissionDenied(permission: .export, role: role).description
        }
        if !role.may(.editHandover) { return PermissionDenied(permission: .editHandover, role: role).description }
        guard let report = screen.report else { return "the handover is still loading" }
        switch command {
        case .saveHandover:
            return report.saved == nil ? nil : "this shift's handover is saved already"
        case .addCard:
            return nil
        default:
            guard let card = screen.selectedCard else { return "there is no card" }
            if command == .acknowledgeCard, card.acknowledgements.contains(where: { $0.by == state.worker.id }) {
                return "you have already acknowledged this card"
            }
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
        case .reader(let reader)?:
            if reader.searching {
                hints = [KeyHint(key: "type", label: "search", enabled: true)]
                hints += hintList([Hint(command: .keepFilter, label: "find"), Hint(command: .clearFilter, label: "clear")], state, chain)
            } else {
                hints = hintList([Hint(command: .moveDown, label: "scroll"), Hint(command: .filter, label: "search"),
                                  Hint(command: .nextMatch, label: "next match"), Hint(command: .cancel, label: "close")], state, chain)
            }
        case .handover(let screen)?:
            if screen.wall {
                hints = hintList([Hint(command: .reveal, label: state.dashboard.masked ? "show names" : "mask names"),
                                  Hint(command: .quit, label: "quit")], state, chain)
            } else {
                var list = [Hint(command: .moveDown, label: "card"), Hint(command: .acknowledgeCard, label: "acknowledge"),
                            Hint(command: .editCard, label: "edit"), Hint(command: .addCard, label: "add"),
                            Hint(command: .removeCard, label: "remove"), Hint(command: .cancel, label: "back")]
                // The rest where there is room; `?` lists them all.
                if state.screenSize.width >= 120 {
                    list.insert(contentsOf: [Hint(command: .previousShift, label: "earlier"), Hint(command: .nextShift, label: "later"),
                                             Hint(command: .saveHandover, label: "save"), Hint(command: .printHandover, label: "to a file")],
                                at: list.count - 1)
                }
                hints = hintList(list, state, chain)
            }
        case .reveal?:
            hints = [KeyHint(key: "type", label: "the passphrase", enabled: true), KeyHint(key: "Enter", label: "show names", enabled: true),
                     KeyHint(key: "Esc", label: "keep masked", enabled: true)]
        case .childPicker?:
            hints = [KeyHint(key: "type", label: "narrow the list", enabled: true), KeyHint(key: "↑↓", label: "move", enabled: true)]
            hints += hintList([Hint(command: .keepFilter, label: "add"), Hint(command: .clearFilter, label: "cancel")], state, chain)
        case .servicePicker?, .referral?, .review?:
            hints = ReferralHints.hints(in: state, chain: chain)
        case nil where state.dashboard.filterEditing:
            hints = [KeyHint(key: "type", label: "filter by name, case, community or worker", enabled: true)]
            hints += hintList([Hint(command: .keepFilter, label: "keep"), Hint(command: .clearFilter, label: "clear")], state, chain)
        case nil:
            // Help and quit come early, so they fit even at 80 columns.
            var list = [Hint(command: .focusNext, label: "next pane"), Hint(command: .moveDown, label: "move")]
            let open = Hint(command: .open, label: state.dashboard.focus == .alerts ? "go to child" : "open")
            list.append(state.dashboard.focus == .child && state.dashboard.openDetail != nil ? Hint(command: .open, label: "read") : open)
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
                list += [Hint(command: .read, label: "read"), Hint(command: .acknowledgeAlert, label: "acknowledge"),
                         Hint(command: .snoozeAlert, label: "snooze")]
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
