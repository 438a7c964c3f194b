import CNCurses
import TextUI

/// What `wget_wch` hands back for one key: a character, or a key code (`KEY_CODE_YES`).
struct CursesInput: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `wget_wch` returned `OK`: the value is a Unicode scalar (or a control code).
        case character
        /// `wget_wch` returned `KEY_CODE_YES`: the value is an ncurses `KEY_*` code.
        case keyCode
    }

    var kind: Kind
    var value: UInt32

    static func character(_ value: UInt32) -> CursesInput { CursesInput(kind: .character, value: value) }
    static func keyCode(_ value: Int32) -> CursesInput { CursesInput(kind: .keyCode, value: UInt32(bitPattern: value)) }
}

/// What one input means to the frame loop.
enum CursesDecodedInput: Hashable, Sendable {
    case key(Key)
    /// `KEY_RESIZE`: ncurses has already resized `stdscr`; the terminal reads the new size.
    case resize
    /// Something the app has no use for (mouse reports, unbound keypad codes, stray controls).
    case ignored
}

/// Turns ncurses input into `Key`s. Pure, so the mapping is tested without a terminal: the only
/// state, the key codes ncurses numbers at start, is handed in.
///
/// Raw mode means Ctrl-C, Ctrl-Z and Ctrl-S arrive here as characters instead of signals.
struct CursesKeyDecoder: Sendable {
    /// The codes of Ctrl-← and Ctrl-→ on this terminal, if it has them.
    var extendedKeys: ExtendedKeyCodes

    init(extendedKeys: ExtendedKeyCodes = .none) {
        self.extendedKeys = extendedKeys
    }

    func decode(_ input: CursesInput) -> CursesDecodedInput {
        switch input.kind {
        case .character: return Self.decodeCharacter(input.value)
        case .keyCode: return decodeKeyCode(Int32(bitPattern: input.value))
        }
    }

    private static func decodeCharacter(_ value: UInt32) -> CursesDecodedInput {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26.
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60))))
        case 0..<32, 0x80..<0xA0:
            // Ctrl-@, Ctrl-\ and friends, and C1 controls: never text.
            return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }

    private func decodeKeyCode(_ code: Int32) -> CursesDecodedInput {
        // Checked first: these codes are numbered at start, above every fixed `KEY_*` code.
        if code == extendedKeys.ctrlLeft { return .key(.ctrlLeft) }
        if code == extendedKeys.ctrlRight { return .key(.ctrlRight) }
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        // Some terminals send Find/Select for the Home/End keys of the editing keypad.
        case KEY_HOME, KEY_FIND: return .key(.home)
        case KEY_END, KEY_SELECT: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE: return .resize
        case care_key_f(1)...care_key_f(63): return .key(.function(Int(code - care_key_f(0))))
        default: return .ignored
        }
    }
}
