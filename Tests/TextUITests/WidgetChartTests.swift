import Testing
import TextUI

/// Sparklines and bar charts drawn with block elements.
@Suite struct WidgetChartTests {
    @Test func sparklineMapsValuesOntoEightLevels() {
        #expect(Sparkline.symbols(for: [0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.symbols(for: [0, 0, 14, 0, 7]) == "▁▁█▁▅")
        #expect(Sparkline.symbols(for: [3, 3, 3]) == "███")
        #expect(Sparkline.symbols(for: [0, 0]) == "▁▁")
        #expect(Sparkline.symbols(for: []) == "")
    }

    @Test func sparklineShowsTheMostRecentValuesThatFit() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        Sparkline(values: [9, 9, 9, 0, 1, 2]).render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        #expect(buffer.line(0) == "▁▅█")
    }

    @Test func barChartScalesBarsAndPrintsValues() {
        let chart = BarChart(bars: [
            Bar("low", value: 16, role: .riskLow),
            Bar("critical", value: 4, role: .riskCritical),
            Bar("none", value: 0),
        ])
        var buffer = Buffer(size: Size(width: 30, height: 3))
        chart.render(in: buffer.area, buffer: &buffer, theme: .default)
        // 30 columns: label 8, gap 1, bar 18, gap 1, value 2.
        #expect(buffer.lines()[0] == "low      " + String(repeating: "█", count: 18) + " 16")
        #expect(buffer.lines()[1] == "critical ████▌ 4")
        #expect(buffer.lines()[2] == "none      0")
        #expect(buffer[9, 1].style == Theme.default[.riskCritical])
    }

    @Test func barUsesEighthBlocks() {
        #expect(BarChart.bar(value: 1, maximum: 8, width: 1) == "▏")
        #expect(BarChart.bar(value: 3, maximum: 4, width: 2) == "█▌")
        #expect(BarChart.bar(value: 0, maximum: 4, width: 2) == "")
    }
}
