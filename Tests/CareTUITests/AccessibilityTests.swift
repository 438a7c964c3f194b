import CareDomain
@testable import CareTUI
import Foundation
import Testing
import TextUI

/// Screen readers and braille displays follow the terminal's cursor, not a highlighted bar: the
/// cursor (hidden unless asked for) is left on what has the focus after every key; plain mode
/// draws no box, block or shape and spells each row out; and every glyph that means something
/// has its word beside it.
@MainActor
@Suite struct AccessibilityTests {
    /// The text of the line the cursor was left on.
    static func lineUnderCursor(_ h: Harness) -> String? {
        h.terminal.cursorPosition.map { h.terminal.screen.line($0.y) }
    }

    /// The text from the cursor to the end of its line.
    static func fromCursor(_ h: Harness) -> String? {
        guard let at = h.terminal.cursorPosition else { return nil }
        return String(h.terminal.screen.line(at.y).dropFirst(at.x))
    }

    @Test func theCursorSitsOnTheSelectedRowOfEveryListHiddenUnlessAskedFor() throws {
        let h = try Harness(user: "demo-supervisor")
        for _ in 0..<3 { h.press(.char("j")) }
        let child = try #require(h.dashboard.selectedRow)
        #expect(Self.fromCursor(h)?.contains(String(child.displayName.prefix(10))) == true, "\(Self.lineUnderCursor(h) ?? "no cursor")")
        #expect(h.terminal.cursor == nil, "the focus cursor is hidden by default")

        h.press(.char("3"), .char("j"))
        let referral = try #require(h.dashboard.selectedReferral)
        #expect(Self.fromCursor(h)?.contains(referral.status.rawValue.uppercased()) == true, "\(Self.lineUnderCursor(h) ?? "")")

        h.press(.char("4"), .char("j"))
        let alert = try #require(h.dashboard.selectedAlert)
        #expect(Self.fromCursor(h)?.contains(String(alert.message.prefix(20))) == true, "\(Self.lineUnderCursor(h) ?? "")")

        // The handover's selected card.
        h.press(.char("H"), .char("j"))
        let card = try #require(h.app.state.screen(HandoverScreen.self)?.selectedCard)
        let name = try #require(h.dashboard.child(card.child)?.displayName)
        #expect(Self.lineUnderCursor(h)?.contains(name) == true, "\(Self.lineUnderCursor(h) ?? "")")
    }

    @Test func aQuestionsFocusedButtonTheReadersTopLineAndAMessageHaveTheCursor() throws {
        let h = try Harness()
        h.press(.char("n"))
        h.press(.tab, .tab, .tab)
        h.type("Synthetic note for the cursor test")
        #expect(h.terminal.cursor != nil, "typing shows the cursor where the next character goes")
        #expect(Self.lineUnderCursor(h)?.contains("Synthetic note for the cursor test") == true)
        h.press(.ctrl("d"))
        #expect(Self.fromCursor(h)?.hasPrefix("[ Keep editing ]") == true, "\(Self.lineUnderCursor(h) ?? "")")
        h.press(.left)
        #expect(Self.fromCursor(h)?.hasPrefix("[ Discard ]") == true, "\(Self.lineUnderCursor(h) ?? "")")
        h.press(.enter)

        h.press(.char("4"), .char(" "))
        #expect(h.front is ReaderScreen)
        let title = try #require((h.front as? ReaderScreen)?.document.paragraphs.first)
        #expect(Self.lineUnderCursor(h)?.contains(String(title.prefix(12))) == true, "\(Self.lineUnderCursor(h) ?? "")")
        h.press(.char("y"))
        #expect(Self.fromCursor(h)?.hasPrefix("Nothing is copied") == true, "the message is read where it appears")
    }

    @Test func cursorVisibleShowsTheFocusCursor() throws {
        let h = try Harness(showFocusCursor: true)
        h.press(.char("j"))
        #expect(h.terminal.cursor == h.terminal.cursorPosition && h.terminal.cursor != nil)
    }

    /// Box drawing, block elements, geometric shapes and braille patterns.
    static func glyphs(in screen: String) -> [Character] {
        screen.filter { Buffer.isGlyph(String($0)) }
    }

    @Test(arguments: [Size(width: 120, height: 32), Size(width: 80, height: 24)])
    func plainModeDrawsNoGlyphAndSpellsRowsOut(_ size: Size) throws {
        let h = try Harness(size: size, user: "demo-supervisor", plain: true)
        var seen: [String: String] = [:]
        seen["caseload"] = h.screen
        let first = try #require(h.dashboard.selectedRow)
        let expected = "1 of \(h.dashboard.rows.count). \(first.displayName), \(first.caseNumber), \(first.risk.word.lowercased()) risk"
        #expect(h.screen.contains(expected), "\(h.screen)")
        #expect(h.screen.contains("critical: "), "the top line counts in words")
        h.press(.enter)
        seen["record"] = h.screen
        #expect(h.screen.contains("Missing, last 90 days: "))
        h.press(.char("3"))
        seen["queue"] = h.screen
        h.press(.char("4"))
        seen["alerts"] = h.screen
        h.press(.char("H"))
        seen["handover"] = h.screen
        h.press(.escape, .char("?"))
        seen["help"] = h.screen
        h.press(.escape, .char("1"), .char("n"))
        seen["form"] = h.screen
        h.press(.escape)
        for (name, screen) in seen {
            #expect(Self.glyphs(in: screen).isEmpty, "\(name) at \(size.width)x\(size.height): \(String(Self.glyphs(in: screen)))\n\(screen)")
        }
        #expect(seen["caseload"]?.contains("(in focus)") == true, "the focused pane says so in words")
    }

    /// The glyphs the screens use for meaning, and the words one of which must stand beside each.
    static let meaningful: [Character: [String]] = [
        "●": ["CRITICAL", "URGENT", "critical"],
        "▲": ["HIGH", "MEDIUM", "WARNING", "WATCH", "WAITING", "high", "medium", "warning"],
        "·": [], "▶": [],
    ]

    @Test func everyGlyphThatMeansSomethingHasAWordBesideIt() throws {
        let h = try Harness(user: "demo-supervisor")
        var screens = [h.screen]
        h.press(.enter)
        screens.append(h.screen)
        h.press(.char("H"))
        screens.append(h.screen)
        var checked = 0
        for screen in screens {
            for line in screen.split(separator: "\n") {
                for (glyph, words) in Self.meaningful where !words.isEmpty && line.contains(glyph) {
                    checked += 1
                    #expect(words.contains { line.contains($0) }, "\(glyph) without its word: \(line)")
                }
            }
        }
        #expect(checked > 10, "the screens showed severities to check")
    }
}
