/// How much of an axis one part of a `Layout` asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less only when the area is too small).
    case length(Int)
    /// At least this many cells; grows to share the leftover space when no `fill` takes it.
    case min(Int)
    /// This share (0–100) of the whole area.
    case percentage(Int)
    /// A share of whatever is left, proportional to the weight.
    case fill(Int)
}

/// The direction a `Layout` splits along.
public enum Axis: Sendable {
    /// Rects stacked top to bottom (constraints are heights).
    case vertical
    /// Rects side by side, left to right (constraints are widths).
    case horizontal
}

/// Splits a rect into contiguous parts along one axis, in the spirit of ratatui's layout.
///
/// Space is handed out in a fixed order so that results are predictable when the terminal is too
/// small: first every `length` (in order, while space remains), then every `percentage` of the
/// total, then every `min` at its minimum, and finally the rest is shared by the `fill`s by weight
/// (or, when there are none, equally by the `min`s). The parts never exceed the area, and each
/// starts where the previous one ends; leftover space, if nothing claims it, stays at the end.
public struct Layout: Sendable {
    public var axis: Axis
    public var constraints: [Constraint]

    public init(_ axis: Axis, _ constraints: [Constraint]) {
        self.axis = axis
        self.constraints = constraints
    }

    /// The rects, one per constraint, in order.
    public func split(_ area: Rect) -> [Rect] {
        let total = axis == .vertical ? area.height : area.width
        let sizes = Layout.allocate(total: total, constraints)
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        var offset = 0
        for size in sizes {
            switch axis {
            case .vertical:
                rects.append(Rect(x: area.x, y: area.y + offset, width: area.width, height: size))
            case .horizontal:
                rects.append(Rect(x: area.x + offset, y: area.y, width: size, height: area.height))
            }
            offset += size
        }
        return rects
    }

    /// The length each constraint gets out of `total` cells.
    static func allocate(total: Int, _ constraints: [Constraint]) -> [Int] {
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = max(0, total)

        func take(_ wanted: Int) -> Int {
            let granted = Swift.min(Swift.max(0, wanted), remaining)
            remaining -= granted
            return granted
        }

        for (i, c) in constraints.enumerated() {
            if case .length(let n) = c { sizes[i] = take(n) }
        }
        for (i, c) in constraints.enumerated() {
            if case .percentage(let p) = c {
                sizes[i] = take(Swift.max(0, total) * Swift.min(Swift.max(0, p), 100) / 100)
            }
        }
        for (i, c) in constraints.enumerated() {
            if case .min(let n) = c { sizes[i] = take(n) }
        }

        var weights: [(index: Int, weight: Int)] = constraints.enumerated().compactMap { i, c in
            if case .fill(let w) = c { return (i, Swift.max(0, w)) }
            return nil
        }
        if weights.isEmpty {
            weights = constraints.enumerated().compactMap { i, c in
                if case .min = c { return (i, 1) }
                return nil
            }
        }
        let totalWeight = weights.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0, remaining > 0 else { return sizes }

        // Floor each share, then hand the cells lost to rounding to the first parts, one each.
        let pool = remaining
        var handedOut = 0
        for (i, w) in weights {
            let share = pool * w / totalWeight
            sizes[i] += share
            handedOut += share
        }
        var leftover = pool - handedOut
        for (i, w) in weights where leftover > 0 && w > 0 {
            sizes[i] += 1
            leftover -= 1
        }
        return sizes
    }
}
