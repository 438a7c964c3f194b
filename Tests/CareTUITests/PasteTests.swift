import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A paste lands whole in the field with focus and is never taken as keys.
@MainActor
@Suite struct PasteTests {
    @Test func severalLinesPastedIntoANoteStayInTheNoteAndRunNothing() throws {
        let h = try Harness()
        let child = try #require(h.dashboard.selectedChild)
        h.press(.char("n"), .tab, .tab, .tab)
        let pasted = "Line one of a pasted synthetic note\nsearched the test mall\ne tonight\nfinal line"
        h.terminal.feed(paste: pasted)
        h.tick()
        #expect(h.formValue("summary") == pasted)
        #expect(h.form?.focus == 3, "the paste moved no field")
        #expect(h.app.state.screens.count == 1, "no letter of the paste opened anything")
        h.press(.ctrl("s"))
        let saved = try h.store.loadDetail(of: child.id, contactLimit: 1).contacts.contacts.first
        #expect(saved?.summary == pasted)
        #expect(h.dashboard.query.sort == .risk, "nothing pasted reached the dashboard")
    }

    @Test func aOneLineFieldTakesThePasteOnOneLine() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab)
        h.terminal.feed(paste: "Test library\nsecond floor")
        h.tick()
        #expect(h.formValue("location") == "Test library second floor")
    }

    @Test func aHugePasteIsRefusedInWordsAndChangesNothing() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("kept words")
        h.terminal.feed(paste: String(repeating: "synthetic ", count: 10_000))
        h.tick()
        #expect(h.formValue("summary") == "kept words")
        #expect(h.screen.contains("Not pasted: that is 100,000 characters"), "\(h.lines.last ?? "")")
    }

    @Test func aNoteNearItsLimitShowsACounter() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.terminal.feed(paste: String(repeating: "y", count: 19_000))
        h.tick()
        #expect(h.screen.contains("19,000 / 20,000 characters"))
    }

    @Test func aPasteOnTheDashboardIsNotKeys() throws {
        let h = try Harness()
        h.terminal.feed(paste: "qnNe")
        h.tick()
        #expect(!h.app.state.quitRequested)
        #expect(h.front == nil)
        #expect(h.screen.contains("Pasting goes into a field"))
    }

    @Test func aPassphrasePastedOnTheLockScreenUnlocks() throws {
        let h = try Harness()
        h.press(.ctrl("x"))
        h.terminal.feed(paste: Harness.passphrase + "\n")
        h.press(.enter)
        #expect(!h.locked)
    }
}
