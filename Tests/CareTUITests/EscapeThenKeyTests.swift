import CareDomain
import CareTUI
import Testing
import TextUI

/// Esc and a key typed quickly reach the program in one read, which the terminal reports as Alt
/// plus the key. Where that Alt key means nothing — in a form, a question, the lock — it is the
/// Esc and then the key that were typed (a quick Esc then `y` was ignored as Alt-y); where it is
/// bound (Alt-b moves by word in a field) it stays Alt.
@MainActor
@Suite struct EscapeThenKeyTests {
    /// Esc closes the form keeping a draft (it asks nothing), and the `y` after it is typing that
    /// ran on: it runs no command.
    @Test func escThenYInOneReadClosesTheFormKeepingADraftAndTheYRunsNothing() throws {
        let h = try Harness(settle: 0.4)
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        h.press(.alt("y"))
        #expect(!h.formOpen && h.front == nil, "Esc closed the form and y opened nothing")
        #expect(h.message == "Typing ignored after the form closed.")
        #expect(try h.store.drafts().map(\.fields["summary"]) == ["half a synthetic note"])
    }

    @Test func escThenNInOneReadKeepsTheForm() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        h.press(.alt("n"))
        #expect(h.formValue("summary") == "half a synthetic note")
        if h.front is QuestionScreen { Issue.record("the question is still open") }
    }

    @Test func altBStillMovesByWordInAField() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("synthetic note")
        h.press(.alt("b"))
        h.type("X")
        #expect(h.formValue("summary") == "synthetic Xnote")
        if h.front is QuestionScreen { Issue.record("Alt-b was taken as Esc") }
    }

    @Test func atTheLockEscThenALetterTypesTheLetter() throws {
        let h = try Harness()
        h.press(.ctrl("x"))
        let first = try #require(Harness.passphrase.first)
        h.press(.alt(first))
        h.type(String(Harness.passphrase.dropFirst()))
        h.press(.enter)
        #expect(!h.locked, "the letter after Esc was part of the passphrase")
    }

    @Test func onTheDashboardAnUnboundAltKeyStillDoesNothing() throws {
        let h = try Harness()
        let screen = h.lines
        h.press(.alt("q"))
        #expect(!h.app.state.quitRequested, "Esc then q would quit; Alt-q does nothing")
        #expect(h.lines == screen)
    }

    @Test func anEscapeSequenceTypedIntoAFieldIsNotAnEsc() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        // "ESC [ 2 J" as a terminal reports it: Alt-[ then 2 J.
        h.press(.alt("["))
        #expect(h.formOpen)
        if h.front is QuestionScreen { Issue.record("Alt-[ was taken as Esc") }
    }

    @Test func anEscInsideAPasteThatArrivedAsKeysIsNotAnEsc() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        // A paste without bracketed paste: many keys in one read, Esc y among them.
        h.terminal.feed(Array("pasted ".map(Key.char)) + [.alt("y")] + Array("es more".map(Key.char)))
        h.tick()
        #expect(h.formOpen, "the Esc in the paste did not cancel the form, nor its y discard it")
        #expect(h.formValue("summary")?.hasPrefix("half a synthetic note") == true)
    }
}
