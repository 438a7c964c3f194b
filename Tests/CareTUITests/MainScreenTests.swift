import CareTUI
import Foundation
import Testing
import TextUI

/// The main screen at the sizes people use, compared line by line with reviewed captures in
/// `Golden/`. Set CARE_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then read them.
@MainActor
@Suite struct MainScreenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func assertGolden(_ lines: [String], _ name: String) throws {
        let file = Self.goldenDirectory.appendingPathComponent(name)
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["CARE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").dropLast()
        #expect(lines.count == expected.count)
        for (index, (got, want)) in zip(lines, expected).enumerated() {
            #expect(got == want, "line \(index + 1) differs")
        }
    }

    @Test func wideScreenHasFourPanesTopLineAndKeyHints() throws {
        let h = try Harness(size: Size(width: 120, height: 32))
        h.rest()
        try assertGolden(h.lines, "main-120x32.txt")
        #expect(h.lines[0].hasPrefix(" CARE · KEN unit · Night shift"))
        for title in ["1 Caseload", "2 Child", "3 Referral queue", "4 Alerts"] { #expect(h.screen.contains(title)) }
        #expect(h.lines.last?.contains("Tab next pane") == true)
    }

    @Test func narrowScreenShowsOnePaneWithATabStrip() throws {
        let h = try Harness(size: Size(width: 80, height: 24))
        try assertGolden(h.lines, "main-80x24.txt")
        #expect(h.lines[1].contains("1 Caseload") && h.lines[1].contains("4 Alerts"))
        #expect(!h.screen.contains("┏━ 2 Child"))
        h.press(.char("4"))
        #expect(h.screen.contains("4 Alerts ("))
    }

    @Test func tooSmallScreenSaysWhatSizeIsNeeded() throws {
        let h = try Harness(size: Size(width: 50, height: 12))
        try assertGolden(h.lines, "too-small-50x12.txt")
        #expect(h.screen.contains("at least 60×16"))
        #expect(h.screen.contains("This one is 50×12"))
    }

    /// At 20×5 the sentence was cut before the size it needs; now it wraps, and the fewest words
    /// say both sizes where not even that fits.
    @Test func aTinyScreenStillShowsTheSizeItNeedsWhole() throws {
        for (width, height) in [(20, 5), (20, 3), (30, 4)] {
            let h = try Harness(size: Size(width: width, height: height))
            #expect(h.screen.contains("60×16"), "\(width)×\(height):\n\(h.screen)")
            #expect(h.screen.contains("\(width)×\(height)"), "\(width)×\(height):\n\(h.screen)")
        }
    }

    @Test func resizingRedrawsTheWholeScreen() throws {
        let h = try Harness(size: Size(width: 120, height: 32))
        h.terminal.resize(to: Size(width: 50, height: 12))
        h.tick()
        #expect(h.screen.contains("at least 60×16"))
        h.terminal.resize(to: Size(width: 120, height: 32))
        h.rest()
        try assertGolden(h.lines, "main-120x32.txt")
    }

    @Test func focusCyclesWithTabShiftTabAndNumbers() throws {
        let h = try Harness()
        #expect(h.focus == .caseload)
        h.press(.tab)
        #expect(h.focus == .child)
        h.press(.backTab, .backTab)
        #expect(h.focus == .alerts)
        h.press(.char("3"))
        #expect(h.focus == .referrals)
        #expect(h.screen.contains("┏━ 3 Referral queue") || h.screen.contains("┏ 3 Referral queue"))
    }

    @Test func helpListsEveryBindingOfTheScreenItWasOpenedFrom() throws {
        let h = try Harness(size: Size(width: 120, height: 80))
        h.press(.char("?"))
        let keymap = h.app.state.keymap
        for context in PaneID.caseload.keyChain.contexts {
            #expect(h.screen.contains(context.title), "help has no \(context.title) heading")
            for binding in keymap.map(context).bindings {
                #expect(h.screen.contains(binding.help), "help does not list \(binding.help)")
            }
        }
        // Alerts keys are not keys of the caseload.
        #expect(!h.screen.contains(keymap.map(.alerts).bindings[0].help))
        h.press(.char("x"))
        #expect(h.front == nil, "any key that is not a scroll key closes help")
        #expect(h.screen.contains("1 Caseload"))
    }

    @Test func helpFromAFormListsTheFormKeysAndTheEditingKeys() throws {
        let h = try Harness(size: Size(width: 120, height: 60))
        h.press(.char("n"), .function(1))
        #expect(h.screen.contains("Forms"))
        #expect(h.screen.contains("save"))
        #expect(h.screen.contains("delete the word before or after the cursor"))
        #expect(!h.screen.contains("cycle the sort order"), "caseload keys do not work in a form")
        h.press(.char("q"))
        #expect(h.form != nil, "q closes the help and leaves the form as it was")
    }

    @Test func movingTheSelectionOneRowWritesOnlyTheChangedCells() throws {
        let h = try Harness()
        h.press(.char("4"))
        // In the alerts pane nothing but the two highlighted rows depends on the selection.
        let area = try #require(MainScreen.paneAreas(size: h.terminal.size, focus: .alerts)[.alerts])
        h.press(.down)
        let written = h.app.cellsWrittenLastFrame
        #expect(written == 2 * (area.width - 2), "a one-row move wrote \(written) cells")
        #expect(written < 120 * 32 / 10)
    }

    @Test func maskingReplacesNamesWithInitialsAndCaseNumbers() throws {
        let h = try Harness()
        let child = try #require(h.dashboard.selectedChild)
        #expect(h.screen.contains(child.displayName))
        h.press(.char("M"))
        #expect(!h.screen.contains(child.displayName))
        #expect(h.screen.contains("\(child.caseNumber) \(child.initials)"))
        for other in h.dashboard.snapshot.children where other.displayName.count > 3 {
            #expect(!h.screen.contains(other.displayName), "\(other.caseNumber) unmasked")
        }
    }
}
