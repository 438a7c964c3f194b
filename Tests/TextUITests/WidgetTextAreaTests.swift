import Testing
import TextUI

/// Multi-line input wrapped by display width.
@Suite struct WidgetTextAreaTests {
    @Test func wrapsAtSpacesByDisplayWidth() {
        let area = TextArea(value: "Seen at the test bus depot\nCalled back")
        #expect(area.wrappedLines(width: 10) == ["Seen at ", "the test ", "bus depot", "Called ", "back"])
        let wide = TextArea(value: "日本語テキスト")
        #expect(wide.wrappedLines(width: 5) == ["日本", "語テ", "キス", "ト"])
    }

    @Test func upAndDownMoveBetweenWrappedRows() {
        var area = TextArea(value: "Seen at the test bus depot")
        area.handle(.home, width: 10)
        #expect(area.cursor == 17)  // start of "bus depot"
        area.handle(.up, width: 10)
        #expect(area.cursor == 8)  // start of "the test "
        area.handle(.right, width: 10)
        area.handle(.down, width: 10)
        #expect(area.cursor == 18)
        area.handle(.enter, width: 10)
        #expect(area.value == "Seen at the test b\nus depot")
    }

    @Test func scrollsToKeepTheCursorRowVisible() {
        let area = TextArea(value: "one\ntwo\nthree\nfour")
        var buffer = Buffer(size: Size(width: 8, height: 2))
        area.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines() == ["three", "four"])
        #expect(area.cursorPosition(in: buffer.area) == Point(x: 4, y: 1))
    }

    // MARK: Editing keys

    @Test func ctrlAAndCtrlEGoToTheStartAndEndOfTheWrappedRow() {
        var area = TextArea(value: "Seen at the test bus depot\nCalled back")
        let view = Rect(x: 0, y: 0, width: 10, height: 5)
        area.handle(.ctrl("a"), width: 10)
        #expect(area.cursor == 34)  // start of "back", the row, not the line
        area.handle(.up, width: 10)
        area.handle(.up, width: 10)
        #expect(area.cursor == 17)  // start of "bus depot"
        area.handle(.ctrl("e"), width: 10)
        #expect(area.cursor == 26)
        #expect(area.cursorPosition(in: view) == Point(x: 9, y: 2))
        area.handle(.ctrl("a"), width: 10)
        #expect(area.cursor == 17)
        #expect(area.cursorPosition(in: view) == Point(x: 0, y: 2))
        #expect(area.value == "Seen at the test bus depot\nCalled back")
    }

    @Test func wordMovesAndDeletesCrossLineBreaks() {
        var area = TextArea(value: "Tess Ng\ntest note")
        area.handle(.ctrl("w"), width: 20)
        #expect(area.value == "Tess Ng\ntest ")
        #expect(area.cursor == 13)
        area.handle(.alt("b"), width: 20)
        #expect(area.cursor == 8)
        area.handle(.ctrlLeft, width: 20)
        #expect(area.cursor == 5)  // over the line break to "Ng"
        area.handle(.alt("f"), width: 20)
        #expect(area.cursor == 7)
        area.handle(.alt("d"), width: 20)
        #expect(area.value == "Tess Ng ")
        #expect(area.cursor == 7)
        area.handle(.home, width: 20)
        area.handle(.ctrlRight, width: 20)
        #expect(area.cursor == 4)
    }

    @Test func ctrlUAndCtrlKDeleteToTheEndsOfTheLineNotTheWrappedRow() {
        var area = TextArea(value: "Seen at the test bus depot\nCalled back")
        area.cursor = 20  // after "bus", on the third wrapped row of the first line
        area.handle(.ctrl("u"), width: 10)
        #expect(area.value == " depot\nCalled back")
        #expect(area.cursor == 0)
        area.handle(.ctrl("k"), width: 10)
        #expect(area.value == "\nCalled back")
        #expect(area.cursor == 0)
        // At the end of a line, Ctrl-K takes the line break.
        area.handle(.ctrl("k"), width: 10)
        #expect(area.value == "Called back")
        #expect(area.cursor == 0)
        // At the start of a line, Ctrl-U takes the line break before it.
        area.value = "one\ntwo"
        area.cursor = 4
        area.handle(.ctrl("u"), width: 10)
        #expect(area.value == "onetwo")
        #expect(area.cursor == 3)
        area.cursor = 0
        area.handle(.ctrl("u"), width: 10)
        #expect(area.value == "onetwo")
    }

    @Test func wideCharactersKeepTheCursorOnTheRightColumn() {
        // Wraps as "日本 " | "語テ" | "キスト" at 6 columns.
        var area = TextArea(value: "日本 語テ\nキスト")
        let view = Rect(x: 2, y: 1, width: 6, height: 3)
        area.handle(.ctrl("a"), width: 6)
        #expect(area.cursor == 6)
        area.handle(.alt("b"), width: 6)
        #expect(area.cursor == 3)
        #expect(area.cursorPosition(in: view) == Point(x: 2, y: 2))
        area.handle(.ctrl("e"), width: 6)
        #expect(area.cursor == 5)
        #expect(area.cursorPosition(in: view) == Point(x: 6, y: 2))
        area.handle(.ctrl("k"), width: 6)
        #expect(area.value == "日本 語テキスト")
        #expect(area.cursor == 5)
    }

    @Test func combiningAccentsAreSteppedOverWhole() {
        var area = TextArea(value: "Ane Me\u{301}tis\ntest")
        area.handle(.alt("b"), width: 20)
        area.handle(.alt("b"), width: 20)
        #expect(area.cursor == 4)
        area.handle(.ctrl("e"), width: 20)
        #expect(area.cursor == 9)
        #expect(area.cursorPosition(in: Rect(x: 0, y: 0, width: 20, height: 2)) == Point(x: 9, y: 0))
        area.handle(.ctrl("w"), width: 20)
        #expect(area.value == "Ane \ntest")
        #expect(area.cursor == 4)
        #expect(area.cursorPosition(in: Rect(x: 0, y: 0, width: 20, height: 2)) == Point(x: 4, y: 0))
    }

    @Test func readOnlyAreasMoveByWordButNeverChange() {
        var area = TextArea(value: "Tess Ng", readOnly: true)
        for key: Key in [.ctrl("w"), .alt("d"), .ctrl("u"), .ctrl("k")] {
            let used = area.handle(key, width: 20)
            #expect(!used, "\(key)")
        }
        #expect(area.value == "Tess Ng")
        let moved = area.handle(.alt("b"), width: 20)
        #expect(moved)
        #expect(area.cursor == 5)
    }
}
