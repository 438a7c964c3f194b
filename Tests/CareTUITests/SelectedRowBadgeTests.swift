import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Issue 21: on a light background the selected row's CRITICAL badge was white on the
/// selection's pale blue (nearly invisible): the highlight replaced every cell's background. A
/// badge keeps its own background under the selection; the rest of the row takes the selection.
@MainActor
@Suite struct SelectedRowBadgeTests {
    @Test func theSelectedCriticalRowKeepsItsBadge() throws {
        let h = try Harness()
        let row = try #require(h.selectedCaseloadRow)
        #expect(row.contains("CRITICAL"), "the demo's first row by risk is critical: \(row)")
        let y = try #require(h.lines.firstIndex { $0.contains("▶") && $0.contains("CRITICAL") })
        let line = h.lines[y]
        let badge = try #require(line.range(of: "CRITICAL").map { line.distance(from: line.startIndex, to: $0.lowerBound) })
        let theme = Theme.default
        #expect(h.terminal.screen[badge, y].style.background == theme[.riskCritical].background)
        #expect(h.terminal.screen[badge, y].style.foreground == theme[.riskCritical].foreground)
        let name = badge + 12
        #expect(h.terminal.screen[name, y].style.background == theme[.selected].background, "the rest of the row is selected")
    }
}
