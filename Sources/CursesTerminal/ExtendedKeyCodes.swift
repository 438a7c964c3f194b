import CNCurses

/// Key codes that ncurses hands out only when a program starts: keys terminfo describes as
/// extended capabilities, such as Ctrl-← (`kLFT5`, sent by xterm-like terminals as `ESC [1;5D`).
///
/// Unlike `KEY_LEFT`, these have no fixed number: ncurses numbers them above `KEY_MAX` as it reads
/// the terminal's description, so they are looked up once after `keypad` and passed to the
/// decoder, which stays pure.
struct ExtendedKeyCodes: Hashable, Sendable {
    /// The code for Ctrl-←, when the terminal has one.
    var ctrlLeft: Int32?
    /// The code for Ctrl-→, when the terminal has one.
    var ctrlRight: Int32?

    /// No extended keys: what a terminal without these capabilities, or a test, has.
    static let none = ExtendedKeyCodes()

    /// The codes ncurses gave the current terminal's keys. Call after `newterm` and `keypad`.
    @MainActor
    static func lookUp() -> ExtendedKeyCodes {
        ExtendedKeyCodes(ctrlLeft: code(for: "kLFT5"), ctrlRight: code(for: "kRIT5"))
    }

    private static func code(for capability: String) -> Int32? {
        let code = care_extended_key_code(capability)
        return code > 0 ? code : nil
    }
}
