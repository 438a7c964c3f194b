/// The eight glyphs that draw a box.
///
/// Panes are boxed with `light` lines; the focused pane gets `heavy` ones, so focus shows even
/// on a monochrome terminal where a colour change would not.
public struct Border: Hashable, Sendable {
    public var topLeft: Character
    public var top: Character
    public var topRight: Character
    public var left: Character
    public var right: Character
    public var bottomLeft: Character
    public var bottom: Character
    public var bottomRight: Character

    public init(
        topLeft: Character, top: Character, topRight: Character,
        left: Character, right: Character,
        bottomLeft: Character, bottom: Character, bottomRight: Character
    ) {
        self.topLeft = topLeft
        self.top = top
        self.topRight = topRight
        self.left = left
        self.right = right
        self.bottomLeft = bottomLeft
        self.bottom = bottom
        self.bottomRight = bottomRight
    }

    /// `┌─┐│└┘`
    public static let light = Border(
        topLeft: "┌", top: "─", topRight: "┐", left: "│", right: "│", bottomLeft: "└", bottom: "─", bottomRight: "┘")

    /// `┏━┓┃┗┛`
    public static let heavy = Border(
        topLeft: "┏", top: "━", topRight: "┓", left: "┃", right: "┃", bottomLeft: "┗", bottom: "━", bottomRight: "┛")

    /// `╭─╮│╰╯`
    public static let rounded = Border(
        topLeft: "╭", top: "─", topRight: "╮", left: "│", right: "│", bottomLeft: "╰", bottom: "─", bottomRight: "╯")

    /// `+-+|++` for terminals or fonts without box drawing.
    public static let ascii = Border(
        topLeft: "+", top: "-", topRight: "+", left: "|", right: "|", bottomLeft: "+", bottom: "-", bottomRight: "+")
}

extension Buffer {
    /// Draws the outline of `rect` with a light (or, for the focused pane, heavy) border and a
    /// title in the top edge: `┌ 1 Caseload (42) ───┐`. The title is cut with "…" to fit. The
    /// inside of the box is left as it is. Nothing is drawn when `rect` is smaller than 2×2.
    public mutating func drawBox(_ rect: Rect, title: String, style: Style, titleStyle: Style, heavy: Bool = false) {
        drawBox(rect, border: heavy ? .heavy : .light, title: title, style: style, titleStyle: titleStyle)
    }

    /// Draws the outline of `rect` with `border`'s glyphs and a title in the top edge.
    /// In plain mode no line is drawn: the title stands alone on the top row, the focused (heavy)
    /// box's marked "(in focus)" in words.
    public mutating func drawBox(_ rect: Rect, border: Border, title: String, style: Style, titleStyle: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        if plain {
            let words = Sanitizer.clean(title) + (border == .heavy ? " (in focus)" : "")
            write(words, at: rect.origin, width: rect.width, style: titleStyle, pad: true)
            return
        }
        let right = rect.right - 1
        let bottom = rect.bottom - 1
        for x in (rect.x + 1)..<right {
            put(Cell(String(border.top), style: style), x: x, y: rect.y)
            put(Cell(String(border.bottom), style: style), x: x, y: bottom)
        }
        for y in (rect.y + 1)..<bottom {
            put(Cell(String(border.left), style: style), x: rect.x, y: y)
            put(Cell(String(border.right), style: style), x: right, y: y)
        }
        put(Cell(String(border.topLeft), style: style), x: rect.x, y: rect.y)
        put(Cell(String(border.topRight), style: style), x: right, y: rect.y)
        put(Cell(String(border.bottomLeft), style: style), x: rect.x, y: bottom)
        put(Cell(String(border.bottomRight), style: style), x: right, y: bottom)

        let room = rect.width - 2
        let clean = Sanitizer.clean(title)
        guard room > 0, !clean.isEmpty else { return }
        let label = DisplayWidth.truncate(" " + clean + " ", to: room)
        write(label, at: Point(x: rect.x + 1, y: rect.y), style: titleStyle,
              clip: Rect(x: rect.x + 1, y: rect.y, width: room, height: 1))
    }
}

extension Buffer {
    /// Whether a grapheme is box drawing, a block element, a braille pattern or a geometric
    /// shape: marks a screen reader reads as noise ("box drawings heavy horizontal").
    public static func isGlyph(_ symbol: String) -> Bool {
        symbol.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x2500...0x259F, 0x25A0...0x25FF, 0x2800...0x28FF: true
            default: false
            }
        }
    }

    /// Plain mode's last pass: any such glyph a renderer left (its meaning is said in words beside
    /// it) becomes a space.
    public mutating func blankGlyphs() {
        for y in 0..<size.height {
            for x in 0..<size.width where Self.isGlyph(self[x, y].symbol) {
                var cell = self[x, y]
                cell.symbol = " "
                self[x, y] = cell
            }
        }
    }
}
