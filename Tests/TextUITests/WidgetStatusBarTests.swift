import Testing
import TextUI

/// The key-hint line: disabled hints greyed, too many hints cut whole.
@Suite struct WidgetStatusBarTests {
    private let hints = [
        KeyHint(key: "Tab", label: "next pane"),
        KeyHint(key: "n", label: "note", enabled: false),
        KeyHint(key: "q", label: "quit"),
    ]

    @Test func disabledHintsUseTheDisabledStyle() {
        var buffer = Buffer(size: Size(width: 40, height: 1))
        StatusBar(hints: hints).render(in: buffer.area, buffer: &buffer, theme: .default)
        let line = buffer.lines()[0]
        #expect(line == " Tab next pane · n note · q quit")
        #expect(buffer[17, 0].symbol == "n")  // the key of the disabled hint
        #expect(buffer[17, 0].style == Theme.default[.keyhintDisabled])
        #expect(buffer[19, 0].style == Theme.default[.keyhintDisabled])
        #expect(buffer[1, 0].style == Theme.default[.keyhint])
        #expect(buffer[26, 0].style == Theme.default[.keyhint])
        #expect(buffer[39, 0].style == Theme.default[.statusbar])
    }

    @Test func hintsThatDoNotFitAreDroppedWhole() {
        var buffer = Buffer(size: Size(width: 22, height: 1))
        StatusBar(hints: hints).render(in: buffer.area, buffer: &buffer, theme: .default)
        #expect(buffer.lines()[0] == " Tab next pane ·…")
        #expect(!buffer.lines()[0].contains("note"))
    }

    @Test func narrowBarStillFitsItsWidth() {
        var buffer = Buffer(size: Size(width: 30, height: 2))
        StatusBar(hints: hints).render(in: Rect(x: 0, y: 1, width: 8, height: 1), buffer: &buffer, theme: .default)
        #expect(buffer.lines()[1] == " …")
        #expect(buffer.lines()[0] == "")
    }
}
