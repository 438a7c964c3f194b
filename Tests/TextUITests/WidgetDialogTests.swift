import Testing
import TextUI

/// Dialogs, confirmations and tab strips.
@Suite struct WidgetDialogTests {
    @Test func dialogIsCentredWithTitleMessageAndButtons() {
        let dialog = Dialog(title: "Unsaved note", message: ["Leave without saving?"], buttons: ["Yes", "No"], selectedButton: 1)
        let screen = Rect(x: 0, y: 0, width: 40, height: 12)
        let frame = dialog.frame(in: screen)
        #expect(frame.x * 2 + frame.width == 40 || frame.x * 2 + frame.width == 39)
        #expect(frame.y * 2 + frame.height == 12 || frame.y * 2 + frame.height == 11)
        var buffer = Buffer(size: Size(width: 40, height: 12))
        dialog.render(in: screen, buffer: &buffer, theme: .monochrome)
        let text = buffer.lines()
        #expect(text[frame.y].contains("Unsaved note"))
        let all = text.joined(separator: "\n")
        #expect(all.contains("Leave without saving?"))
        #expect(text[frame.bottom - 2].contains("[ Yes ]  [ No ]"))
        let noX = Array(text[frame.bottom - 2]).firstIndex(of: "N")!
        #expect(buffer[noX, frame.bottom - 2].style == Theme.monochrome[.selected])
    }

    /// Only Enter on a button and Esc answer: a letter is typing that ran on (issue 21: the "y"
    /// of "yesterday" answered "discard?").
    @Test func confirmAnswersOnlyOnItsButtons() {
        var confirm = Confirm(title: "Discard", message: ["A form has unsaved input."])
        #expect(confirm.handle(.enter) == .no)
        #expect(confirm.handle(.left) == nil)
        #expect(confirm.handle(.enter) == .yes)
        #expect(confirm.handle(.escape) == .no)
        for letter in "yYnNx" { #expect(confirm.handle(.char(letter)) == nil, "\(letter) answers nothing") }
    }

    @Test func tabsMarkTheActiveTitle() {
        var buffer = Buffer(size: Size(width: 30, height: 1))
        Tabs(titles: ["1 Caseload", "2 Child"], active: 1).render(in: buffer.area, buffer: &buffer, theme: .default)
        #expect(buffer.lines()[0] == " 1 Caseload │ 2 Child")
        #expect(buffer[16, 0].style == Theme.default[.tabActive])
        #expect(buffer[2, 0].style == Theme.default[.tab])
    }
}
