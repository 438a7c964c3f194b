import TextUI

/// A passphrase being typed: never drawn, only counted. Cleared as soon as it has been used.
public struct PassphraseInput: Sendable, Equatable {
    public private(set) var text = ""

    public init() {}

    public var count: Int { text.count }

    public mutating func handle(_ key: Key) {
        switch key {
        case .char(let c): text.append(c)
        case .backspace: if !text.isEmpty { text.removeLast() }
        case .ctrl("u"): clear()
        default: break
        }
    }

    /// A passphrase pasted from a password manager: one line, the line break at its end dropped.
    public mutating func paste(_ pasted: String) {
        text += pasted.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }

    /// Replaces the text with nothing. (Swift strings cannot be zeroed in place; dropping the only
    /// copy is the best this layer can do.)
    public mutating func clear() {
        text = ""
    }
}
