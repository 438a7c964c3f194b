import Testing
import TextUI

/// Which theme a session starts with and why, and the terminal's answer switching it only when
/// the person left the theme to the terminal.
@Suite struct ThemeChoiceTests {
    @Test func thePersonsOwnChoiceWinsInOrder() {
        let everything = ["CARE_THEME": "colorblind", "COLORFGBG": "0;15", "TERM": "xterm"]
        let option = ThemeChoice.make(option: "high-contrast", environment: everything, config: "monochrome", remembered: .light)
        #expect(option == ThemeChoice(name: "high-contrast", reason: .option))
        let environment = ThemeChoice.make(option: nil, environment: everything, config: "monochrome", remembered: .light)
        #expect(environment == ThemeChoice(name: "colorblind", reason: .environment))
        let config = ThemeChoice.make(option: nil, environment: ["COLORFGBG": "0;15"], config: "monochrome", remembered: .light)
        #expect(config == ThemeChoice(name: "monochrome", reason: .config))
        for choice in [option, environment, config] {
            #expect(!choice.followsTerminal)
            #expect(choice.answered(.light) == nil, "an answer does not override a choice")
        }
    }

    @Test func autoLeavesItToTheTerminalWhereverItIsSaid() {
        let fromOption = ThemeChoice.make(option: "auto", environment: ["CARE_THEME": "light"], config: "light", remembered: nil)
        #expect(fromOption == ThemeChoice(name: "default", reason: .fallback))
        let fromConfig = ThemeChoice.make(option: nil, environment: [:], config: "auto", remembered: .light)
        #expect(fromConfig.name == "light")
        #expect(fromConfig.followsTerminal)
    }

    @Test func withNoChoiceCOLORFGBGThenTheRememberedAnswerThenDark() {
        let lightFGBG = ThemeChoice.make(option: nil, environment: ["COLORFGBG": "0;15", "TERM": "tmux-256color"], config: nil, remembered: .dark)
        #expect(lightFGBG == ThemeChoice(name: "light", reason: .colorFGBG("0;15")))
        let darkFGBG = ThemeChoice.make(option: nil, environment: ["COLORFGBG": "15;0"], config: nil, remembered: .light)
        #expect(darkFGBG.name == "default")
        let junkFGBG = ThemeChoice.make(option: nil, environment: ["COLORFGBG": "junk", "TERM": "screen"], config: nil, remembered: .light)
        #expect(junkFGBG == ThemeChoice(name: "light", reason: .remembered(terminalType: "screen")))
        let nothing = ThemeChoice.make(option: nil, environment: [:], config: nil, remembered: nil)
        #expect(nothing == ThemeChoice(name: "default", reason: .fallback))
        for choice in [lightFGBG, darkFGBG, junkFGBG, nothing] {
            #expect(choice.followsTerminal)
            #expect(choice.answered(.light) == ThemeChoice(name: "light", reason: .answered))
        }
    }

    @Test func theWordsSayWhy() {
        #expect(ThemeChoice(name: "light", reason: .colorFGBG("0;15")).words.contains("COLORFGBG=0;15"))
        #expect(ThemeChoice(name: "light", reason: .remembered(terminalType: "xterm-256color")).words.contains("TERM=xterm-256color"))
        #expect(ThemeChoice(name: "default", reason: .fallback).words.contains("answer"))
        #expect(ThemeChoice(name: "x", reason: .config).words.contains("config.toml"))
    }

    @MainActor @Test func anAnswerSwitchesAFollowingThemeAndIsRemembered() {
        var remembered: [TerminalBackground] = []
        let dark = Theme.default
        let light = Theme(name: "light", styles: [:], base: .default, background: .light)
        let themes = ThemeSwitch(
            choice: ThemeChoice(name: "default", reason: .fallback), theme: dark,
            load: { $0 == "light" ? light : dark }, remember: { remembered.append($0) })
        #expect(themes.heard(.light))
        #expect(themes.theme == light)
        #expect(themes.choice.reason == .answered)
        #expect(!themes.heard(.light), "the same answer again changes nothing")
        #expect(remembered == [.light, .light])
        #expect(themes.heard(.dark))
        #expect(themes.theme == dark)
    }

    @MainActor @Test func aFixedThemeIgnoresAnswers() {
        let themes = ThemeSwitch(fixed: .monochrome)
        #expect(!themes.heard(.light))
        #expect(themes.theme == .monochrome)
    }
}
