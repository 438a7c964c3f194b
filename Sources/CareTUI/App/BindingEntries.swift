import CareDomain
import TextUI

/// Every command that works where the person is, with its keys, its help text and why it is off
/// now: the screen in front's contexts, then the global ones it lets through. The help overlay,
/// the command palette and the key-hint line are all built from these, so none can say a key the
/// keymap does not bind or forget why one is greyed.
public struct BindingEntry: Sendable, Equatable {
    public var keys: [Key]
    public var command: Command
    public var context: KeyContext
    public var help: String
    /// Why it cannot be used now; nil when it can.
    public var reason: String?
}

public enum BindingEntries {
    /// The entries of the screen in front (the dashboard's focused pane when none is over it).
    public static func of(_ state: AppState) -> [BindingEntry] {
        let chain = state.keyChain
        return chain.contexts.flatMap { context in
            state.keymap.map(context).bindings.compactMap { binding -> BindingEntry? in
                guard !binding.keys.isEmpty else { return nil }
                if context == .global, let only = chain.globalOnly, !only.contains(binding.action) { return nil }
                return BindingEntry(keys: binding.keys, command: binding.action, context: context, help: binding.help,
                                    reason: reason(binding.action, context: context, in: state))
            }
        }
    }

    /// Why `command` of `context` is off on the screen in front; nil when it works.
    public static func reason(_ command: Command, context: KeyContext, in state: AppState) -> String? {
        if context == .global { return GlobalCommands.reason(command, in: state) }
        if let front = state.front { return front.disabledReason(command, state.env) }
        return DashboardScreen.reason(command, context: context, dashboard: state.dashboard, session: state.session)
    }
}

/// The key-hint line: the keys that work where the person is, most useful first, with their keys
/// from the keymap (never written out by hand), greyed when unavailable.
public enum HintLine {
    public static func hints(in state: AppState) -> [KeyHint] {
        let env = state.env
        let wanted = state.front?.hints(env) ?? DashboardScreen.hints(state.dashboard, session: state.session)
        let chain = state.keyChain
        return wanted.compactMap { hint in
            switch hint {
            case .fixed(let key, let label):
                return KeyHint(key: key, label: label, enabled: true)
            case .command(let command, let label):
                guard let context = state.keymap.context(of: command, in: chain),
                      var keys = state.keymap.keys(for: command, in: context).first?.displayName else { return nil }
                if command == .moveDown, let up = state.keymap.keys(for: .moveUp, in: context).first {
                    keys = up.displayName + keys
                }
                return KeyHint(key: keys, label: label, enabled: BindingEntries.reason(command, context: context, in: state) == nil)
            }
        }
    }
}
