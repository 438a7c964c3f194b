@testable import CursesTerminal
import Testing
import TextUI

/// What arrives between the paste markers becomes one `.paste` of the text, never keys.
@Suite struct PasteCollectorTests {
    func collect(_ bytes: [UInt8]) -> InputEvent {
        var collector = PasteCollector()
        collector.start()
        for byte in bytes { collector.append(byte) }
        return collector.finish()
    }

    @Test func lineBreaksInAnyFormBecomeOneNewline() {
        #expect(collect(Array("one\rtwo\r\nthree\nfour".utf8)) == .paste("one\ntwo\nthree\nfour"))
    }

    @Test func bytesThatAreNotUTF8AreDroppedAndEveryCharacterAroundThemKept() {
        // What tmux pastes from a buffer holding "ab", two bad bytes, "c", "é" and "d".
        #expect(collect([0x61, 0x62, 0xFF, 0xFE, 0x63, 0xC3, 0xA9, 0x64]) == .paste("abcéd"))
        // A sequence cut short (the first byte of "é" alone) is dropped too.
        #expect(collect([0x61, 0xC3, 0x62]) == .paste("ab"))
    }

    @Test func aPastePastTheLimitArrivesJustOverItSoItCanBeRefused() {
        let bytes = [UInt8](repeating: 0x78, count: PasteCollector.limit + 50)
        guard case .paste(let text) = collect(bytes) else {
            Issue.record("no paste")
            return
        }
        #expect(text.utf8.count == PasteCollector.limit + 1)
    }

    @Test func controlCharactersStayForTheSanitizerToRemove() {
        // The collector keeps text as it came; the field it lands in cleans it.
        #expect(collect([0x1B, 0x5B, 0x32, 0x4A]) == .paste("\u{1B}[2J"))
    }
}
