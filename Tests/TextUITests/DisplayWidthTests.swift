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

    @Test("The cluster walk gives the string's graphemes and their widths, ASCII taken a byte at a time or not")
    func clustersAreTheGraphemesOfTheString() {
        // Pieces that join with the ASCII before them (a combining mark, a variation selector, a
        // ZWJ), CR LF, wide and zero-width characters, mixed at random with plain ASCII.
        let pieces = ["a", "Z", " ", "·", "e", "\u{301}", "\u{FE0F}", "\u{200D}", "\r", "\n", "\r\n", "漢", "ᐊ", "👩", "🇨🇦",
                      "\u{1F3FD}", "#", "\u{20E3}", "\u{7}", "\u{AD}", "é", "│", "…"]
        var generator = SystemRandomNumberGenerator()
        var strings = pieces + ["Me\u{301}tis", "1\u{FE0F}\u{20E3}", "a\r\nb", "x\u{200D}y"]
        for _ in 0..<2_000 {
            strings.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for s in strings {
            var clusters: [Character] = []
            var widths: [Int] = []
            DisplayWidth.forEachCluster(s) { g, w in
                clusters.append(g)
                widths.append(w)
                return true
            }
            // Scalar for scalar: `Character`'s == would take "é" and "e\u{301}" as equal.
            #expect(clusters.map { Array(String($0).unicodeScalars) } == Array(s).map { Array(String($0).unicodeScalars) }, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(widths == Array(s).map(DisplayWidth.of), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(DisplayWidth.of(s) == Array(s).map(DisplayWidth.of).reduce(0, +))
        }
    }
}
