import Testing
@testable import TextUI

@Suite("Sanitizer removes what could reach the terminal as a command")
struct SanitizerTests {
    @Test("An SGR escape loses its ESC; the visible rest may remain")
    func sgr() {
        let cleaned = Sanitizer.clean("Tess\u{1B}[31m Testcase")
        #expect(!cleaned.unicodeScalars.contains("\u{1B}"))
        #expect(cleaned == "Tess[31m Testcase")
    }

    @Test("An OSC 52 clipboard write keeps no ESC and no BEL")
    func osc52() {
        let cleaned = Sanitizer.clean("note\u{1B}]52;c;SGVsbG8=\u{07}end")
        #expect(cleaned == "note]52;c;SGVsbG8=end")
        #expect(cleaned.unicodeScalars.allSatisfy { $0.value >= 0x20 })
    }

    @Test("The 8-bit CSI, DEL and other C1 controls are removed")
    func c1() {
        #expect(Sanitizer.clean("a\u{9B}2Jb") == "a2Jb")
        #expect(Sanitizer.clean("a\u{7F}\u{85}\u{90}b") == "ab")
        #expect(Sanitizer.clean("back\u{08}\u{08}space") == "backspace")
    }

    @Test("Bidi overrides, isolates and marks are removed")
    func bidi() {
        #expect(Sanitizer.clean("Tess \u{202E}esacTtseT") == "Tess esacTtseT")
        #expect(Sanitizer.clean("\u{2066}a\u{2069}\u{200F}b\u{061C}\u{202A}c") == "abc")
    }

    @Test("Zero-width characters are removed, but not the joiner inside an emoji sequence")
    func zeroWidth() {
        #expect(Sanitizer.clean("Te\u{200B}ss\u{FEFF}\u{2060}") == "Tess")
        #expect(Sanitizer.clean("Te\u{200D}ss") == "Tess")
        let family = "👩\u{200D}👩\u{200D}👧"
        #expect(Sanitizer.clean(family) == family)
        #expect(Sanitizer.isClean(family))
        #expect(Sanitizer.clean("🏳️‍🌈") == "🏳️‍🌈")
    }

    @Test("Tabs and line breaks become spaces on one line, and line breaks in multiline text")
    func whitespace() {
        #expect(Sanitizer.clean("a\tb") == "a b")
        #expect(Sanitizer.clean("one\r\ntwo\nthree") == "one two three")
        #expect(Sanitizer.clean("one\r\ntwo\rthree\u{2028}four", multiline: true) == "one\ntwo\nthree\nfour")
    }

    @Test("Text in any script, with accents and emoji, passes unchanged")
    func keepsText() {
        for text in ["Métis", "Me\u{301}tis", "ᐊᓂᔑᓈᐯᒧᐎᓐ", "漢字", "🍁 Lakeview Test First Nation", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"] {
            #expect(Sanitizer.clean(text).unicodeScalars.elementsEqual(text.unicodeScalars))
            #expect(Sanitizer.isClean(text))
        }
    }

    @Test("Tag characters outside a flag are removed (they can hide text)")
    func tags() {
        #expect(Sanitizer.clean("ok\u{E0068}\u{E0069}") == "ok")
    }

    @Test("isClean tells dirty from clean")
    func isClean() {
        #expect(!Sanitizer.isClean("a\u{1B}"))
        #expect(!Sanitizer.isClean("a\nb"))
        #expect(Sanitizer.isClean("a\nb", multiline: true))
        #expect(Sanitizer.isClean("plain text"))
    }
}
