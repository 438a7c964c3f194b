import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Nothing typed is lost (issue 21): a form closed any way but a save keeps a draft, sealed in
/// the store, restored when the form opens again; Esc asks nothing; discarding is Ctrl-D and a
/// question answered only on its buttons; drafts are audited without their text.
@MainActor
@Suite struct DraftTests {
    static let note = "Half a note about the synthetic test mall"

    /// Opens the selected child's record, then a contact note, and types into its summary.
    func typeANote(_ h: Harness, _ text: String = DraftTests.note) {
        h.press(.enter)
        h.press(.char("n"), .tab, .tab, .tab)
        h.type(text)
    }

    /// Keys typed one by one, `gap` seconds apart, as a person types.
    func typeSlowly(_ h: Harness, _ text: String, gap: TimeInterval = 0.12) {
        for character in text {
            h.clock.advance(by: gap)
            h.press(.char(character))
        }
    }

    /// Defect 1: Esc, then "yesterday" at human speed, then Ctrl-S. It used to answer the
    /// discard question with "y", open Edit profile with "e", type "sterday" into the legal name
    /// and save it there.
    @Test func escThenYesterdayChangesNothingAndKeepsTheDraft() throws {
        let h = try Harness(settle: 0.4)
        let child = try #require(h.dashboard.selectedChild.flatMap { h.record(of: $0.id) })
        typeANote(h)
        let contacts = h.database.auditEvents().filter { $0.action == .create }.count
        h.press(.escape)
        #expect(!h.formOpen && !(h.front is QuestionScreen), "Esc asks nothing")
        typeSlowly(h, "yesterday")
        h.press(.ctrl("s"))
        #expect(h.front == nil, "no form opened: \(String(describing: h.front))")
        #expect(h.record(of: child.id)?.legalName == child.legalName)
        #expect(h.database.auditEvents().filter { $0.action == .create || $0.action == .update }.count == contacts)
        #expect(try h.store.drafts().map(\.fields["summary"]) == [Self.note])
    }

    /// Defect 2: typing on after Ctrl-S ran commands (`n` opened a second form).
    @Test func typingOnAfterASaveRunsNoCommandUntilTheTypingStops() throws {
        let h = try Harness(settle: 0.4)
        typeANote(h, "A saved synthetic note")
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        typeSlowly(h, "n", gap: 0.1)
        #expect(!h.formOpen, "n typed on did not open a second form")
        #expect(h.message == "Typing ignored after the form closed.")
        typeSlowly(h, " ", gap: 0.1)
        // Navigation keys and keys with a modifier still act at once.
        let focus = h.focus
        h.press(.tab)
        #expect(h.focus != focus)
        h.press(.backTab)
        // Once the typing stopped for the settle time, a letter is a command again.
        h.clock.advance(by: 0.5)
        h.press(.char("n"))
        #expect(h.formOpen)
    }

    /// Seen in tmux: a first letter bound to nothing ("y" where no copy is bound) did not keep the
    /// window open, and the "e" after it opened Edit profile.
    @Test func aLetterBoundToNothingKeepsTheSettleWindowOpen() throws {
        let h = try Harness(settle: 0.4)
        typeANote(h)
        h.press(.escape)
        h.clock.advance(by: 0.3)
        h.press(.char("z"))
        #expect(h.message == "Typing ignored after the form closed.")
        h.clock.advance(by: 0.3)
        h.press(.char("n"))
        #expect(!h.formOpen, "0.6 s after the close but 0.3 s after the last letter: still typing")
    }

    /// Seen in tmux: closing the reader with Esc opened the settle window too, and the "1" that
    /// followed at once was "typing ignored". Nothing is typed into a reader, so nothing runs on.
    @Test func closingAScreenNothingIsTypedIntoLeavesLettersAsCommands() throws {
        let h = try Harness(settle: 0.4)
        h.press(.char("4"), .char(" "))
        #expect(h.front is ReaderScreen)
        h.press(.escape)
        #expect(h.front == nil)
        h.press(.char("1"))
        #expect(h.focus == .caseload)
        #expect(h.message != "Typing ignored after the form closed.")
    }

    @Test func reopeningTheFormRestoresTheDraftAndTheRecordShowsIt() throws {
        let h = try Harness()
        typeANote(h)
        h.press(.escape)
        #expect(h.message?.hasPrefix("Kept as a draft: contact note for ") == true, "\(h.message ?? "")")
        #expect(h.screen.contains("unsaved draft: contact note (21:30)"))
        h.press(.char("n"))
        #expect(h.formValue("summary") == Self.note)
        #expect(h.form?.focusedField?.id == "summary", "the cursor is back where it was")
        #expect(h.message == "Draft from 21:30 restored.")
        let words = h.database.auditEvents().filter { $0.action == .draft }.map(\.summary)
        #expect(words.count == 2)
        #expect(words.first?.hasPrefix("draft kept: contact note (") == true && words.last?.hasPrefix("draft restored: contact note (") == true)
        #expect(!words.contains { $0.contains("synthetic") }, "the audit never holds the text")
        // Saved as the record, the draft goes.
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        #expect(try h.store.drafts().isEmpty)
        #expect(h.database.auditEvents().last { $0.action == .draft }?.summary.hasPrefix("draft saved as the record") == true)
        #expect(!h.screen.contains("unsaved draft"))
    }

    @Test func signingInListsTheDrafts() throws {
        let first = try Harness()
        typeANote(first)
        first.press(.escape)
        let again = try Harness(database: first.database)
        #expect(again.message?.hasPrefix("Unsaved draft: contact note for ") == true, "\(again.message ?? "")")
        // Another worker reads none of them.
        let other = try Harness(user: "demo-supervisor", database: first.database)
        #expect(try other.store.drafts().isEmpty)
        #expect(other.message?.contains("Unsaved draft") != true)
    }

    /// Discarding is Ctrl-D and a question no letter answers.
    @Test func ctrlDDiscardsOnlyOnTheButton() throws {
        let h = try Harness()
        typeANote(h)
        h.press(.escape, .char("n"))
        h.press(.ctrl("d"))
        #expect(h.front is QuestionScreen)
        #expect(h.screen.contains("Discard the draft?"))
        h.type("yes")
        #expect(h.front is QuestionScreen, "letters answer nothing")
        h.press(.escape)
        #expect(h.formValue("summary") == Self.note, "Esc on the question keeps editing")
        h.press(.ctrl("d"))
        h.answerYes()
        #expect(!h.formOpen)
        #expect(try h.store.drafts().isEmpty)
        #expect(h.database.auditEvents().last { $0.action == .draft }?.summary.hasPrefix("draft discarded: contact note") == true)
        h.press(.char("n"))
        #expect(h.formValue("summary") == "", "a discarded draft does not come back")
    }

    /// Defect 4 (in the app): a hang-up (SIGHUP, SIGTERM, a lost terminal) keeps the text.
    @Test func aHangUpKeepsTheDraftBeforeTheLoopEnds() throws {
        let h = try Harness()
        typeANote(h)
        h.terminal.feed(event: .interrupt)
        h.tick()
        #expect(h.app.state.quitRequested)
        #expect(try h.store.drafts().map(\.fields["summary"]) == [Self.note])
    }

    @Test func theIdleLockKeepsTheDraftBeforeTheKeysGo() throws {
        let h = try Harness(idleLimit: 60)
        typeANote(h)
        h.clock.advance(by: 61)
        h.tick()
        #expect(h.locked)
        #expect(h.database.auditEvents().last { $0.action == .draft }?.summary.hasPrefix("draft kept: contact note") == true)
        #expect(h.formOpen, "the form stays behind the lock as well")
    }

    /// A restricted note's draft is sealed under the restricted class, and police read none.
    @Test func aRestrictedNotesDraftTakesTheRestrictedClass() throws {
        let h = try Harness()
        typeANote(h)
        h.press(.tab, .tab, .right)
        #expect(h.formValue("visibility") == "restricted")
        h.press(.escape)
        let draft = try #require(try h.store.drafts().first)
        #expect(draft.visibilityClass == .restricted)
    }

    /// The duplicate-child box's hint named letters ("y yes · n no") while it showed buttons.
    @Test func aQuestionsHintsNameItsButtonsNotLetters() throws {
        let h = try Harness()
        typeANote(h)
        h.press(.ctrl("d"))
        let hint = try #require(h.lines.last)
        #expect(hint.contains("answer \"Keep editing\""), "\(hint)")
        #expect(!hint.contains("y yes"))
    }
}
