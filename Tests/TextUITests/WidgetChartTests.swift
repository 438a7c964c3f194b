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
        // Critical risk is a badge (light on red): its bar is drawn red on the terminal's ground,
        // not light-on-red blocks that vanish into a light terminal.
        let badge = Theme.default[.riskCritical]
        #expect(buffer[9, 1].style.foreground == badge.background && buffer[9, 1].style.background == .default)
        #expect(buffer[9, 0].style == Theme.default[.riskLow])
    }

    @Test func aReversedRoleStillDrawsItsBar() {
        let theme = Theme(name: "test", styles: [.riskHigh: Style(attributes: [.reverse, .bold])], base: .monochrome)
        var buffer = Buffer(size: Size(width: 12, height: 1))
        BarChart(bars: [Bar("h", value: 1, role: .riskHigh)]).render(in: buffer.area, buffer: &buffer, theme: theme)
        #expect(!buffer[2, 0].style.attributes.contains(.reverse) && buffer[2, 0].style.attributes.contains(.bold))
    }

    @Test func barUsesEighthBlocks() {
        #expect(BarChart.bar(value: 1, maximum: 8, width: 1) == "▏")
        #expect(BarChart.bar(value: 3, maximum: 4, width: 2) == "█▌")
        #expect(BarChart.bar(value: 0, maximum: 4, width: 2) == "")
    }
}
