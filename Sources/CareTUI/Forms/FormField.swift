import TextUI

/// One field of a form: what it is called, what it holds (always text while being edited), and
/// the validation message shown beside it, in words.
extension FormState {
public struct Field: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text
        /// Several items, one per line: Enter adds one, Backspace on an empty one removes it,
        /// Ctrl-U clears the last one. The value holds them separated by "\n".
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
        case (.list, .enter):
            // A new item only after a non-empty one; Enter on an empty item leaves the field.
            guard let last = value.split(separator: "\n", omittingEmptySubsequences: false).last,
                  !last.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
            value.append("\n")
        case (.list, .ctrl("u")):
            if let newline = value.lastIndex(of: "\n") {
                let lastItemIsEmpty = value.index(after: newline) == value.endIndex
                value = String(value[..<(lastItemIsEmpty ? newline : value.index(after: newline))])
            } else {
                value = ""
            }
        case (.list, .char(let c)):
            value.append(c)
            value = Sanitizer.clean(value, multiline: true)
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
        value.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The lines a list field shows (the last may be the empty one being typed).
    public var lines: [String] {
        value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public var trimmed: String { value.trimmingCharacters(in: .whitespaces) }
}
}
