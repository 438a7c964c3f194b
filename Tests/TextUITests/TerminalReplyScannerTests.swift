import Testing
import TextUI

/// The terminal's answers to queries, taken out of the keys whole whenever they arrive, and
/// everything else given back as the keys it was.
@Suite struct TerminalReplyScannerTests {
    /// What a terminal sends, as the keys ncurses makes of it (Esc, Ctrl-G for BEL, characters).
    static func keys(_ text: String) -> [InputEvent] {
        var events: [InputEvent] = []
        for character in text {
            switch character {
            case "\u{1B}": events.append(.key(.escape))
            case "\u{07}": events.append(.key(.ctrl("g")))
            default: events.append(.key(.char(character)))
            }
        }
        return events
    }

    static func scanned(_ text: String) -> [InputEvent] {
        var scanner = TerminalReplyScanner()
        return scanner.scan(keys(text)) + scanner.release()
    }

    @Test func backgroundAnswersEndedByBELOrSTInEveryChannelWidth() {
        #expect(Self.scanned("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\") == [.reply(.background(.light))])
        #expect(Self.scanned("\u{1B}]11;rgb:0000/0000/0000\u{07}") == [.reply(.background(.dark))])
        #expect(Self.scanned("\u{1B}]11;rgb:fd/f6/e3\u{07}") == [.reply(.background(.light))])
        #expect(Self.scanned("\u{1B}]11;rgb:1/1/1\u{07}") == [.reply(.background(.dark))])
    }

    @Test func cursorPositionAndDeviceAttributes() {
        #expect(Self.scanned("\u{1B}[24;80R") == [.reply(.cursorPosition(row: 24, column: 80))])
        #expect(Self.scanned("\u{1B}[1;5R") == [.reply(.cursorPosition(row: 1, column: 5))])
        #expect(Self.scanned("\u{1B}[?62;22c") == [.reply(.deviceAttributes)])
        #expect(Self.scanned("\u{1B}[?1;2c") == [.reply(.deviceAttributes)])
    }

    @Test func anAnswerAmongTypingLeavesTheTypingAsItWas() {
        let events = Self.scanned("ab\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\cd\u{1B}[3;4Re")
        #expect(events == [
            .key(.char("a")), .key(.char("b")), .reply(.background(.light)),
            .key(.char("c")), .key(.char("d")), .reply(.cursorPosition(row: 3, column: 4)), .key(.char("e")),
        ])
    }

    @Test func whatIsNotAnAnswerIsGivenBackKeyForKey() {
        let cases = [
            "\u{1B}]x",                       // Alt-] then x
            "\u{1B}]11;rgb:ffff/ffff/ffff",   // never ended
            "\u{1B}]11;rgb:ffff/ffff\u{07}",  // two channels
            "\u{1B}]10;rgb:1/2/3\u{07}",      // the foreground's answer: not asked for
            "\u{1B}]11;rgb:12345/0/0\u{07}",  // a channel too wide
            "\u{1B}[A",                       // Esc [ A typed
            "\u{1B}[12;R",                    // no column
            "\u{1B}[62;22c",                  // attributes without "?"
            "\u{1B}[1;2;3R",                  // three numbers
            "\u{1B}q",                        // Alt-q
            "\u{1B}",                         // Esc alone
            "]11;rgb:ffff/ffff/ffff\u{07}",   // no Esc: typed
        ]
        for text in cases {
            #expect(Self.scanned(text) == Self.keys(text), "\(text.debugDescription)")
        }
    }

    @Test func anEscInsideAnUnfinishedAnswerStartsAfresh() {
        // Esc ] 1 typed, then a whole answer: the typing comes back, the answer is taken.
        let events = Self.scanned("\u{1B}]1\u{1B}[5;6R")
        #expect(events == Self.keys("\u{1B}]1") + [.reply(.cursorPosition(row: 5, column: 6))])
        // An answer's ST that turns out to be Esc and a letter.
        #expect(Self.scanned("\u{1B}]11;rgb:0/0/0\u{1B}x") == Self.keys("\u{1B}]11;rgb:0/0/0\u{1B}x"))
    }

    @Test func anAnswerCutBetweenTwoReadsIsHeldThenCompleted() {
        var scanner = TerminalReplyScanner()
        let text = "x\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\y"
        let cut = text.index(text.startIndex, offsetBy: 9)
        let first = scanner.scan(Self.keys(String(text[..<cut])))
        #expect(first == [.key(.char("x"))], "what came before the answer is not held back")
        #expect(scanner.isHolding)
        let second = scanner.scan(Self.keys(String(text[cut...])))
        #expect(second == [.reply(.background(.light)), .key(.char("y"))])
        #expect(!scanner.isHolding)
    }

    @Test func anEscThatEndsAReadIsTheEscKeyAtOnce() {
        var scanner = TerminalReplyScanner()
        #expect(scanner.scan([.key(.char("a")), .key(.escape)]) == [.key(.char("a")), .key(.escape)])
        #expect(!scanner.isHolding, "Esc is not kept waiting for an answer that may follow")
    }

    @Test func aHeldBeginningIsReleasedAsTheKeysItWas() {
        var scanner = TerminalReplyScanner()
        #expect(scanner.scan(Self.keys("\u{1B}[12")) == [])
        #expect(scanner.isHolding)
        #expect(scanner.release() == Self.keys("\u{1B}[12"))
        #expect(!scanner.isHolding)
        #expect(scanner.scan(Self.keys("z")) == [.key(.char("z"))])
    }

    @Test func otherEventsPassThroughAndEndAnUnfinishedAnswer() {
        var scanner = TerminalReplyScanner()
        let size = Size(width: 80, height: 24)
        let events = scanner.scan([.key(.escape), .key(.char("[")), .resize(size), .key(.up), .paste("p"), .interrupt])
        #expect(events == [.key(.escape), .key(.char("[")), .resize(size), .key(.up), .paste("p"), .interrupt])
    }

    @MainActor @Test func theHeadlessTerminalTakesAnswersOutAsTheRealOneDoes() {
        let terminal = HeadlessTerminal(size: Size(width: 10, height: 2))
        terminal.feed(terminalText: "a\u{1B}]11;rgb:0/0/0\u{07}b")
        #expect(terminal.readEvents(timeoutMilliseconds: 0) == [.key(.char("a")), .reply(.background(.dark)), .key(.char("b"))])
        terminal.ask(.cursorPosition)
        #expect(terminal.queries == [.cursorPosition])
    }
}
