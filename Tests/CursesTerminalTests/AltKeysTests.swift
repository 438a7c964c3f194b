import Testing
import TextUI
@testable import CursesTerminal

/// Esc then a character in one read batch is how terminals send Alt plus that character.
@Suite("Alt keys from Esc sequences")
struct AltKeysTests {
    private func combine(_ keys: [Key]) -> [InputEvent] {
        CursesKeyDecoder.combineAltKeys(keys.map(InputEvent.key))
    }

    @Test("Esc followed by a character is Alt plus that character, case kept")
    func escapeThenCharacter() {
        #expect(combine([.escape, .char("b")]) == [.key(.alt("b"))])
        #expect(combine([.escape, .char("B")]) == [.key(.alt("B"))])
        #expect(combine([.escape, .char("é")]) == [.key(.alt("é"))])
        #expect(combine([.char("a"), .escape, .char("f"), .char("c")])
            == [.key(.char("a")), .key(.alt("f")), .key(.char("c"))])
    }

    @Test("a lone Esc, or one at the end of a batch, stays Esc")
    func loneEscape() {
        #expect(combine([.escape]) == [.key(.escape)])
        #expect(combine([.char("q"), .escape]) == [.key(.char("q")), .key(.escape)])
        #expect(combine([]) == [])
    }

    @Test("Esc before something that is not a character stays Esc")
    func escapeBeforeOtherKeys() {
        #expect(combine([.escape, .up]) == [.key(.escape), .key(.up)])
        #expect(combine([.escape, .enter]) == [.key(.escape), .key(.enter)])
        #expect(combine([.escape, .ctrl("w")]) == [.key(.escape), .key(.ctrl("w"))])
        #expect(CursesKeyDecoder.combineAltKeys([.key(.escape), .resize(Size(width: 80, height: 24))])
            == [.key(.escape), .resize(Size(width: 80, height: 24))])
        #expect(CursesKeyDecoder.combineAltKeys([.key(.escape), .interrupt]) == [.key(.escape), .interrupt])
    }

    @Test("two Escs then a character: the first stays Esc, the second takes the character")
    func doubleEscape() {
        #expect(combine([.escape, .escape, .char("d")]) == [.key(.escape), .key(.alt("d"))])
        #expect(combine([.escape, .escape]) == [.key(.escape), .key(.escape)])
    }

    @Test("a character takes only the one Esc before it")
    func oneCharacterPerEscape() {
        #expect(combine([.escape, .char("b"), .char("b")]) == [.key(.alt("b")), .key(.char("b"))])
    }
}
