import Testing
import TextUI

/// Forms: focus moves with Tab, and validation messages sit beside their field.
@Suite struct WidgetFormTests {
    private func sampleForm() -> Form {
        Form(fields: [
            FormField("Name", required: true, preferredWidth: 10),
            FormField("Age", preferredWidth: 4) { Int($0).map { (0...25).contains($0) } == true ? nil : "Age must be a number from 0 to 25" },
        ])
    }

    @Test func validationMessageShowsBesideTheField() {
        var form = sampleForm()
        form.handle(.tab)
        for c in "abc" { form.handle(.char(c)) }
        let valid = form.validate()
        #expect(!valid)
        #expect(form.focus == 0)
        var buffer = Buffer(size: Size(width: 60, height: 2))
        form.render(in: buffer.area, buffer: &buffer, theme: .monochrome)
        let lines = buffer.lines()
        #expect(lines[0] == "Name *: " + String(repeating: " ", count: 10) + " Name is required")
        #expect(lines[1] == "Age:    abc  Age must be a number from 0 to 25")
        let messageX = 8 + 10 + 1  // label column, Name input, one space
        #expect(buffer[messageX, 0].style == Theme.monochrome[.error])
    }

    @Test func fixingAFieldClearsItsMessage() {
        var form = sampleForm()
        let validBefore = form.validate()
        #expect(!validBefore)
        #expect(form.fields[0].message == "Name is required")
        for c in "Tess Testcase" { form.handle(.char(c)) }
        #expect(form.fields[0].message == nil)
        let validAfter = form.validate()
        #expect(validAfter)
    }

    @Test func tabAndShiftTabMoveFocusAndWrap() {
        var form = sampleForm()
        form.handle(.tab)
        #expect(form.focus == 1)
        form.handle(.tab)
        #expect(form.focus == 0)
        form.handle(.backTab)
        #expect(form.focus == 1)
        form.handle(.char("7"))
        #expect(form.fields[1].value == "7")
        #expect(form.fields[0].value == "")
        #expect(form.cursorPosition(in: Rect(x: 0, y: 5, width: 40, height: 2)) == Point(x: 9, y: 6))
    }
}
