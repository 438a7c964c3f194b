/// One entry of a key map: the keys that trigger an action, and the help line that explains it.
///
/// The help overlay, the key-hint line and `docs/keys.md` are generated from bindings, so the
/// help text lives here, next to the keys, rather than in a separate table that could drift.
public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String

    public init(keys: [Key], action: Action, help: String = "") {
        self.keys = keys
        self.action = action
        self.help = help
    }

    public init(_ keys: Key..., action: Action, help: String = "") {
        self.init(keys: keys, action: action, help: help)
    }
}

/// Which key does what: bindings as data, so that `config.toml` can remap them and the help can
/// list them.
///
/// When two bindings claim one key, the first one wins in `action(for:)`, and `conflicts()`
/// reports the clash so the program can say so at start instead of silently ignoring a binding.
public struct KeyMap<Action: Hashable & Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>] {
        didSet { index = KeyMap.makeIndex(bindings) }
    }

    /// The first action bound to each key, for a lookup per key press.
    private var index: [Key: Action]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
        self.index = KeyMap.makeIndex(bindings)
    }

    /// The action `key` triggers, or nil when it is unbound.
    public func action(for key: Key) -> Action? {
        index[key]
    }

    /// Every key bound to `action`, in binding order, without repeats.
    public func keys(for action: Action) -> [Key] {
        var seen: Set<Key> = []
        var keys: [Key] = []
        for binding in bindings where binding.action == action {
            for key in binding.keys where seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }

    /// Rebinds `action` to exactly `keys` (a remapping from the config file), keeping its help.
    /// An action with no binding yet gets a new one. Keys that other actions also use are left
    /// to them; `conflicts()` reports the clash.
    public mutating func override(_ action: Action, keys: [Key]) {
        var updated = bindings
        if let first = updated.firstIndex(where: { $0.action == action }) {
            updated[first].keys = keys
            for i in updated.indices where i > first && updated[i].action == action {
                updated[i].keys = []
            }
        } else {
            updated.append(KeyBinding(keys: keys, action: action))
        }
        bindings = updated
    }

    /// Every key bound to two or more different actions, with those actions, in binding order.
    public func conflicts() -> [(Key, [Action])] {
        var order: [Key] = []
        var actions: [Key: [Action]] = [:]
        for binding in bindings {
            for key in binding.keys {
                if actions[key] == nil { order.append(key) }
                if !(actions[key, default: []].contains(binding.action)) {
                    actions[key, default: []].append(binding.action)
                }
            }
        }
        return order.compactMap { key in
            guard let bound = actions[key], bound.count > 1 else { return nil }
            return (key, bound)
        }
    }

    private static func makeIndex(_ bindings: [KeyBinding<Action>]) -> [Key: Action] {
        var index: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys where index[key] == nil { index[key] = binding.action }
        }
        return index
    }
}
