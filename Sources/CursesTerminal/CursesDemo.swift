import CNCurses
import TextUI

/// A manual check of `CursesTerminal`: a box around the screen, wide and combining text,
/// colours and attributes, the size, and the last key. Redraws on resize; `q` or a stop signal
/// ends it. Wired to a hidden subcommand of `care` for checking a terminal by eye (or in tmux).
@MainActor
public func runCursesSmokeDemo() throws(CursesError) {
    let terminal = try CursesTerminal()
    defer { terminal.restore() }
    var lastInput = "none yet"
    terminal.draw(CursesSmokeDemoFrame.cells(size: terminal.size, capability: terminal.colorCapability, lastInput: lastInput), cursor: nil)
    while true {
        let events = terminal.readEvents(timeoutMilliseconds: 1000)
        if events.isEmpty { continue }
        for event in events {
            switch event {
            case .interrupt:
                return
            case .key(.char("q")):
                return
            case .key(let key):
                lastInput = "\(key)"
            case .resize(let size):
                lastInput = "resize to \(size)"
                terminal.invalidate()
            }
        }
        terminal.draw(CursesSmokeDemoFrame.cells(size: terminal.size, capability: terminal.colorCapability, lastInput: lastInput), cursor: nil)
    }
}

/// The demo's frame as a full screen of cells (ncurses itself skips the unchanged ones).
@MainActor
enum CursesSmokeDemoFrame {
    static func cells(size: Size, capability: ColorCapability, lastInput: String) -> [CellChange] {
        var grid = Array(repeating: Array(repeating: Cell.blank, count: max(size.width, 0)), count: max(size.height, 0))
        guard size.width >= 2, size.height >= 2 else { return [] }
        let frame = Style(foreground: .ansi(6))
        for x in 0..<size.width {
            grid[0][x] = Cell("─", style: frame)
            grid[size.height - 1][x] = Cell("─", style: frame)
        }
        for y in 0..<size.height {
            grid[y][0] = Cell("│", style: frame)
            grid[y][size.width - 1] = Cell("│", style: frame)
        }
        grid[0][0] = Cell("┌", style: frame)
        grid[0][size.width - 1] = Cell("┐", style: frame)
        grid[size.height - 1][0] = Cell("└", style: frame)
        grid[size.height - 1][size.width - 1] = Cell("┘", style: frame)

        func write(_ text: String, x: Int, y: Int, style: Style = .plain) {
            guard y > 0, y < size.height - 1 else { return }
            var column = x
            for character in text {
                let symbol = String(character)
                let width = CursesGlyph.wideCharacters(for: symbol).width
                guard column + width <= size.width - 1 else { return }
                grid[y][column] = Cell(symbol, style: style)
                if width == 2 { grid[y][column + 1] = .continuation(style: style) }
                column += width
            }
        }

        write(" care curses smoke demo ", x: 2, y: 0 + 1, style: Style(attributes: .bold))
        write("size \(size)  colours \(capability)", x: 2, y: 2)
        write("漢字 ᐊᓂᔑᓈ Métis 🍁", x: 2, y: 4)
        write("|漢字|ᐊᓂᔑᓈ|Me\u{301}tis|🍁|", x: 2, y: 5, style: Style(attributes: .underline))
        write("bold", x: 2, y: 7, style: Style(attributes: .bold))
        write("dim", x: 8, y: 7, style: Style(attributes: .dim))
        write("underline", x: 13, y: 7, style: Style(attributes: .underline))
        write("reverse", x: 24, y: 7, style: Style(attributes: .reverse))
        for index in 0..<16 {
            write("  ", x: 2 + index * 2, y: 8, style: Style(background: .ansi(UInt8(index))))
        }
        write("rgb→", x: 2, y: 9)
        for step in 0..<12 {
            let level = UInt8(step * 21)
            write(" ", x: 6 + step, y: 9, style: Style(background: .rgb(level, 64, 255 - level)))
        }
        write("last input: \(lastInput)", x: 2, y: 11)
        write("press q to quit", x: 2, y: size.height - 2, style: Style(foreground: .ansi(3)))
        // A wide glyph ending just inside the right border, next to the last column.
        write("漢", x: size.width - 3, y: size.height - 2)

        var changes: [CellChange] = []
        changes.reserveCapacity(size.width * size.height)
        for (y, row) in grid.enumerated() {
            for (x, cell) in row.enumerated() { changes.append(CellChange(x: x, y: y, cell: cell)) }
        }
        return changes
    }
}
