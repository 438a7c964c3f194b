import TextUI

/// One field of a form: what it is called, what it holds (always text while being edited), and
/// the validation message shown beside it, in words.
extension FormState {
public struct Field: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text
        /// Several items typed on one line, separated by ";".
        case list
        /// One of a fixed set of options; ←/→ or Space cycles.
        case choice([String])
        /// `YYYY-MM-DD`.
        case date
        /// `YYYY-MM-DD HH:MM`, local time.
        case dateTime
    }

    public var key: String
    public var label: String
    public var kind: Kind
    public var value: String
    public var required: Bool
    public var hint: String
    public var error: String?

    public init(_ key: String, _ label: String, kind: Kind = .text, value: String = "", required: Bool = false, hint: String = "") {
        self.key = key
        self.label = label
        self.kind = kind
        self.value = value
        self.required = required
        self.hint = hint
    }

    /// Applies a key to the value. Returns false when the key is not for the field.
    public mutating func handle(_ key: Key) -> Bool {
        switch (kind, key) {
        case (.choice(let options), .right), (.choice(let options), .char(" ")):
            cycle(options, by: 1)
        case (.choice(let options), .left):
            cycle(options, by: -1)
        case (.choice, _):
            return false
        case (_, .char(let c)):
            value.append(c)
            value = Sanitizer.clean(value)
        case (_, .backspace):
            if !value.isEmpty { value.removeLast() }
        case (_, .ctrl("u")):
            value = ""
        default:
            return false
        }
        error = nil
        return true
    }

    private mutating func cycle(_ options: [String], by step: Int) {
        guard !options.isEmpty else { return }
        let index = options.firstIndex(of: value) ?? 0
        value = options[(index + step + options.count) % options.count]
    }

    /// The items of a list field, trimmed, empty ones dropped.
    public var items: [String] {
        value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public var trimmed: String { value.trimmingCharacters(in: .whitespaces) }
}
}
