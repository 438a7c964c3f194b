import TextUI

/// A passphrase being typed: never drawn, only counted. Cleared as soon as it has been used.
///
/// It holds at most `limit` characters (no passphrase is longer; what goes past it is dropped
/// and the passphrase then fails as a wrong one), and keeps its count as it goes: counting a
/// Swift string walks it, and the lock screen counts at every frame and key.
public struct PassphraseInput: Sendable, Equatable {
    public private(set) var text = ""
    public private(set) var count = 0

    public static let limit = 1_024
    /// Said when characters past the limit were dropped (the passphrase will then be wrong).
    public static let tooLongWords = "A passphrase holds at most 1,024 characters; what went past that was not kept."

    public init() {}

    /// Returns false when a character was dropped because the passphrase is full.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard count < Self.limit else { return false }
            text.append(c)
            count += 1
        case .backspace:
            guard !text.isEmpty else { return true }
            text.removeLast()
            count -= 1
        case .ctrl("u"): clear()
        default: break
        }
        return true
    }

    /// A passphrase pasted from a password manager: one line, the line break at its end dropped.
    /// Returns false when the line was cut at the limit.
    @discardableResult
    public mutating func paste(_ pasted: String) -> Bool {
        let whole = pasted.split(whereSeparator: \.isNewline).first ?? ""
        let line = whole.prefix(Self.limit - count)
        text += line
        count += line.count
        return line.count == whole.count
    }

    /// Replaces the text with nothing. (Swift strings cannot be zeroed in place; dropping the only
    /// copy is the best this layer can do.)
    public mutating func clear() {
        text = ""
        count = 0
    }
}
