import TextUI
import Testing

/// Reading the terminal's background from its answers, to pick a theme that reads on it.
@Suite struct TerminalBackgroundTests {
    @Test func oscElevenRepliesInEveryWidth() {
        #expect(TerminalBackground.fromReply("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\") == .light)
        #expect(TerminalBackground.fromReply("\u{1B}]11;rgb:0000/0000/0000\u{07}") == .dark)
        #expect(TerminalBackground.fromReply("\u{1B}]11;rgb:1e/1e/1e\u{07}\u{1B}[?62;c") == .dark)
        #expect(TerminalBackground.fromReply("\u{1B}]11;rgb:fdf6/e3e3/e3e3\u{1B}\\") == .light, "Solarized light")
        #expect(TerminalBackground.fromReply("\u{1B}[?1;2c") == nil, "only the device attributes: no answer")
        #expect(TerminalBackground.fromReply("rgb:zz/00/00") == nil)
    }

    @Test func colorFGBG() {
        #expect(TerminalBackground.fromColorFGBG("15;0") == .dark)
        #expect(TerminalBackground.fromColorFGBG("0;15") == .light)
        #expect(TerminalBackground.fromColorFGBG("0;default;15") == .light)
        #expect(TerminalBackground.fromColorFGBG("junk") == nil)
    }

    @Test func eachBackgroundNamesATheme() {
        #expect(TerminalBackground.light.themeName == "light")
        #expect(TerminalBackground.dark.themeName == "default")
    }
}
