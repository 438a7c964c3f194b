import CNCurses
import Testing
import TextUI
@testable import CursesTerminal

@Suite("Curses key decoding")
struct CursesKeyDecoderTests {
    private func decodeCharacter(_ value: UInt32) -> CursesDecodedInput {
        CursesKeyDecoder().decode(.character(value))
    }

    private func decodeKeyCode(_ code: Int32) -> CursesDecodedInput {
        CursesKeyDecoder().decode(.keyCode(code))
    }

    @Test("printable characters, including wide and syllabic ones, are text")
    func printableCharacters() {
        #expect(decodeCharacter(0x61) == .key(.char("a")))
        #expect(decodeCharacter(0x20) == .key(.char(" ")))
        #expect(decodeCharacter(0x6F22) == .key(.char("漢")))
        #expect(decodeCharacter(0x140A) == .key(.char("ᐊ")))
        #expect(decodeCharacter(0x1F341) == .key(.char("🍁")))
    }

    @Test("control codes 1–26 are Ctrl plus a lowercase letter")
    func controlLetters() {
        #expect(decodeCharacter(1) == .key(.ctrl("a")))
        #expect(decodeCharacter(3) == .key(.ctrl("c")))
        #expect(decodeCharacter(12) == .key(.ctrl("l")))
        #expect(decodeCharacter(26) == .key(.ctrl("z")))
    }

    @Test("tab, enter, backspace and escape win over their Ctrl-letter codes")
    func namedControls() {
        #expect(decodeCharacter(9) == .key(.tab))
        #expect(decodeCharacter(10) == .key(.enter))
        #expect(decodeCharacter(13) == .key(.enter))
        #expect(decodeCharacter(8) == .key(.backspace))
        #expect(decodeCharacter(127) == .key(.backspace))
        #expect(decodeCharacter(27) == .key(.escape))
    }

    @Test("other C0 controls, C1 controls and invalid scalars are never text")
    func strayControls() {
        for value: UInt32 in [0, 28, 29, 30, 31, 0x80, 0x9B, 0x9F, 0xD800, 0x110000] {
            #expect(decodeCharacter(value) == .ignored, "value \(value)")
        }
    }

    @Test("arrow and paging key codes")
    func navigationKeyCodes() {
        #expect(decodeKeyCode(KEY_UP) == .key(.up))
        #expect(decodeKeyCode(KEY_DOWN) == .key(.down))
        #expect(decodeKeyCode(KEY_LEFT) == .key(.left))
        #expect(decodeKeyCode(KEY_RIGHT) == .key(.right))
        #expect(decodeKeyCode(KEY_PPAGE) == .key(.pageUp))
        #expect(decodeKeyCode(KEY_NPAGE) == .key(.pageDown))
    }

    @Test("Find and Select are Home and End, as some terminals send them")
    func homeAndEnd() {
        #expect(decodeKeyCode(KEY_HOME) == .key(.home))
        #expect(decodeKeyCode(KEY_FIND) == .key(.home))
        #expect(decodeKeyCode(KEY_END) == .key(.end))
        #expect(decodeKeyCode(KEY_SELECT) == .key(.end))
    }

    @Test("editing key codes")
    func editingKeyCodes() {
        #expect(decodeKeyCode(KEY_ENTER) == .key(.enter))
        #expect(decodeKeyCode(KEY_BACKSPACE) == .key(.backspace))
        #expect(decodeKeyCode(KEY_DC) == .key(.delete))
        #expect(decodeKeyCode(KEY_IC) == .key(.insert))
        #expect(decodeKeyCode(KEY_BTAB) == .key(.backTab))
    }

    @Test("function keys keep their number", arguments: [1, 2, 10, 12, 24, 63])
    func functionKeys(number: Int) {
        #expect(decodeKeyCode(care_key_f(Int32(number))) == .key(.function(number)))
    }

    @Test("a resize is reported as a resize, and unused codes are ignored")
    func resizeAndUnknown() {
        #expect(decodeKeyCode(KEY_RESIZE) == .resize)
        #expect(decodeKeyCode(KEY_MOUSE) == .ignored)
        #expect(decodeKeyCode(care_key_f(0)) == .ignored)
        #expect(decodeKeyCode(KEY_B2) == .ignored)
    }

    @Test("a key code is not mistaken for the character with the same number")
    func keyCodesAreNotCharacters() {
        // KEY_DOWN is 0o402 = 258 = "Ă" as a character.
        #expect(decodeCharacter(UInt32(KEY_DOWN)) == .key(.char("Ă")))
        #expect(decodeKeyCode(KEY_DOWN) == .key(.down))
    }

    // MARK: Ctrl-← and Ctrl-→

    /// Codes as ncurses might number them at start: above `KEY_MAX`, so no fixed code collides.
    private let xtermLike = ExtendedKeyCodes(ctrlLeft: KEY_MAX + 30, ctrlRight: KEY_MAX + 31)

    @Test("the terminal's extended codes for Ctrl-← and Ctrl-→ decode to the word keys")
    func ctrlArrows() {
        let decoder = CursesKeyDecoder(extendedKeys: xtermLike)
        #expect(decoder.decode(.keyCode(KEY_MAX + 30)) == .key(.ctrlLeft))
        #expect(decoder.decode(.keyCode(KEY_MAX + 31)) == .key(.ctrlRight))
        // Plain arrows and other keys are unchanged.
        #expect(decoder.decode(.keyCode(KEY_LEFT)) == .key(.left))
        #expect(decoder.decode(.keyCode(KEY_RIGHT)) == .key(.right))
        #expect(decoder.decode(.keyCode(KEY_MAX + 32)) == .ignored)
        // A character with the same number is still a character.
        #expect(decoder.decode(.character(UInt32(KEY_MAX + 30))) == .key(.char(Character(Unicode.Scalar(UInt32(KEY_MAX + 30))!))))
    }

    @Test("without extended codes, those key codes are ignored")
    func noExtendedCodes() {
        #expect(decodeKeyCode(KEY_MAX + 30) == .ignored)
        let onlyLeft = CursesKeyDecoder(extendedKeys: ExtendedKeyCodes(ctrlLeft: KEY_MAX + 30, ctrlRight: nil))
        #expect(onlyLeft.decode(.keyCode(KEY_MAX + 30)) == .key(.ctrlLeft))
        #expect(onlyLeft.decode(.keyCode(KEY_MAX + 31)) == .ignored)
    }
}
