import Testing
import TextUI

/// The scroll state every scrolling text shares: it pages by the rows shown at the last render
/// and never scrolls past the end of the text.
@Suite struct ScrollViewTests {
    @Test func movesByLinePageAndToEitherEndInsideTheText() {
        var scroll = ScrollView()
        scroll.layout(rows: 10, lineCount: 35)
        scroll.apply(.lineDown)
        #expect(scroll.offset == 1)
        scroll.apply(.pageDown)
        #expect(scroll.offset == 10, "a page is the rows shown less one")
        scroll.apply(.pageDown)
        scroll.apply(.pageDown)
        #expect(scroll.offset == 25, "never past the last full page")
        scroll.apply(.top)
        #expect(scroll.offset == 0)
        scroll.apply(.lineUp)
        #expect(scroll.offset == 0)
        scroll.apply(.bottom)
        #expect(scroll.visible == 25..<35)
    }

    @Test func aShorterTextOrATallerAreaPullsTheOffsetBack() {
        var scroll = ScrollView()
        scroll.layout(rows: 5, lineCount: 40)
        scroll.apply(.bottom)
        scroll.layout(rows: 20, lineCount: 30)
        #expect(scroll.offset == 10)
        scroll.layout(rows: 20, lineCount: 3)
        #expect(scroll.offset == 0 && scroll.visible == 0..<3)
    }

    @Test func revealShowsARangeScrollingAsLittleAsPossible() {
        var scroll = ScrollView()
        scroll.layout(rows: 6, lineCount: 50)
        scroll.reveal(10..<13)
        #expect(scroll.offset == 7, "the range's end on the last row")
        scroll.reveal(8..<9)
        #expect(scroll.offset == 7, "already in view: no scroll")
        scroll.reveal(2..<20)
        #expect(scroll.offset == 2, "taller than the area: its start")
    }

    @Test func aParagraphDrawsTheVisibleLinesAndRecordsTheArea() {
        var buffer = Buffer(size: Size(width: 12, height: 4))
        var scroll = ScrollView()
        let paragraph = Paragraph((1...9).map { "line \($0)" })
        paragraph.render(in: Rect(x: 0, y: 1, width: 12, height: 3), scroll: &scroll, buffer: &buffer, theme: .default)
        scroll.apply(.pageDown)
        paragraph.render(in: Rect(x: 0, y: 1, width: 12, height: 3), scroll: &scroll, buffer: &buffer, theme: .default)
        #expect(buffer.lines() == ["", "line 3", "line 4", "line 5"])
    }
}
