/// One screen cell: a grapheme cluster and its style. A wide grapheme (2 columns) sits in its
/// first cell; the cell to its right is a `continuation` with an empty symbol, which terminals skip.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()

    /// The right half of a wide grapheme.
    public static func continuation(style: Style) -> Cell { Cell("", style: style) }

    public var isContinuation: Bool { symbol.isEmpty }
}

/// A cell that changed between two frames, as handed to a `Terminal`.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
