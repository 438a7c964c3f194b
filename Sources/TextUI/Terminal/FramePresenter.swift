/// The one owner of "what the terminal shows now": it keeps the last frame it presented and
/// hands the terminal only the cells that changed since, plus where the cursor goes.
///
/// Every frame loop needs exactly this bookkeeping, and getting it wrong in one of them (forgetting
/// to drop the previous frame on resize, or diffing against a frame that never reached the
/// screen) leaves stale text on view. So it lives here, once.
///
/// A frame in which neither a cell nor the cursor changed is not sent at all: the loop renders on
/// every tick, and a flush of nothing still costs a write to the terminal.
@MainActor
public final class FramePresenter {
    private let terminal: any Terminal

    /// The frame the terminal shows, as last presented; nil before the first frame and after
    /// `invalidate()`.
    public private(set) var lastFrame: Buffer?

    /// Where the last presented frame put the cursor (nil: hidden). Only meaningful while
    /// `lastFrame` is set.
    private var lastCursor: TerminalCursor?

    /// How many cells the last `present` handed the terminal (0 when nothing changed).
    public private(set) var cellsWrittenLastFrame: Int = 0

    public init(terminal: any Terminal) {
        self.terminal = terminal
    }

    /// Shows `buffer`, with the cursor left at `cursor` (nil hides it). The first frame, a frame after
    /// `invalidate()` and a frame of another size are sent whole; any other frame only as the
    /// cells that differ from the last one.
    public func present(_ buffer: Buffer, cursor: TerminalCursor?) {
        let changes: [CellChange]
        if let lastFrame {
            changes = buffer.diff(from: lastFrame)
            // Nothing to write and the cursor stays put: the screen is already right.
            if changes.isEmpty && cursor == lastCursor {
                cellsWrittenLastFrame = 0
                return
            }
        } else {
            // An empty buffer differs in size from any real frame, so `diff` reports every cell.
            changes = buffer.diff(from: Buffer(size: .zero))
        }
        terminal.draw(changes, cursor: cursor)
        cellsWrittenLastFrame = changes.count
        lastFrame = buffer
        lastCursor = cursor
    }

    /// Forgets the last frame and tells the terminal its contents are unknown, so the next
    /// `present` redraws every cell: for Ctrl-L, and after a resize.
    public func invalidate() {
        lastFrame = nil
        lastCursor = nil
        terminal.invalidate()
    }
}
