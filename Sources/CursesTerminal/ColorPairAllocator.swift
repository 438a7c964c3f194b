import TextUI

/// Hands out ncurses colour pairs lazily, one per (foreground, background) a frame uses.
///
/// ncurses draws a cell's colours through a numbered pair that must be defined (`init_pair`)
/// before use, and a terminal has a limited number of them. Themes use a handful of
/// combinations, so pairs are allocated on first use and kept. Pure: the terminal defines the
/// pairs this reports as new.
struct ColorPairAllocator {
    /// What the terminal can show, read once after `start_color`.
    struct Palette: Hashable, Sendable {
        /// ncurses `COLORS`: 0 on a monochrome terminal, 8, 16, 88 or 256.
        var colorCount: Int
        /// ncurses `COLOR_PAIRS`.
        var pairCount: Int
        /// Whether `use_default_colors` succeeded, so -1 means "the terminal's own colour".
        var defaultColorsAvailable: Bool

        var capability: ColorCapability { ColorCapability(colorCount: colorCount) }
    }

    /// The pair to draw with, and its colours when it was just allocated and must be defined.
    struct Allocation: Hashable, Sendable {
        var pair: Int16
        /// ncurses colour numbers for `init_pair`; nil when the pair already exists or is pair 0.
        var newDefinition: Definition?
    }

    struct Definition: Hashable, Sendable {
        var foreground: Int16
        var background: Int16
    }

    /// Pair 0 is fixed by ncurses (the terminal's default colours); it is also the fallback
    /// when the pairs run out, so text stays readable rather than disappearing.
    static let defaultPair: Int16 = 0

    let palette: Palette
    private var pairs: [Definition: Int16] = [:]
    private var nextPair: Int = 1

    init(palette: Palette) {
        self.palette = palette
    }

    /// The highest pair number usable; `setcchar` takes a `short`.
    private var pairLimit: Int { min(palette.pairCount, Int(Int16.max)) }

    /// How many pairs have been allocated so far.
    var allocatedCount: Int { pairs.count }

    mutating func allocate(foreground: Color, background: Color) -> Allocation {
        guard palette.capability > .none else { return Allocation(pair: Self.defaultPair, newDefinition: nil) }
        let definition = Definition(
            foreground: colorNumber(foreground, fallback: 7),
            background: colorNumber(background, fallback: 0)
        )
        let terminalDefault = Definition(foreground: palette.defaultColorsAvailable ? -1 : 7,
                                         background: palette.defaultColorsAvailable ? -1 : 0)
        if definition == terminalDefault { return Allocation(pair: Self.defaultPair, newDefinition: nil) }
        if let existing = pairs[definition] { return Allocation(pair: existing, newDefinition: nil) }
        guard nextPair < pairLimit else { return Allocation(pair: Self.defaultPair, newDefinition: nil) }
        let pair = Int16(nextPair)
        nextPair += 1
        pairs[definition] = pair
        return Allocation(pair: pair, newDefinition: definition)
    }

    /// The ncurses colour number for `color` on this terminal: -1 for the terminal's default
    /// (or `fallback` when default colours are unavailable), otherwise a palette index below
    /// `colorCount`.
    func colorNumber(_ color: Color, fallback: Int16) -> Int16 {
        switch color.degraded(to: palette.capability) {
        case .default:
            return palette.defaultColorsAvailable ? -1 : fallback
        case .ansi(let index), .indexed(let index):
            return fitted(index)
        case .rgb:
            // Only reachable for a true-colour capability, which ncurses never reports.
            return colorNumber(color.degraded(to: .indexed256), fallback: fallback)
        }
    }

    /// An 8-colour terminal shows bright colours 8–15 as their normal counterparts.
    private func fitted(_ index: UInt8) -> Int16 {
        if Int(index) < palette.colorCount { return Int16(index) }
        if index < 16 { return Int16(index % 8) }
        if case .ansi(let ansi) = Color.indexed(index).degraded(to: .ansi16) { return fitted(ansi) }
        return Int16(index % 8)
    }
}
