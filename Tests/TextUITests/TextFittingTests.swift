import Testing
@testable import TextUI

@Suite("Truncating, padding and wrapping by display width")
struct TextFittingTests {
    @Test("Truncation counts columns, not characters, and ends in an ellipsis")
    func truncate() {
        #expect(DisplayWidth.truncate("Tess Testcase", to: 8) == "Tess Te…")
        #expect(DisplayWidth.truncate("Tess", to: 4) == "Tess")
        #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.truncate("漢字漢字", to: 4) == "漢…")  // 漢 + … is 3; a second 漢 would not fit
        #expect(DisplayWidth.truncate("Me\u{301}tis Nation", to: 6) == "Me\u{301}tis…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abc", to: 1) == "…")
        #expect(DisplayWidth.truncate("abcdef", to: 4, ellipsis: "...") == "a...")
        #expect(DisplayWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
    }

    @Test("Truncated text never exceeds the width")
    func truncateNeverExceeds() {
        let samples = ["🍁🍁🍁", "ᐊᓂᔑᓈᐯᒧᐎᓐ", "a漢b字c", "👩‍👩‍👧 family", "Métis"]
        for sample in samples {
            for width in 0...12 {
                #expect(DisplayWidth.of(DisplayWidth.truncate(sample, to: width)) <= width)
            }
        }
    }

    @Test("Padding reaches the exact width on either side")
    func pad() {
        #expect(DisplayWidth.pad("漢", to: 5) == "漢   ")
        #expect(DisplayWidth.padLeft("42", to: 5) == "   42")
        #expect(DisplayWidth.pad("Tess Testcase", to: 6) == "Tess …")
        #expect(DisplayWidth.of(DisplayWidth.pad("漢字漢字", to: 4)) == 4)  // "漢…" padded by one
    }

    @Test("Wrapping breaks at spaces and splits over-long words")
    func wrap() {
        #expect(DisplayWidth.wrap("last seen at the bus depot", width: 10) == ["last seen", "at the bus", "depot"])
        #expect(DisplayWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(DisplayWidth.wrap("漢字漢字漢", width: 4) == ["漢字", "漢字", "漢"])
        #expect(DisplayWidth.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(DisplayWidth.wrap("anything", width: 0) == [])
    }

    @Test("Every wrapped line fits")
    func wrapFits() {
        let text = "Tess Testcase, Lakeview Test First Nation, ᐊᓂᔑᓈᐯᒧᐎᓐ 漢字漢字漢字 👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧 supercalifragilistic"
        for width in 2...30 {
            for line in DisplayWidth.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "width \(width): \(line)")
            }
        }
    }
}
