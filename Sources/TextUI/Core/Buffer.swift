/// A grid of cells that a frame is drawn into before anything reaches the terminal.
///
/// Panes render into a `Buffer`; the frame loop compares it with the previous frame (`diff`) and
/// hands only the changed cells to the `Terminal`. Every way of putting text in goes through
/// `Sanitizer.clean`, so no pane can forget to sanitize.
///
/// Wide graphemes (two columns) occupy their first cell; the cell to the right holds
/// `Cell.continuation`. Writing over either half of a wide grapheme blanks the other half, so the
/// grid never holds half a character.
public struct Buffer: Equatable, Sendable {
    public private(set) var size: Size
    private var cells: [Cell]
    /// Where the person's attention is: the start of the selected row of the focused list, the
    /// focused button, the top line read. Widgets set it as they draw (the last one drawn wins,
    /// so the screen in front has it); the terminal cursor is parked there, where screen readers
    /// and braille displays look, even while it is hidden.
    public var focus: Point?
    /// Plain mode (for screen readers and terminals that draw little): no box drawing, no bars or
    /// sparklines, words instead of glyphs. Widgets read it as they draw.
    public var plain = false

    public init(size: Size, fill: Cell = .blank) {
        let clamped = Size(width: max(0, size.width), height: max(0, size.height))
        self.size = clamped
        self.cells = [Cell](repeating: fill, count: clamped.width * clamped.height)
    }

    /// The whole grid, at the origin.
    public var area: Rect { Rect(origin: .zero, size: size) }

    /// The cell at column `x`, row `y`. Reading outside the grid gives `.blank`; writing outside
    /// is ignored. This is raw access: it does not sanitize or repair wide graphemes, so prefer
    /// `write` for text.
    public subscript(x: Int, y: Int) -> Cell {
        get { isInside(x, y) ? cells[y * size.width + x] : .blank }
        set { if isInside(x, y) { cells[y * size.width + x] = newValue } }
    }

    // MARK: - Writing text

    /// Writes `text`, sanitized, starting at `at`, never past `clip` (by default, the buffer's row
    /// at `at.y`). Returns the columns it used inside the clip.
    ///
    /// A wide grapheme that would cross the clip's right edge is not split: its visible cell is
    /// left blank (a space in `style`). Zero-width graphemes cost nothing and are skipped.
    @discardableResult
    public mutating func write(_ text: String, at: Point, style: Style, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? Rect(x: 0, y: at.y, width: size.width, height: 1)).intersection(area)
        guard !bounds.isEmpty, at.y >= bounds.y, at.y < bounds.bottom else { return 0 }
        let y = at.y
        var x = at.x
        var used = 0
        DisplayWidth.forEachCluster(Sanitizer.clean(text)) { g, w in
            if x >= bounds.right { return false }
            if w == 0 { return true }
            if x < bounds.x {
                // Left of the clip: only a wide grapheme's right half can show, and it cannot.
                if x + w > bounds.x {
                    for column in bounds.x..<min(x + w, bounds.right) {
                        put(Cell(" ", style: style), x: column, y: y)
                        used += 1
                    }
                }
                x += w
                return true
            }
            if x + w > bounds.right {
                for column in x..<bounds.right {
                    put(Cell(" ", style: style), x: column, y: y)
                    used += 1
                }
                return false
            }
            if w == 1 {
                put(Cell(String(g), style: style), x: x, y: y)
            } else {
                putWide(Cell(String(g), style: style), x: x, y: y)
            }
            x += w
            used += w
            return true
        }
        return used
    }

    /// Writes `text` cut to `width` columns (ending in "…" when cut) at `at`, and, when `pad` is
    /// true, fills the rest of the `width` columns with spaces in `style`. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, at: Point, width: Int, style: Style, pad: Bool = false) -> Int {
        guard width > 0 else { return 0 }
        let clip = Rect(x: at.x, y: at.y, width: width, height: 1)
        let fitted = DisplayWidth.truncate(Sanitizer.clean(text), to: width)
        var used = write(fitted, at: at, style: style, clip: clip)
        if pad {
            let rest = Rect(x: at.x + used, y: at.y, width: width - used, height: 1).intersection(area)
            fill(rest, with: Cell(" ", style: style))
            used += rest.width
        }
        return used
    }

    // MARK: - Filling and styling

    /// Sets every cell of `rect` (clipped to the buffer) to `cell`, which should be one column wide.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { put(cell, x: x, y: y) }
        }
    }

    /// Sets every cell to `.blank`.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Changes the style of every cell in `rect`, keeping its text: reverse a selected row, dim a
    /// disabled one.
    public mutating func patchStyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { transform(&cells[y * size.width + x].style) }
        }
    }

    /// Changes the size and clears every cell (a resized terminal is redrawn from scratch).
    public mutating func resize(to newSize: Size) {
        self = Buffer(size: newSize)
    }

    // MARK: - Comparing frames

    /// The cells of this frame that differ from `previous`, in row-major order: what a terminal
    /// must redraw. When the sizes differ, every cell. A wide grapheme and its continuation are
    /// reported together whenever either changed, so a terminal always redraws whole characters.
    public func diff(from previous: Buffer) -> [CellChange] {
        let width = size.width
        guard previous.size == size else {
            var all: [CellChange] = []
            all.reserveCapacity(cells.count)
            for y in 0..<size.height {
                for x in 0..<width { all.append(CellChange(x: x, y: y, cell: cells[y * width + x])) }
            }
            return all
        }
        var changes: [CellChange] = []
        for y in 0..<size.height {
            let row = y * width
            for x in 0..<width {
                let i = row + x
                let changed = cells[i] != previous.cells[i]
                let leaderChanged = x > 0 && cells[i].isContinuation && cells[i - 1] != previous.cells[i - 1]
                let continuationChanged = x + 1 < width && cells[i + 1].isContinuation
                    && cells[i + 1] != previous.cells[i + 1]
                if changed || leaderChanged || continuationChanged {
                    changes.append(CellChange(x: x, y: y, cell: cells[i]))
                }
            }
        }
        return changes
    }

    // MARK: - Reading back (tests, exports)

    /// Row `y` as text, continuation cells skipped, trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < size.height else { return "" }
        var text = ""
        for x in 0..<size.width {
            let cell = cells[y * size.width + x]
            if !cell.isContinuation { text += cell.symbol }
        }
        return text
    }

    /// Every row as text, trailing spaces trimmed.
    public func lines() -> [String] {
        (0..<size.height).map { y in
            var text = line(y)
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// `lines()` joined by "\n".
    public func string() -> String {
        lines().joined(separator: "\n")
    }

    // MARK: - Keeping wide graphemes whole

    private func isInside(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    /// Places a one-column cell, blanking the other half of any wide grapheme it overwrites.
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard isInside(x, y) else { return }
        let i = y * size.width + x
        if cells[i].isContinuation, x > 0, !cells[i - 1].isContinuation {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        if !cells[i].isContinuation, x + 1 < size.width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Places a two-column cell and its continuation; needs both columns inside the grid.
    mutating func putWide(_ cell: Cell, x: Int, y: Int) {
        guard isInside(x, y), x + 1 < size.width else { return }
        put(cell, x: x, y: y)
        let i = y * size.width + x
        if x + 2 < size.width, cells[i + 2].isContinuation {
            cells[i + 2] = Cell(" ", style: cells[i + 2].style)
        }
        cells[i + 1] = .continuation(style: cell.style)
    }
}
