import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The terminal's answer to the background query arriving a second late — as it always does over
/// a 600 ms link — is never typing and never a command: in tmux five characters of it landed in
/// the passphrase, so the first right passphrase was refused and audited as a failed sign-in; in
/// xterm its `r` opened a new referral with the rest typed into the filter.
@MainActor
@Suite struct LateTerminalReplyTests {
    static let lightAnswer = "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\"
    static let darkAnswer = "\u{1B}]11;rgb:1e1e/1e1e/1e1e\u{07}"
    static let otherAnswers = "\u{1B}[?62;22c\u{1B}[24;80R"

    /// A session whose theme follows the terminal, as with no theme chosen. Its "light" theme has
    /// no colour at all, so a frame in it is told apart from the dark one at a glance.
    static func followingThemes() -> ThemeSwitch {
        var light = Theme.monochrome
        light.name = "light"
        return ThemeSwitch(choice: ThemeChoice(name: "default", reason: .fallback), theme: .default,
                           load: { $0 == "light" ? light : .default }, remember: { _ in })
    }

    static func hasColour(_ frame: Buffer?) -> Bool {
        guard let frame else { return false }
        return (0..<frame.size.height).contains { y in
            (0..<frame.size.width).contains { frame[$0, y].style.foreground != .default || frame[$0, y].style.background != .default }
        }
    }

    @Test func atSignInTheAnswerIsNeitherTypedNorAFailedSignIn() throws {
        let database = Harness.makeDatabase()
        let clock = TestClock(Harness.demoNow)
        let terminal = HeadlessTerminal(size: Size(width: 120, height: 32))
        var attempts: [String] = []
        let themes = Self.followingThemes()
        let login = LoginFlow(
            accounts: [AccountChoice(accountName: "demo-cp", role: .childProtection)], unit: "KEN", terminal: terminal,
            theme: .default, themes: themes, clock: clock
        ) { account, passphrase in
            attempts.append(passphrase)
            return try InMemoryCaseStore(database: database, account: account, passphrase: passphrase, clock: clock)
        }
        login.step(timeoutMilliseconds: 0)
        let before = terminal.lines()

        // The person starts typing; the answer comes a second after start, in the middle.
        terminal.feed("test-")
        login.step(timeoutMilliseconds: 0)
        clock.advance(by: 1)
        terminal.feed(terminalText: Self.lightAnswer)
        login.step(timeoutMilliseconds: 0)
        terminal.feed(terminalText: Self.otherAnswers)
        login.step(timeoutMilliseconds: 0)
        #expect(login.state.passphrase.count == 5, "only what was typed")
        #expect(login.state.message == nil)
        #expect(!login.cancelled, "the answer's Esc did not quit")
        #expect(themes.theme.name == "light", "the late answer still switched the theme")
        #expect(terminal.lines().contains { $0.hasSuffix("Passphrase: •••••▏") }, "five dots for the five characters typed")
        #expect(!terminal.lines().joined().contains("rgb"))
        #expect(before.count == terminal.lines().count)

        terminal.feed("passphrase")
        terminal.feed([.enter])
        login.step(timeoutMilliseconds: 0)
        #expect(attempts == [Harness.passphrase], "one attempt, with exactly what was typed")
        #expect(login.opened != nil)
        #expect(database.auditEvents().filter { $0.action == .loginFailed }.isEmpty)
    }

    @Test func onTheDashboardTheAnswerRunsNoCommandAndTypesNothing() throws {
        let h = try Harness()
        h.rest()
        let events = h.database.auditEvents().count
        let selected = h.dashboard.selectedRow?.id
        let screen = h.lines
        h.clock.advance(by: 1)
        h.terminal.feed(terminalText: Self.lightAnswer + Self.otherAnswers)
        h.tick()
        #expect(h.app.state.screens.isEmpty, "no screen opened (the answer's r is New referral on a record)")
        #expect(h.message == nil)
        #expect(!h.dashboard.filterEditing)
        #expect(h.dashboard.selectedRow?.id == selected)
        #expect(h.lines == screen)
        #expect(h.database.auditEvents().count == events)
        #expect(!h.app.state.quitRequested)
    }

    @Test func withTheFilterOpenTheAnswerChangesNothing() throws {
        let h = try Harness()
        h.press(.char("/"))
        h.type("ab")
        let filter = h.dashboard.filterField.value
        h.clock.advance(by: 1)
        h.terminal.feed(terminalText: Self.lightAnswer)
        h.tick()
        #expect(h.dashboard.filterField.value == filter)
        #expect(h.app.state.screens.isEmpty)
    }

    @Test func inANoteTheAnswerIsNotTyped() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("seen at the synthetic drop-in")
        let typed = h.formValue("summary")
        h.clock.advance(by: 1)
        h.terminal.feed(terminalText: Self.lightAnswer + Self.otherAnswers)
        h.tick()
        #expect(h.formValue("summary") == typed)
        #expect(h.formOpen)
        #expect(h.message == nil)
    }

    @Test func theDashboardSwitchesThemeWhenTheThemeFollowsTheTerminal() throws {
        let database = Harness.makeDatabase()
        let clock = TestClock(Harness.demoNow)
        let store = try InMemoryCaseStore(database: database, account: "demo-cp", passphrase: Harness.passphrase, clock: clock)
        let terminal = HeadlessTerminal(size: Size(width: 120, height: 32))
        let themes = Self.followingThemes()
        let app = try App(store: store, terminal: terminal, theme: .default, themes: themes, clock: clock)
        app.step(timeoutMilliseconds: 0)
        let text = terminal.lines()
        #expect(Self.hasColour(app.lastFrame))
        terminal.feed(terminalText: Self.lightAnswer)
        app.step(timeoutMilliseconds: 0)
        #expect(app.theme.name == "light")
        #expect(terminal.lines() == text, "the same screen, in the other theme")
        #expect(!Self.hasColour(app.lastFrame))
        terminal.feed(terminalText: Self.darkAnswer)
        app.step(timeoutMilliseconds: 0)
        #expect(app.theme.name == "default", "a later answer switches it back")
        #expect(Self.hasColour(app.lastFrame))
    }

    @Test func aThemeThePersonChoseStaysWhateverTheTerminalSays() throws {
        let h = try Harness()
        h.terminal.feed(terminalText: Self.lightAnswer)
        h.tick()
        #expect(h.app.theme == .default)
    }
}
