import CNCurses
import TextUI

/// Bracketed paste: the terminal marks pasted text with `ESC [200~` … `ESC [201~`, so a paste
/// reaches the program as one piece of text and never as keys. Without it, the line breaks in a
/// pasted note were Enter presses (next field, save) and the words after them ran as commands.
///
/// Turned on only when the terminal's description has the capabilities (`BE`, `BD`, `PS`,
/// `PE`: xterm, tmux, screen and most terminals in use); the markers are taught to ncurses as
/// keys with codes of their own, so they arrive whole whatever the timing.
@MainActor
struct BracketedPaste {
    /// The key codes ncurses returns for the start and end markers.
    let startCode: Int32
    let endCode: Int32

    /// Sets bracketed paste up for the current terminal; nil when it has no such capabilities.
    /// Call after `newterm` and `keypad`. Leaving the screen turns it off (`care_leave_screen`),
    /// on every way out, crashes included.
    static func enable() -> BracketedPaste? {
        guard let enable = capability("BE"), capability("BD") != nil,
              let start = capability("PS"), let end = capability("PE") else { return nil }
        guard let startCode = freeCode(after: 1_000), let endCode = freeCode(after: startCode) else { return nil }
        guard care_define_key(start, startCode) == OK, care_define_key(end, endCode) == OK else { return nil }
        _ = care_putp(enable)
        return BracketedPaste(startCode: startCode, endCode: endCode)
    }

    private static func capability(_ name: String) -> String? {
        guard let value = care_tigetstr(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// A key code no key uses yet, from `after + 1` on.
    private static func freeCode(after: Int32) -> Int32? {
        (after + 1...after + 200).first { care_code_is_free($0) != 0 }
    }
}

/// Collects the bytes between the paste markers and decodes them. Pure, so it is tested
/// without a terminal.
///
/// A paste is read byte by byte (`wgetch`), not character by character (`wget_wch`): on a byte
/// that is not UTF-8, ncurses' wide read gives up and drops what follows it, while here the bad
/// bytes alone are dropped and every valid character around them is kept.
struct PasteCollector: Sendable {
    /// The most bytes kept from one paste. A longer paste still arrives (just over the limit), so
    /// the program can say it is too long instead of taking part of it.
    static let limit = 4_000_000

    private(set) var isActive = false
    private var bytes: [UInt8] = []

    mutating func start() {
        isActive = true
        bytes = []
    }

    /// One byte as `wgetch` gave it.
    mutating func append(_ byte: UInt8) {
        guard bytes.count <= Self.limit else { return }
        bytes.append(byte)
    }

    /// The pasted text, as one event: UTF-8 decoded with invalid bytes dropped, and a carriage
    /// return, a line feed or the pair of them (however the terminal sent a line break) one "\n".
    mutating func finish() -> InputEvent {
        isActive = false
        defer { bytes = [] }
        return .paste(Self.decode(bytes))
    }

    static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var lastWasReturn = false
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                defer { lastWasReturn = scalar == "\r" }
                if scalar == "\n" && lastWasReturn { continue }
                scalars.append(scalar == "\r" ? "\n" : scalar)
            case .error:
                continue
            case .emptyInput:
                break decoding
            }
        }
        return String(scalars)
    }
}
