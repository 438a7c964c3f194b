/// One bar of a `BarChart`.
public struct Bar: Hashable, Sendable {
    public var label: String
    public var value: Double
    public var role: ThemeRole

    public init(_ label: String, value: Double, role: ThemeRole = .normal) {
        self.label = label
        self.value = value
        self.role = role
    }
}

/// Labelled horizontal bars, each followed by its value as text, e.g. the risk distribution:
///
/// ```
/// low       ████████▌ 17
/// critical  ██ 4
/// ```
///
/// Bar lengths use eighth blocks (`▏▎▍▌▋▊▉█`) for resolution; the number is always printed, so
/// nothing depends on colour or on judging lengths.
public struct BarChart: Widget, Hashable, Sendable {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public var bars: [Bar]

    public init(bars: [Bar]) {
        self.bars = bars
    }

    /// The bar for `value` out of `maximum` in `width` columns.
    public static func bar(value: Double, maximum: Double, width: Int) -> String {
        guard maximum > 0, value > 0, width > 0, value.isFinite else { return "" }
        let eighthsTotal = Int((min(value / maximum, 1) * Double(width * 8)).rounded())
        var text = String(repeating: "█", count: eighthsTotal / 8)
        if eighthsTotal % 8 > 0 { text.append(eighths[eighthsTotal % 8 - 1]) }
        return text
    }

    /// A value as shown after its bar: whole numbers without a decimal point.
    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format1: value)
    }

    /// Blocks are drawn in the foreground colour, so a role drawn as a badge (light text on a
    /// coloured ground, as critical risk is) draws its bar in the ground's colour instead: white
    /// blocks on a white terminal would not be seen, nor reversed ones on any.
    static func barStyle(_ style: Style) -> Style {
        // Reversed blocks would be drawn in the terminal's background colour: never seen.
        var bar = style
        bar.attributes.remove(.reverse)
        if bar.background != .default {
            bar.foreground = bar.background
            bar.background = .default
        }
        return bar
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty, !bars.isEmpty else { return }
        let labelWidth = min(bars.map { DisplayWidth.of($0.label) }.max() ?? 0, area.width / 3)
        let valueWidth = bars.map { DisplayWidth.of(Self.format($0.value)) }.max() ?? 0
        let barWidth = max(area.width - labelWidth - valueWidth - 2, 0)
        let maximum = bars.map(\.value).max() ?? 0
        for (i, bar) in bars.prefix(area.height).enumerated() {
            let row = area.row(i)
            buffer.write(bar.label, at: row.origin, width: labelWidth, style: theme[.normal], pad: true)
            // Plain mode: the number alone says it.
            let drawn = buffer.plain ? "" : Self.bar(value: bar.value, maximum: maximum, width: barWidth)
            var x = row.x + labelWidth + 1
            x += buffer.write(drawn, at: Point(x: x, y: row.y), style: Self.barStyle(theme[bar.role]), clip: row)
            buffer.write(" " + Self.format(bar.value), at: Point(x: x, y: row.y), style: theme[.normal], clip: row)
        }
    }
}

private extension String {
    /// One decimal place, without Foundation's locale-dependent formatting.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        self = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
