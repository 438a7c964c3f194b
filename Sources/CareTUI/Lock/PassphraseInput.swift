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

    public init() {}

    public mutating func handle(_ key: Key) {
        switch key {
        case .char(let c):
            guard count < Self.limit else { return }
            text.append(c)
            count += 1
        case .backspace:
            guard !text.isEmpty else { return }
            text.removeLast()
            count -= 1
        case .ctrl("u"): clear()
        default: break
        }
    }

    /// A passphrase pasted from a password manager: one line, the line break at its end dropped.
    public mutating func paste(_ pasted: String) {
        let line = pasted.split(whereSeparator: \.isNewline).first.map { $0.prefix(Self.limit - count) } ?? ""
        text += line
        count += line.count
    }

    /// Replaces the text with nothing. (Swift strings cannot be zeroed in place; dropping the only
    /// copy is the best this layer can do.)
    public mutating func clear() {
        text = ""
        count = 0
    }
}
