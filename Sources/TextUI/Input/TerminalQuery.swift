/// A question the program asks the terminal (`Terminal.ask`). The answer arrives later, among
/// the keys, as an `InputEvent.reply`; it is never read as typing, however late it comes.
public enum TerminalQuery: Hashable, Sendable {
    /// OSC 11: the background colour, to pick a theme that reads on it. Terminals that do not
    /// know it (tmux, screen and mosh among them) stay silent.
    case background
    /// DSR 6: where the cursor is. Every terminal answers it, multiplexers on the host included,
    /// so no answer for minutes means the link to the person is gone.
    case cursorPosition

    /// The bytes sent. OSC 11 ends with ST (ESC \), which terminals echo in their answer.
    public var sequence: String {
        switch self {
        case .background: "\u{1B}]11;?\u{1B}\\"
        case .cursorPosition: "\u{1B}[6n"
        }
    }
}

/// A terminal's answer to a `TerminalQuery`, or to the device-attributes request some programs
/// send: recognised whole by `TerminalReplyScanner`, whenever it arrives.
public enum TerminalReply: Hashable, Sendable {
    /// OSC 11's answer: the background is light or dark.
    case background(TerminalBackground)
    /// DSR 6's answer (`ESC [ row ; column R`), 1-based.
    case cursorPosition(row: Int, column: Int)
    /// DA1's answer (`ESC [ ? … c`).
    case deviceAttributes
}
