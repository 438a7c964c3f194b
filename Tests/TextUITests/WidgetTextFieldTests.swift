import Testing
import TextUI

/// One-line text input: grapheme cursor, horizontal scroll, secure entry.
@Suite struct WidgetTextFieldTests {
    @Test func cursorMovesByGraphemeOverCombiningAccent() {
        var field = TextField(value: "Me\u{301}tis")
        #expect(field.cursor == 5)
        field.handle(.home)
        field.handle(.right)
        field.handle(.right)
        #expect(field.cursor == 2)
        field.handle(.backspace)
        #expect(field.value == "Mtis")
        #expect(field.cursor == 1)
        field.handle(.char("e"))
        field.handle(.char("\u{301}"))
        #expect(field.value == "Me\u{301}tis")
        #expect(field.cursor == 2)
        field.handle(.delete)
        #expect(field.value == "Me\u{301}is")
    }

    @Test func cursorMovesByGraphemeOverSyllabics() {
        var field = TextField(value: "ᐊᓂᔑᓈ")
        field.handle(.left)
        #expect(field.cursor == 3)
        field.handle(.backspace)
        #expect(field.value == "ᐊᓂᓈ")
        field.handle(.end)
        field.handle(.right)
        #expect(field.cursor == 3)
        #expect(field.cursorPosition(in: Rect(x: 4, y: 2, width: 10, height: 1)) == Point(x: 7, y: 2))
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let field = TextField(value: "Lakeview Test First Nation")
        var buffer = Buffer(size: Size(width: 10, height: 1))
        field.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        #expect(buffer.line(0) == "st Nation ")
        #expect(field.cursorPosition(in: buffer.area) == Point(x: 9, y: 0))
    }

    @Test func wideCharactersScrollByDisplayWidth() {
        var field = TextField(value: "日本語テキスト")
        field.handle(.home)
        var buffer = Buffer(size: Size(width: 6, height: 1))
        field.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        #expect(buffer.line(0) == "日本語")
        field.handle(.end)
        #expect(field.cursorPosition(in: buffer.area) == Point(x: 5, y: 0))
    }

    @Test func secureFieldNeverShowsTheText() {
        var field = TextField(value: "", secure: true)
        for c in "pa\u{301}ss" { field.handle(.char(c)) }
        #expect(field.value == "pa\u{301}ss")
        var buffer = Buffer(size: Size(width: 12, height: 1))
        field.render(in: buffer.area, buffer: &buffer, theme: .default)
        #expect(buffer.lines()[0] == "••••")
        for letter in ["p", "a", "s"] {
            #expect(!buffer.line(0).contains(letter))
        }
    }

    @Test func controlCharactersAreNotInserted() {
        var field = TextField(value: "Tess")
        let used = field.handle(.char("\u{1B}"))
        #expect(!used)
        #expect(field.value == "Tess")
    }
}
