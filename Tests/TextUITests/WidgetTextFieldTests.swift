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

    // MARK: Word keys

    @Test func altBAndCtrlLeftMoveToTheStartOfTheWordBefore() {
        var field = TextField(value: "Tess  Ng, test-2")
        field.handle(.alt("b"))
        #expect(field.cursor == 15)  // before "2"
        field.handle(.ctrlLeft)
        #expect(field.cursor == 10)  // before "test": "-" only separates
        field.handle(.alt("b"))
        #expect(field.cursor == 6)  // before "Ng", over ", "
        field.handle(.ctrlLeft)
        field.handle(.ctrlLeft)
        #expect(field.cursor == 0)
        #expect(field.value == "Tess  Ng, test-2")
    }

    @Test func altFAndCtrlRightMoveToTheEndOfTheWordAfter() {
        var field = TextField(value: "Tess  Ng, test")
        field.handle(.home)
        field.handle(.alt("f"))
        #expect(field.cursor == 4)
        field.handle(.ctrlRight)
        #expect(field.cursor == 8)  // after "Ng", over the two spaces
        field.handle(.alt("f"))
        #expect(field.cursor == 14)
        field.handle(.ctrlRight)
        #expect(field.cursor == 14)
    }

    @Test func ctrlWDeletesTheWordBeforeAndTheSpacesBetween() {
        var field = TextField(value: "Tess Ng test")
        field.handle(.ctrl("w"))
        #expect(field.value == "Tess Ng ")
        #expect(field.cursor == 8)
        field.handle(.ctrl("w"))
        #expect(field.value == "Tess ")
        #expect(field.cursor == 5)
        // In the middle of a word it takes only the part before the cursor.
        field.value = "Tess Ng"
        field.cursor = 3
        field.handle(.ctrl("w"))
        #expect(field.value == "s Ng")
        #expect(field.cursor == 0)
        field.handle(.ctrl("w"))
        #expect(field.value == "s Ng")
    }

    @Test func altDDeletesTheWordAfterAndTheSpacesBetween() {
        var field = TextField(value: "Tess  Ng test")
        field.cursor = 4
        field.handle(.alt("d"))
        #expect(field.value == "Tess test")
        #expect(field.cursor == 4)
        field.handle(.end)
        field.handle(.alt("d"))
        #expect(field.value == "Tess test")
        #expect(field.cursor == 9)
    }

    @Test func wordsOverCombiningAccentsAreWholeGraphemes() {
        // "Mé" with a combining accent, then "tis": "é" is a letter, so one word.
        var field = TextField(value: "Ane Me\u{301}tis test")
        field.handle(.alt("b"))
        field.handle(.alt("b"))
        #expect(field.cursor == 4)
        field.handle(.alt("f"))
        #expect(field.cursor == 9)
        #expect(field.cursorPosition(in: Rect(x: 2, y: 1, width: 20, height: 1)) == Point(x: 11, y: 1))
        field.handle(.ctrl("w"))
        #expect(field.value == "Ane  test")
        #expect(field.cursor == 4)
        #expect(field.cursorPosition(in: Rect(x: 2, y: 1, width: 20, height: 1)) == Point(x: 6, y: 1))
    }

    @Test func wordsOfWideCharactersMoveByDisplayWidth() {
        var field = TextField(value: "日本 語テキスト ᐊᓂᔑᓈ")
        field.handle(.ctrlLeft)
        #expect(field.cursor == 9)  // before the syllabics
        field.handle(.ctrlLeft)
        #expect(field.cursor == 3)
        // "日本" is 4 columns, then a space.
        #expect(field.cursorPosition(in: Rect(x: 0, y: 0, width: 30, height: 1)) == Point(x: 5, y: 0))
        field.handle(.alt("d"))
        #expect(field.value == "日本  ᐊᓂᔑᓈ")
        #expect(field.cursor == 3)
        field.handle(.ctrlRight)
        #expect(field.cursor == 8)
        #expect(field.cursorPosition(in: Rect(x: 0, y: 0, width: 30, height: 1)) == Point(x: 10, y: 0))
    }

    @Test func secureFieldTakesItsValueAsOneWord() {
        var field = TextField(value: "pass word-2", secure: true)
        field.handle(.alt("b"))
        #expect(field.cursor == 0)
        field.handle(.ctrlRight)
        #expect(field.cursor == 11)
        field.handle(.ctrl("w"))
        #expect(field.value == "")
        #expect(field.cursor == 0)
    }

    @Test func otherAltKeysAreNotUsed() {
        var field = TextField(value: "Tess")
        let used = field.handle(.alt("x"))
        #expect(!used)
        #expect(field.value == "Tess")
        #expect(field.cursor == 4)
    }
}
