/// A row of block elements, one per value, for trends at a glance (contacts per day, missing
/// episodes over 90 days).
///
/// Values map from the lower bound (0, or the smallest value when any is negative) to the
/// largest onto `▁▂▃▄▅▆▇█`, so the tallest bar is always the busiest day. Colour is optional:
/// the shape carries the meaning.
public struct Sparkline: Widget, Hashable, Sendable {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    public var role: ThemeRole

    public init(values: [Double], role: ThemeRole = .normal) {
        self.values = values
        self.role = role
    }

    public init(values: [Int], role: ThemeRole = .normal) {
        self.init(values: values.map(Double.init), role: role)
    }

    /// The symbols for `values`, the most recent (last) `width` of them when there are more.
    public static func symbols(for values: [Double], width: Int? = nil) -> String {
        let shown = width.map { Array(values.suffix(max($0, 0))) } ?? values
        guard let high = shown.max(), let low = shown.min() else { return "" }
        let floor = min(low, 0)
        let span = high - floor
        return String(shown.map { value -> Character in
            guard span > 0, value.isFinite else { return levels[0] }
            let level = Int(((value - floor) / span * Double(levels.count - 1)).rounded())
            return levels[min(max(level, 0), levels.count - 1)]
        })
    }

    /// The values in words, for plain mode: "lowest 0, highest 4, last 2".
    public static func words(for values: [Double]) -> String {
        guard let high = values.max(), let low = values.min(), let last = values.last else { return "no values" }
        return "lowest \(BarChart.format(low)), highest \(BarChart.format(high)), last \(BarChart.format(last))"
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        if buffer.plain {
            buffer.write(Self.words(for: values), at: area.origin, width: area.width, style: theme[role])
            return
        }
        buffer.write(Self.symbols(for: values, width: area.width), at: area.origin, style: theme[role], clip: area.row(0))
    }
}
