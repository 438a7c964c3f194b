import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Nothing typed is lost at a field's length: a date or a time keeps what was typed, however it
/// is written, so the check answers about exactly that and a draft keeps it whole; a field that
/// is full says so in words, on the status line and beside the field, and keeps what fitted.
@MainActor
@Suite struct FieldLimitTests {
    /// A field of a form, reached by its keys from the caseload.
    struct FieldCase: Sendable, CustomTestStringConvertible {
        let form: [Key]
        let field: String
        let label: String
        let limit: Int
        var testDescription: String { "\(label) (\(limit))" }

        static let all = [
            FieldCase(form: [.char("p")], field: "reviewBy", label: "Review by", limit: 64),
            FieldCase(form: [.char("n")], field: "when", label: "When", limit: 64),
            FieldCase(form: [.char("n")], field: "location", label: "Location", limit: 500),
            FieldCase(form: [.char("n")], field: "summary", label: "Summary", limit: 20_000),
            FieldCase(form: [.char("p")], field: "adults", label: "Trusted adults", limit: 5_000),
        ]
    }

    /// Opens the form, moves the cursor to `field` and empties it (Backspace from its end, where
    /// the cursor is when a field opens).
    func openEmptied(_ h: Harness, _ keys: [Key], field: String) throws {
        for key in keys { h.press(key) }
        let form = try #require(h.form, "the form opens")
        for _ in form.fields.indices where h.form?.focusedField?.id != field { h.press(.tab) }
        try #require(h.form?.focusedField?.id == field, "the cursor reaches \(field)")
        h.terminal.feed(Array(repeating: Key.backspace, count: h.formValue(field)?.count ?? 0))
        h.tick()
        try #require(h.formValue(field) == "", "\(field) is emptied")
    }

    /// Keys typed one at a time, as a person types (each key its own loop turn).
    func typeKeys(_ h: Harness, _ text: String) {
        for character in text { h.press(.char(character)) }
    }

    @Test func aReviewDateTypedInWordsIsKeptRefusedInWordsNamingTheFieldAndKeptByEsc() throws {
        let h = try Harness()
        try openEmptied(h, [.char("p")], field: "reviewBy")
        typeKeys(h, "next tuesday-ish")
        #expect(h.formValue("reviewBy") == "next tuesday-ish", "every key typed is in the field")
        #expect(h.message == nil, "nothing to say while it fits")
        #expect(h.line(containing: "Review by")?.contains("next tuesday-ish") == true, "drawn as typed: \(h.line(containing: "Review by") ?? "")")

        h.press(.ctrl("s"))
        #expect(h.formOpen, "not saved")
        #expect(h.message == "Nothing saved: check Review by, marked ⚠.")
        let field = try #require(h.form?.fields.first { $0.id == "reviewBy" })
        #expect(field.error == "\"next tuesday-ish\" is not a date; write it as YYYY-MM-DD.")
        #expect(h.screen.contains("\"next tuesday-ish\" is not a date"), "the words beside the field are on screen")
        #expect(h.form?.focusedField?.id == "reviewBy")

        // Esc keeps the draft whole, and opening the plan again brings it back whole.
        h.press(.escape)
        #expect(h.message?.hasPrefix("Kept as a draft: safety plan for ") == true, "\(h.message ?? "")")
        #expect(try h.store.drafts().map { $0.fields["reviewBy"] } == ["next tuesday-ish"])
        h.press(.char("p"))
        #expect(h.formValue("reviewBy") == "next tuesday-ish")
    }

    @Test func aTimeTypedInWordsIsKeptAndRefusedInWords() throws {
        let h = try Harness()
        try openEmptied(h, [.char("n")], field: "when")
        typeKeys(h, "after school, about four-ish")
        #expect(h.formValue("when") == "after school, about four-ish")
        h.press(.ctrl("s"))
        #expect(h.formOpen)
        #expect(h.message == "Nothing saved: check When and Summary, marked ⚠.")
        let field = try #require(h.form?.fields.first { $0.id == "when" })
        #expect(field.error == "\"after school, about four-ish\" is not a time; write it as YYYY-MM-DD HH:MM, or HH:MM.")
    }

    @Test func aDateThatFitsItsOldLengthOnlyInWordsIsPastedWhole() throws {
        let h = try Harness()
        try openEmptied(h, [.char("p")], field: "reviewBy")
        h.terminal.feed(paste: "next tuesday-ish")
        h.tick()
        #expect(h.formValue("reviewBy") == "next tuesday-ish")
        #expect(h.message == nil)
    }

    @Test(arguments: FieldCase.all)
    func aFullFieldSaysSoTypedInOneGoOrKeyByKeyAndKeepsWhatFitted(_ field: FieldCase) throws {
        let h = try Harness()
        try openEmptied(h, field.form, field: field.field)
        let words = "\(field.label) holds at most \(field.limit.formatted()) characters; what went past that was not added."

        // Typed in one go (a terminal without bracketed paste sends a paste so): what fits goes in.
        h.type(String(repeating: "7", count: field.limit - 3) + "abcdefgh")
        #expect(h.formValue(field.field) == String(repeating: "7", count: field.limit - 3) + "abc")
        #expect(h.message == words)
        #expect(h.form?.fields.first { $0.id == field.field }?.error == words, "said beside the field too")

        // One more key, on its own: not added, and said again rather than dropped without a word.
        h.press(.char("x"))
        #expect(h.formValue(field.field)?.count == field.limit)
        #expect(h.formValue(field.field)?.hasSuffix("abc") == true)
        #expect(h.message == words)
        #expect(h.line(containing: String(words.prefix(30))) != nil, "on screen: \(h.lines.last ?? "")")

        // Backspace makes room; the next key goes in and the words go.
        h.press(.backspace, .char("z"))
        #expect(h.formValue(field.field)?.hasSuffix("abz") == true)
        #expect(h.message == nil)
        #expect(h.form?.fields.first { $0.id == field.field }?.error == nil)
    }

    @Test func aFullFilterSaysSoForAKeyTypedOnItsOwn() throws {
        let h = try Harness()
        h.press(.char("/"))
        h.type(String(repeating: "q", count: FilterLine.limit))
        #expect(h.dashboard.filterField.value.count == FilterLine.limit)
        #expect(h.message == nil, "it all fitted")
        h.press(.char("q"))
        #expect(h.dashboard.filterField.value.count == FilterLine.limit)
        #expect(h.message == "The filter holds at most 200 characters.")
    }

    @Test func aFullCommandFilterSaysSoAndKeepsWhatFitted() throws {
        let h = try Harness()
        h.press(.char(":"))
        #expect(h.front is CommandPalette)
        h.type("sort" + String(repeating: " ", count: CommandPalette.limit))
        let palette = try #require(h.front as? CommandPalette)
        #expect(palette.filter.value.count == CommandPalette.limit)
        #expect(palette.filter.value.hasPrefix("sort"))
        #expect(h.message == "The command filter holds at most 100 characters; what went past that was not added.")
        h.press(.escape)

        // A key typed on its own at the limit, and a paste.
        h.press(.char(":"))
        h.type(String(repeating: "s", count: CommandPalette.limit))
        #expect(h.message == nil, "it all fitted")
        h.press(.char("s"))
        #expect((h.front as? CommandPalette)?.filter.value.count == CommandPalette.limit)
        #expect(h.message == "The command filter holds at most 100 characters; what went past that was not added.")
        h.press(.escape)
        h.press(.char(":"))
        h.terminal.feed(paste: "sort" + String(repeating: "x", count: 150))
        h.tick()
        #expect((h.front as? CommandPalette)?.filter.value.count == CommandPalette.limit)
        #expect(h.message == "The command filter holds at most 100 characters; what went past that was not added.")
    }

    @Test func aPasteLongerThanTheRoomLeftIsRefusedWholeInWordsAndChangesNothing() throws {
        let h = try Harness()
        try openEmptied(h, [.char("p")], field: "reviewBy")
        typeKeys(h, "2026-12-")
        h.terminal.feed(paste: String(repeating: "1", count: 60))
        h.tick()
        #expect(h.formValue("reviewBy") == "2026-12-")
        #expect(h.message == "Not pasted: that is 60 characters and Review by has room for 56 more. Nothing was changed.")
        // What fits goes in whole.
        h.terminal.feed(paste: "15")
        h.tick()
        #expect(h.formValue("reviewBy") == "2026-12-15")
        #expect(h.message == nil)
    }
}
