/// A rectangle of cells: the area a pane, widget or piece of text may draw into.
///
/// Rects never hold a negative width or height; operations that would shrink one below zero
/// give an empty rect instead, so drawing code can subdivide without guarding every step.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }

    /// True when the rect holds no cell.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// One past the last column (`x + width`).
    public var right: Int { x + width }

    /// One past the last row (`y + height`).
    public var bottom: Int { y + height }

    public var description: String { "(\(x),\(y) \(width)×\(height))" }

    /// The rect shrunk by `n` cells on each side; its size never goes below zero.
    public func inset(by n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }

    /// The cells both rects cover; empty (with zero size) when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(self.right, other.right)
        let bottom = min(self.bottom, other.bottom)
        guard right > left, bottom > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Whether the cell at `p` lies inside the rect.
    public func contains(_ p: Point) -> Bool {
        p.x >= x && p.x < right && p.y >= y && p.y < bottom
    }

    /// The one-line rect at row `y + i`; empty (height 0) when that row is outside the rect.
    public func row(_ i: Int) -> Rect {
        Rect(x: x, y: y + i, width: width, height: (i >= 0 && i < height) ? 1 : 0)
    }
}
