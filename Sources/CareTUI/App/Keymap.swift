import TextUI

/// Which key does what, per context. Built from the defaults and `config.toml`; conflicts within
/// one screen's chain of contexts are reported at start, in words.
public struct Keymap: Sendable {
    public private(set) var contexts: [KeyContext: KeyMap<Command>]

    public init(_ contexts: [KeyContext: KeyMap<Command>]) {
        self.contexts = contexts
    }

    public func map(_ context: KeyContext) -> KeyMap<Command> {
        contexts[context] ?? KeyMap([])
    }

    /// What `key` does on a screen with `chain`: a command from the first context that binds it,
    /// typing, or the chain's fallback.
    public func resolve(_ key: Key, in chain: KeyChain) -> KeyResolution {
        for (index, context) in chain.contexts.enumerated() {
            if let command = map(context).action(for: key) {
                if context == .global, let only = chain.globalOnly, !only.contains(command) { break }
                return .command(command, context)
            }
            if index == 0, chain.unbound == .typed, key.isTyping { return .typed }
        }
        switch chain.unbound {
        case .ignore, .typed: return .ignored
        case .run(let command): return .command(command, chain.contexts.first ?? .global)
        }
    }

    /// Keys bound to `command` in `context`, in binding order.
    public func keys(for command: Command, in context: KeyContext) -> [Key] {
        map(context).keys(for: command)
    }

    /// The context of `chain` that binds `command`, front first.
    public func context(of command: Command, in chain: KeyChain) -> KeyContext? {
        chain.contexts.first { !map($0).keys(for: command).isEmpty }
    }

    /// Rebinds `command` in `context` to exactly `keys`.
    public mutating func override(_ command: Command, in context: KeyContext, keys: [Key]) {
        var map = map(context)
        map.override(command, keys: keys)
        contexts[context] = map
    }

    /// Every key bound to two different commands where both could be reached: within one context,
    /// or between contexts of one chain (the front one would hide the other there). In words.
    public func conflicts() -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        for chain in KeyChain.all {
            var owner: [Key: (Command, KeyContext)] = [:]
            for context in chain.contexts {
                for binding in map(context).bindings {
                    // Global commands a screen does not let through cannot clash there.
                    if context == .global, let only = chain.globalOnly, !only.contains(binding.action) { continue }
                    for key in binding.keys {
                        if let (other, where_) = owner[key], other != binding.action {
                            let text = where_ == context
                                ? "Key \(key.displayName) is bound to \(other.configName) and \(binding.action.configName) in [keys.\(context.rawValue)]; the first wins."
                                : "Key \(key.displayName) is bound to \(other.configName) in [keys.\(where_.rawValue)], which hides \(binding.action.configName) of [keys.\(context.rawValue)] there."
                            if seen.insert(text).inserted { found.append(text) }
                        } else if owner[key] == nil {
                            owner[key] = (binding.action, context)
                        }
                    }
                }
            }
        }
        return found
    }
}

/// What a key does on the screen in front.
public enum KeyResolution: Equatable, Sendable {
    case command(Command, KeyContext)
    case typed
    case ignored
}

extension Key {
    /// Keys that edit text rather than command the app: characters and the editing keys.
    var isTyping: Bool {
        switch self {
        case .char, .alt, .ctrlLeft, .ctrlRight, .backspace, .delete, .left, .right, .home, .end, .enter, .up, .down: true
        case .ctrl(let c): "aeuwkdbf".contains(c)
        default: false
        }
    }
}
