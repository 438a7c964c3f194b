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
}
