import CareDomain
@testable import CareTUI
import Foundation
import Testing
import TextUI

/// Defect 3 of issue 21: a paste from a terminal or multiplexer without bracketed paste arrives
/// as keys. Printable characters and line breaks in one read (faster than anyone types) are
/// taken as a paste: into the field in front whole, never as keys or answers.
@MainActor
@Suite struct UnbracketedPasteTests {
    /// `text`'s characters as keys, "\n" as Enter, all in one read (as tmux's paste-buffer
    /// without -p sends them).
    func feedInOneRead(_ h: Harness, _ text: String) {
        h.terminal.feed(text.map { $0 == "\n" ? Key.enter : Key.char($0) })
        h.tick()
    }

    @Test func aPastedLineBreakInTheFilterEndsNothingAndQuitsNothing() throws {
        let h = try Harness()
        h.press(.char("/"))
        #expect(h.dashboard.filterEditing)
        feedInOneRead(h, "Rowan\nq\nM\nH")
        #expect(!h.app.state.quitRequested)
        #expect(!h.dashboard.masked)
        #expect(h.front == nil, "no handover opened")
        #expect(h.dashboard.filterEditing)
        #expect(h.dashboard.filterField.value == "Rowan q M H")
    }

    @Test func linesPastedIntoAOneLineFieldStayInIt() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab)
        #expect(h.form?.focusedField?.id == "location")
        feedInOneRead(h, "Test Mall (synthetic)\nfood court\nnorth door")
        #expect(h.formValue("location") == "Test Mall (synthetic) food court north door")
        #expect(h.form?.focusedField?.id == "location", "the line breaks did not move to the next fields")
        #expect(h.formValue("summary") == "")
    }

    @Test func linesPastedIntoANoteKeepTheirLineBreaks() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        feedInOneRead(h, "First line (synthetic)\nsecond line")
        #expect(h.formValue("summary") == "First line (synthetic)\nsecond line")
    }

    @Test func thePastedLinesNeverAnswerTheReview() throws {
        let liaison = try Harness(user: "demo-liaison")
        liaison.press(.enter)
        let review = try #require(liaison.front as? ReviewScreen)
        feedInOneRead(liaison, "n\ny\ny\nyes")
        let after = try #require(liaison.front as? ReviewScreen)
        #expect(after.answers().checklist.map(\.answer) == review.answers().checklist.map(\.answer), "no answer set by text")
        #expect(liaison.message == "An answer is chosen with y, n or a; move to a comment to paste.")
        // Into a comment it goes whole, on its one line.
        liaison.press(.tab)
        feedInOneRead(liaison, "Needs an interpreter\n(synthetic)")
        let commented = try #require(liaison.front as? ReviewScreen)
        #expect(commented.answers().checklist[0].comment == "Needs an interpreter (synthetic)")
        #expect(commented.answers().checklist.map(\.answer) == review.answers().checklist.map(\.answer))
    }

    /// A person's keys still act: one letter and Enter, or letters alone, are not a paste.
    @Test func whatAPersonTypesIsNotTakenAsAPaste() {
        #expect(App.unbracketedPastes([.key(.char("j")), .key(.enter)]) == [.key(.char("j")), .key(.enter)])
        #expect(App.unbracketedPastes([.key(.char("a")), .key(.char("b"))]) == [.key(.char("a")), .key(.char("b"))])
        #expect(App.unbracketedPastes([.key(.char("a")), .key(.enter), .key(.char("b")), .key(.down)])
                == [.paste("a\nb"), .key(.down)])
        // Text and then Enter in one read (tmux's send-keys, a fast hand): the Enter stays a key.
        let typedThenEnter: [InputEvent] = "KEN-2026-0010".map { .key(.char($0)) } + [.key(.enter)]
        #expect(App.unbracketedPastes(typedThenEnter) == typedThenEnter)
        #expect(App.unbracketedPastes([.key(.char("a")), .key(.enter), .key(.char("b")), .key(.enter)])
                == [.paste("a\nb"), .key(.enter)])
    }
}
