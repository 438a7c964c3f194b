/// A colour as a theme names it. Terminals that cannot show it get the nearest they can
/// (`degraded(to:)`): true colour → 256 → 16 → 8 → none.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm palette entries.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// How many colours a terminal can show.
public enum ColorCapability: Int, Sendable, Comparable, CaseIterable {
    case none = 0
    /// The eight ANSI colours only (`TERM=linux`, `TERM=xterm`): 8–15 do not exist there.
    case ansi8 = 8
    case ansi16 = 16
    case indexed256 = 256
    case trueColor = 16_777_216

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool { lhs.rawValue < rhs.rawValue }

    /// From the count a terminal reports (ncurses `COLORS`).
    public init(colorCount: Int) {
        switch colorCount {
        case ..<8: self = .none
        case ..<16: self = .ansi8
        case ..<256: self = .ansi16
        default: self = .indexed256
        }
    }
}

extension Color {
    /// The nearest colour a terminal with `capability` can show; `.default` when it has none.
    public func degraded(to capability: ColorCapability) -> Color {
        switch (self, capability) {
        case (_, .none): return .default
        case (.default, _): return .default
        case (.rgb, .trueColor): return self
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(Color.nearestIndex256(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16), (.rgb(let r, let g, let b), .ansi8):
            return .ansi(Color.nearestAnsi(r, g, b, count: capability.rawValue))
        case (.indexed(let i), .ansi16), (.indexed(let i), .ansi8), (.ansi(let i), .ansi8):
            if Int(i) < capability.rawValue { return .ansi(i) }
            let (r, g, b) = Color.rgbOfIndex(i)
            return .ansi(Color.nearestAnsi(r, g, b, count: capability.rawValue))
        case (.indexed(let i), _) where i < 16: return .ansi(i)
        default: return self
        }
    }

    /// The 16 ANSI colours as xterm shows them by default.
    static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgbOfIndex(_ i: UInt8) -> (UInt8, UInt8, UInt8) {
        if i < 16 { return ansiPalette[Int(i)] }
        if i >= 232 {
            let v = UInt8(8 + Int(i - 232) * 10)
            return (v, v, v)
        }
        let n = Int(i) - 16
        return (UInt8(cubeLevels[n / 36]), UInt8(cubeLevels[(n / 6) % 6]), UInt8(cubeLevels[n % 6]))
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr * 2 + dg * dg * 4 + db * db * 3
    }

    static func nearestIndex256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best: UInt8 = 16
        var bestDistance = Int.max
        for i in 16...255 {
            let d = distance((r, g, b), rgbOfIndex(UInt8(i)))
            if d < bestDistance { (best, bestDistance) = (UInt8(i), d) }
        }
        return best
    }

    /// Whether a colour is a grey (its channels within a few steps of each other): its nearest
    /// ANSI colour must be a grey too, not the cyan a plain distance can find for mid-grey.
    static func isGrey(_ c: (UInt8, UInt8, UInt8)) -> Bool {
        let channels = [Int(c.0), Int(c.1), Int(c.2)]
        return channels.max()! - channels.min()! < 24
    }

    /// The nearest of the first `count` ANSI colours (8 or 16), a grey for a grey.
    static func nearestAnsi(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int = 16) -> UInt8 {
        var best: UInt8 = 0
        var bestDistance = Int.max
        let grey = isGrey((r, g, b))
        for (i, c) in ansiPalette.prefix(count).enumerated() where !grey || isGrey(c) {
            let d = distance((r, g, b), c)
            if d < bestDistance { (best, bestDistance) = (UInt8(i), d) }
        }
        return best
    }
}
