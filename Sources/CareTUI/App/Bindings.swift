import CareDomain
import TextUI

/// A binding as it stands right now: its keys from the key map, what it does, and, when it
/// cannot be used here, why. The key-hint line, the help overlay and `docs/keys.md` all come from
/// this, so the text on screen can never disagree with what the keys do.
public struct ActiveBinding: Sendable, Equatable {
    public var action: AppAction
    public var keys: [Key]
    public var help: String
    public var disabledReason: String?

    public var keyText: String { keys.map(\.displayName).joined(separator: "/") }
}

public enum Bindings {
    /// Every binding, in key-map order, with the reason it is disabled in this state, if it is.
    public static func all(in state: AppState, keyMap: KeyMap<AppAction>) -> [ActiveBinding] {
        keyMap.bindings.map { binding in
            ActiveBinding(
                action: binding.action, keys: keyMap.keys(for: binding.action), help: binding.help,
                disabledReason: disabledReason(binding.action, in: state)
            )
        }
    }

    /// Why an action cannot be used now, in words; nil when it can.
    public static func disabledReason(_ action: AppAction, in state: AppState) -> String? {
        switch action {
        case .open:
            switch state.focus {
            case .caseload, .child: return state.rows.isEmpty ? "no child is listed" : nil
            case .referrals: return state.queue.isEmpty ? "the queue is empty" : nil
            case .alerts: return state.alerts.isEmpty ? "there are no alerts" : nil
            }
        case .clearFilter:
            return state.query.text.isEmpty && !state.filterEditing ? "no filter is set" : nil
        case .newChild, .newNote, .missing, .debrief, .addIndicator, .resolveIndicator, .safetyPlan, .editProfile, .addFlag, .removeFlag:
            return FormUpdate.refusal(action, in: state)
        case .childAudit:
            if !state.worker.role.may(.readAudit) { return PermissionDenied(permission: .readAudit, role: state.worker.role).description }
            return state.selectedRow == nil ? "select a child first" : nil
        default:
            return nil
        }
    }

    /// The actions the key-hint line offers in the focused pane, most useful first.
    static func hintActions(for pane: PaneID) -> [(AppAction, String)] {
        var list: [(AppAction, String)] = [(.focusNext, "next pane"), (.moveDown, "move"), (.open, "open"), (.help, "help"), (.quit, "quit")]
        switch pane {
        case .caseload: list += [(.filter, "filter"), (.cycleSort, "sort"), (.newNote, "note"), (.missing, "missing"), (.newChild, "new child")]
        case .child:
            list += [(.newNote, "note"), (.missing, "missing"), (.addIndicator, "indicator"), (.safetyPlan, "plan"),
                     (.editProfile, "edit"), (.addFlag, "flag")]
        case .referrals, .alerts: break
        }
        list += [(.toggleMask, "mask"), (.lock, "lock")]
        return list
    }

    /// The key-hint line for the current state, from the key map (never hard-coded key names).
    public static func hints(in state: AppState, keyMap: KeyMap<AppAction>) -> [KeyHint] {
        if state.showingHelp {
            return [hint(.moveDown, "scroll", state, keyMap), KeyHint(key: "any other key", label: "close help", enabled: true)]
        }
        if state.form != nil {
            return [
                KeyHint(key: Key.tab.displayName, label: "next field", enabled: true),
                KeyHint(key: Key.ctrl("s").displayName, label: "save", enabled: true),
                KeyHint(key: Key.escape.displayName, label: "cancel", enabled: true),
            ]
        }
        if state.filterEditing {
            return [
                KeyHint(key: "type", label: "filter by name, case, community or worker", enabled: true),
                KeyHint(key: Key.enter.displayName, label: "keep", enabled: true),
                KeyHint(key: Key.escape.displayName, label: "clear", enabled: true),
            ]
        }
        return hintActions(for: state.focus).map { hint($0.0, $0.1, state, keyMap) }
    }

    private static func hint(_ action: AppAction, _ label: String, _ state: AppState, _ keyMap: KeyMap<AppAction>) -> KeyHint {
        var keys = keyMap.keys(for: action).first?.displayName ?? "?"
        if action == .moveDown, let up = keyMap.keys(for: .moveUp).first {
            keys = up.displayName + keys
        }
        return KeyHint(key: keys, label: label, enabled: disabledReason(action, in: state) == nil)
    }
}
