import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import CursesTerminal

/// `wcwidth` answers by the C locale's character set, as ncurses does; these tests set the
/// UTF-8 locale `CursesTerminal` itself sets.
/// Serialized because `setlocale` is not safe to call from several threads at once.
@Suite("Graphemes as ncurses cells", .serialized)
struct CursesGlyphTests {
    init() {
        UTF8Locale.activate()
    }

    private func scalars(_ symbol: String) -> [UInt32] {
        CursesGlyph.wideCharacters(for: symbol).characters.map { UInt32(bitPattern: $0) }
    }

    @Test("the locale in force is UTF-8 after activation")
    func localeIsUTF8() {
        #expect(UTF8Locale.isUTF8)
    }

    @Test("narrow and wide characters keep their width")
    func widths() {
        #expect(CursesGlyph.wideCharacters(for: "a").width == 1)
        #expect(CursesGlyph.wideCharacters(for: "ᐊ").width == 1)
        #expect(CursesGlyph.wideCharacters(for: "漢").width == 2)
        #expect(CursesGlyph.wideCharacters(for: "🍁").width == 2)
    }

    @Test("combining marks stay with their base character, NUL-terminated")
    func combiningMarks() {
        #expect(scalars("e\u{301}") == [0x65, 0x301, 0])
        #expect(scalars("a") == [0x61, 0])
    }

    @Test("only the first spacing character of a sequence is kept, without a dangling joiner")
    func emojiSequences() {
        // Man, ZWJ, woman: ncurses keeps one spacing character per cell.
        #expect(scalars("👨\u{200D}👩") == [0x1F468, 0])
        // Maple leaf with the emoji presentation selector keeps the selector.
        #expect(scalars("🍁\u{FE0F}") == [0x1F341, 0xFE0F, 0])
    }

    @Test("a cell holds at most the characters a cchar_t can")
    func tooManyCombiningMarks() {
        let crowded = "a" + String(repeating: "\u{301}", count: 9)
        #expect(scalars(crowded).count == CursesGlyph.maximumCharacters + 1)
    }

    @Test("a lone combining mark sits on a space; a control shows as a question mark")
    func oddSymbols() {
        #expect(scalars("\u{301}") == [0x20, 0x301, 0])
        #expect(scalars("\u{7}") == [0x3F, 0])
        #expect(scalars("") == [0x20, 0])
    }
}
