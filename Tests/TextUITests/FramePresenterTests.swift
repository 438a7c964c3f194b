import Testing
import TextUI

/// The frame owner: whole frames first, then only what changed, and whole again after an
/// invalidation.
@Suite("Frame presenter")
@MainActor
struct FramePresenterTests {
    private let size = Size(width: 6, height: 2)

    private func frame(_ rows: [String]) -> Buffer {
        var buffer = Buffer(size: size)
        for (y, row) in rows.enumerated() {
            buffer.write(row, at: Point(x: 0, y: y), style: .plain)
        }
        return buffer
    }

    @Test("The first frame writes every cell")
    func firstFrameIsWhole() {
        let terminal = HeadlessTerminal(size: size)
        let presenter = FramePresenter(terminal: terminal)
        #expect(presenter.lastFrame == nil)
        presenter.present(frame(["Tess", "Ng"]), cursor: nil)
        #expect(presenter.cellsWrittenLastFrame == 12)
        #expect(terminal.cellsWrittenLastFrame == 12)
        #expect(terminal.lines() == ["Tess", "Ng"])
        #expect(presenter.lastFrame == frame(["Tess", "Ng"]))
    }

    @Test("An unchanged frame writes nothing and is not sent")
    func unchangedFrameWritesNothing() {
        let terminal = HeadlessTerminal(size: size)
        let presenter = FramePresenter(terminal: terminal)
        presenter.present(frame(["Tess"]), cursor: nil)
        presenter.present(frame(["Tess"]), cursor: nil)
        #expect(presenter.cellsWrittenLastFrame == 0)
        #expect(terminal.frames == 1)
        #expect(terminal.lines() == ["Tess", ""])
    }

    @Test("One changed cell writes one cell")
    func oneChangedCell() {
        let terminal = HeadlessTerminal(size: size)
        let presenter = FramePresenter(terminal: terminal)
        presenter.present(frame(["Tess"]), cursor: nil)
        presenter.present(frame(["Jess"]), cursor: nil)
        #expect(presenter.cellsWrittenLastFrame == 1)
        #expect(terminal.cellsWrittenLastFrame == 1)
        #expect(terminal.lines() == ["Jess", ""])
    }

    @Test("After an invalidation every cell is written again, and the terminal was told")
    func invalidateRedrawsEverything() {
        let terminal = HeadlessTerminal(size: size)
        let presenter = FramePresenter(terminal: terminal)
        presenter.present(frame(["Tess"]), cursor: nil)
        presenter.invalidate()
        #expect(terminal.invalidations == 1)
        #expect(presenter.lastFrame == nil)
        presenter.present(frame(["Tess"]), cursor: nil)
        #expect(presenter.cellsWrittenLastFrame == 12)
        // The headless terminal blanks its screen on invalidation: only a whole frame restores it.
        #expect(terminal.lines() == ["Tess", ""])
    }

    @Test("A frame of another size is written whole")
    func resizedFrameIsWhole() {
        let terminal = HeadlessTerminal(size: size)
        let presenter = FramePresenter(terminal: terminal)
        presenter.present(frame(["Tess"]), cursor: nil)
        var smaller = Buffer(size: Size(width: 3, height: 1))
        smaller.write("Tes", at: .zero, style: .plain)
        presenter.present(smaller, cursor: nil)
        #expect(presenter.cellsWrittenLastFrame == 3)
    }

    @Test("The cursor position reaches the terminal, and a cursor move alone is drawn")
    func cursorReachesTheTerminal() {
        let terminal = HeadlessTerminal(size: size)
        let presenter = FramePresenter(terminal: terminal)
        presenter.present(frame(["Tess"]), cursor: TerminalCursor(Point(x: 4, y: 0), visible: true))
        #expect(terminal.cursor == Point(x: 4, y: 0))

        presenter.present(frame(["Tess"]), cursor: TerminalCursor(Point(x: 1, y: 0), visible: true))
        #expect(terminal.frames == 2)
        #expect(terminal.cursor == Point(x: 1, y: 0))
        #expect(presenter.cellsWrittenLastFrame == 0)

        presenter.present(frame(["Tess"]), cursor: nil)
        #expect(terminal.frames == 3)
        #expect(terminal.cursor == nil)
    }
}
