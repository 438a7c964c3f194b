import Testing
@testable import TextUI

@Suite("Boxes with titles")
struct BoxDrawingTests {
    @Test("A light box with its title after the corner")
    func light() {
        var buffer = Buffer(size: Size(width: 24, height: 3))
        buffer.drawBox(buffer.area, title: "1 Caseload (42)", style: .plain, titleStyle: Style(attributes: .bold))
        #expect(buffer.lines() == [
            "┌ 1 Caseload (42) ─────┐",
            "│                      │",
            "└──────────────────────┘",
        ])
        #expect(buffer[2, 0].style.attributes == .bold)
        #expect(buffer[0, 0].style == .plain)
    }

    @Test("The focused pane gets heavy lines")
    func heavy() {
        var buffer = Buffer(size: Size(width: 8, height: 3))
        buffer.drawBox(buffer.area, title: "", style: .plain, titleStyle: .plain, heavy: true)
        #expect(buffer.lines() == ["┏━━━━━━┓", "┃      ┃", "┗━━━━━━┛"])
    }

    @Test("A long title is cut with an ellipsis inside the corners")
    func truncatedTitle() {
        var buffer = Buffer(size: Size(width: 12, height: 2))
        buffer.drawBox(buffer.area, title: "2 Child Tess Testcase", style: .plain, titleStyle: .plain)
        #expect(buffer.lines()[0] == "┌ 2 Child …┐")
    }

    @Test("The inside is left alone and a box too small is not drawn")
    func insideAndTiny() {
        var buffer = Buffer(size: Size(width: 5, height: 3), fill: Cell("x"))
        buffer.drawBox(Rect(x: 0, y: 0, width: 1, height: 3), title: "t", style: .plain, titleStyle: .plain)
        #expect(buffer.lines() == ["xxxxx", "xxxxx", "xxxxx"])
        buffer.drawBox(buffer.area, title: "", style: .plain, titleStyle: .plain)
        #expect(buffer.lines()[1] == "│xxx│")
    }
}
