import Testing
@testable import TextUI

@Suite("Display width of graphemes and strings")
struct DisplayWidthTests {
    @Test("Canadian Aboriginal Syllabics take one column each")
    func syllabics() {
        let word = "ᐊᓂᔑᓈᐯᒧᐎᓐ"
        #expect(word.unicodeScalars.count == 8)
        #expect(DisplayWidth.of(word) == 8)
        #expect(DisplayWidth.of(Character("\u{18B0}")) == 1)  // Unified Canadian Aboriginal Syllabics Extended
    }

    @Test("A precomposed and a decomposed accent take the same width")
    func combiningMarks() {
        #expect(DisplayWidth.of("Métis") == 5)
        #expect(DisplayWidth.of("Me\u{301}tis") == 5)
        #expect(DisplayWidth.of("Z\u{335}\u{337}\u{334}a") == 2)
    }

    @Test("CJK and Hangul are wide")
    func eastAsianWide() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢ") == 4)     // fullwidth forms
        #expect(DisplayWidth.of("ｱ") == 1)       // halfwidth katakana stays narrow
        #expect(DisplayWidth.of("\u{303F}") == 1)       // U+303F is narrow, just past the CJK symbols
    }

    @Test("Emoji shown as pictures are two columns, whatever they are built from")
    func emoji() {
        #expect(DisplayWidth.of("🍁") == 2)
        #expect(DisplayWidth.of("👩‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇨🇦") == 2)
        #expect(DisplayWidth.of("🏳️‍🌈") == 2)
        #expect(DisplayWidth.of("❤️") == 2)      // text-default heart with U+FE0F
        #expect(DisplayWidth.of("1️⃣") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)     // skin tone modifier
    }

    @Test("Text-presentation symbols and ASCII stay one column")
    func narrow() {
        #expect(DisplayWidth.of("☺") == 1)
        #expect(DisplayWidth.of("©") == 1)
        #expect(DisplayWidth.of("1") == 1)
        #expect(DisplayWidth.of("Tess Testcase") == 13)
        #expect(DisplayWidth.of("─│┌▁█") == 5)
    }

    @Test("Controls and lone invisible characters take no column")
    func zeroWidth() {
        #expect(DisplayWidth.of("\u{1B}") == 0)
        #expect(DisplayWidth.of("\u{9B}") == 0)
        #expect(DisplayWidth.of("\u{7F}") == 0)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("\u{301}") == 0)  // a mark with nothing to sit on
        #expect(DisplayWidth.of("a\u{1B}b") == 2)
    }
}
