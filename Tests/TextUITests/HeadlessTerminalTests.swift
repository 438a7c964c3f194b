import Testing
@testable import TextUI

@Suite("Headless terminal")
@MainActor
struct HeadlessTerminalTests {
    @Test("Drawing applies the changes to the screen and counts the cells")
    func drawsChanges() {
        let terminal = HeadlessTerminal(size: Size(width: 10, height: 2))
        var frame = Buffer(size: terminal.size)
        frame.write("Tess", at: Point(x: 0, y: 0), style: .plain)
        terminal.draw(frame.diff(from: Buffer(size: terminal.size)), cursor: TerminalCursor(Point(x: 4, y: 0), visible: true))
        #expect(terminal.lines() == ["Tess", ""])
        #expect(terminal.cellsWrittenLastFrame == 4)
        #expect(terminal.frames == 1)
        #expect(terminal.cursor == Point(x: 4, y: 0))

        var next = frame
        next.write("J", at: Point(x: 0, y: 0), style: .plain)
        terminal.draw(next.diff(from: frame), cursor: nil)
        #expect(terminal.lines() == ["Jess", ""])
        #expect(terminal.cellsWrittenLastFrame == 1)
        #expect(terminal.frames == 2)
        #expect(terminal.cursor == nil)
        #expect(terminal.screen == next)
    }

    @Test("Fed keys and text come back at once, in order, then nothing")
    func events() {
        let terminal = HeadlessTerminal(size: Size(width: 10, height: 2))
        #expect(terminal.readEvents(timeoutMilliseconds: 250).isEmpty)
        terminal.feed([.down, .enter])
        terminal.feed("hi")
        #expect(terminal.readEvents(timeoutMilliseconds: 250) == [.key(.down), .key(.enter), .key(.char("h")), .key(.char("i"))])
        #expect(terminal.readEvents(timeoutMilliseconds: 250).isEmpty)
    }

    @Test("Resizing clears the screen and queues a resize event")
    func resize() {
        let terminal = HeadlessTerminal(size: Size(width: 10, height: 2), colors: .none)
        terminal.draw([CellChange(x: 0, y: 0, cell: Cell("x"))], cursor: nil)
        terminal.resize(to: Size(width: 4, height: 3))
        #expect(terminal.size == Size(width: 4, height: 3))
        #expect(terminal.screen.size == Size(width: 4, height: 3))
        #expect(terminal.lines() == ["", "", ""])
        #expect(terminal.readEvents(timeoutMilliseconds: 0) == [.resize(Size(width: 4, height: 3))])
        #expect(terminal.colorCapability == .none)
    }

    @Test("Invalidating blanks the screen, so only a full redraw restores it")
    func invalidate() {
        let terminal = HeadlessTerminal(size: Size(width: 5, height: 1))
        var frame = Buffer(size: terminal.size)
        frame.write("abc", at: Point(x: 0, y: 0), style: .plain)
        terminal.draw(frame.diff(from: Buffer(size: terminal.size)), cursor: nil)
        terminal.invalidate()
        #expect(terminal.lines() == [""])
        terminal.draw(frame.diff(from: Buffer(size: .zero)), cursor: nil)
        #expect(terminal.lines() == ["abc"])
        #expect(terminal.cellsWrittenLastFrame == 5)
    }
}
