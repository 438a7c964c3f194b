import Testing
@testable import TextUI

@Suite("Writing text into a buffer")
struct BufferWriteTests {
    let plain = Style.plain
    let bold = Style(attributes: .bold)

    @Test("Text lands at the point, and the return value counts columns")
    func basic() {
        var buffer = Buffer(size: Size(width: 10, height: 2))
        let used = buffer.write("Tess", at: Point(x: 2, y: 1), style: bold)
        #expect(used == 4)
        #expect(buffer.lines() == ["", "  Tess"])
        #expect(buffer[2, 1] == Cell("T", style: bold))
        #expect(buffer[1, 1] == .blank)
    }

    @Test("Reading outside the grid gives a blank; writing there is ignored")
    func outOfRange() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        buffer[5, 0] = Cell("x")
        buffer[-1, 0] = Cell("x")
        #expect(buffer[5, 0] == .blank)
        #expect(buffer.lines() == [""])
        #expect(buffer.write("abc", at: Point(x: 0, y: 4), style: plain) == 0)
    }

    @Test("Text stops at the clip's right edge")
    func clipped() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        let used = buffer.write("Testcase", at: Point(x: 1, y: 0), style: plain, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(used == 4)
        #expect(buffer.line(0) == " Test     ")
    }

    @Test("A wide character in a clip's last column leaves a blank, never half a character")
    func wideAtEdge() {
        var buffer = Buffer(size: Size(width: 6, height: 1), fill: Cell("x"))
        let used = buffer.write("a漢字", at: Point(x: 0, y: 0), style: bold, clip: Rect(x: 0, y: 0, width: 4, height: 1))
        #expect(used == 4)
        #expect(buffer[1, 0] == Cell("漢", style: bold))
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0] == Cell(" ", style: bold))
        #expect(buffer[4, 0] == Cell("x"))
        #expect(buffer.line(0) == "a漢 xx")
    }

    @Test("Wide characters take two cells; combining marks stay in their cluster")
    func wideAndCombining() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        #expect(buffer.write("🍁Me\u{301}tis", at: Point(x: 0, y: 0), style: plain) == 7)
        #expect(buffer[0, 0].symbol == "🍁")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[3, 0].symbol == "e\u{301}")
        #expect(buffer.lines() == ["🍁Me\u{301}tis"])
    }

    @Test("Overwriting half of a wide character blanks its other half")
    func overwriteHalf() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        buffer.write("漢字", at: Point(x: 0, y: 0), style: bold)
        buffer.write("a", at: Point(x: 1, y: 0), style: plain)   // right half of 漢
        #expect(buffer[0, 0] == Cell(" ", style: bold))
        buffer.write("b", at: Point(x: 2, y: 0), style: plain)   // left half of 字
        #expect(buffer[3, 0] == Cell(" ", style: bold))
        #expect(buffer.line(0) == " ab   ")
        buffer.write("字", at: Point(x: 4, y: 0), style: plain)
        buffer.write("漢", at: Point(x: 3, y: 0), style: plain)  // straddles 字's left half
        #expect(buffer.line(0) == " ab漢 ")
        #expect(buffer[5, 0] == Cell(" ", style: plain))
    }

    @Test("Text is sanitized on the way in")
    func sanitized() {
        var buffer = Buffer(size: Size(width: 20, height: 1))
        buffer.write("a\u{1B}[2J\u{202E}b", at: Point(x: 0, y: 0), style: plain)
        #expect(buffer.lines() == ["a[2Jb"])
    }

    @Test("Writing to a width truncates with an ellipsis and pads on request")
    func widthWrite() {
        var buffer = Buffer(size: Size(width: 12, height: 1), fill: Cell("x"))
        #expect(buffer.write("Tess Testcase", at: Point(x: 1, y: 0), width: 6, style: plain) == 6)
        #expect(buffer.line(0) == "xTess …xxxxx")
        #expect(buffer.write("漢字漢", at: Point(x: 0, y: 0), width: 4, style: plain, pad: true) == 4)
        #expect(buffer.line(0) == "漢… s …xxxxx")
        #expect(buffer.write("ok", at: Point(x: 7, y: 0), width: 4, style: bold, pad: true) == 4)
        #expect(buffer.line(0) == "漢… s …ok  x")
    }

    @Test("Fill and patchStyle cover the rect, clipped to the buffer")
    func fillAndPatch() {
        var buffer = Buffer(size: Size(width: 4, height: 3))
        buffer.fill(Rect(x: 2, y: 1, width: 5, height: 5), with: Cell("#"))
        #expect(buffer.lines() == ["", "  ##", "  ##"])
        buffer.patchStyle(buffer.area.row(1)) { $0.attributes.insert(.reverse) }
        #expect(buffer[0, 1].style.attributes == .reverse)
        #expect(buffer[3, 1] == Cell("#", style: Style(attributes: .reverse)))
        #expect(buffer[3, 2].style == .plain)
    }

    @Test("Resize changes the size and clears")
    func resize() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("abcd", at: Point(x: 0, y: 0), style: plain)
        buffer.resize(to: Size(width: 2, height: 2))
        #expect(buffer.size == Size(width: 2, height: 2))
        #expect(buffer.string() == "\n")
    }
}
