import CareDomain
import CarePostgres
import CareStore
import CareTUI
import CursesTerminal
import Foundation
import TextUI

/// Puts the app on the real terminal: ncurses in, the login screen when needed, the frame loop,
/// and the terminal restored on every way out.
@MainActor
enum Dashboard {
    /// `--plain` on the command line (`CARE_PLAIN=1` and `plain = true` in the config also ask).
    static var plainRequested = false

    /// Opens the dashboard for a store already signed in to.
    static func run(store: SQLiteCaseStore, theme requested: String?, masked: Bool = false, wall: Bool = false) throws {
        try withTerminal(theme: requested) { session in
            let app = try makeApp(store: store, session: session, masked: masked, wall: wall)
            app.show(messages: store.notices + [session.warning].compactMap { $0 })
            app.run()
            // Quitting notes the head in this machine's anchors (close does), so a copy put back
            // over this session's events is named.
            try? store.close()
        }
    }

    /// Opens the dashboard for a store on a PostgreSQL server already signed in to.
    static func run(postgres store: PostgresCaseStore, theme requested: String?) throws {
        try withTerminal(theme: requested) { session in
            let app = try makeApp(store: store, session: session, masked: false, wall: false)
            app.show(messages: store.notices + [session.warning].compactMap { $0 })
            app.run()
            store.close()
        }
    }

    /// Shows the login screen for the store at `path`, then the dashboard.
    static func runWithLogin(path: String, preselect: String?, theme requested: String?, wall: Bool = false) throws {
        let options = StoreOptions(path: path, anchors: AnchorBook.standard(), readsCaseloadAhead: true)
        let accounts = try StoreAdmin.accounts(options: options).filter(\.active)
            .map { AccountChoice(accountName: $0.accountName, role: $0.role) }
        guard !accounts.isEmpty else { throw CommandFailure.words("This store has no active account; a supervisor can add one with `care user add`.") }
        let unit = try StoreAdmin.unit(options: options).code
        try withTerminal(theme: requested) { session in
            let login = LoginFlow(
                accounts: accounts, unit: unit, preselect: preselect, terminal: session.terminal, theme: session.themes.theme,
                themes: session.themes, silentLinkLimit: session.silentLinkLimit
            ) { name, passphrase in
                try SQLiteCaseStore.open(options: options, account: name, passphrase: passphrase)
            }
            guard let store = login.run() else { return }
            session.terminal.invalidate()
            let app = try makeApp(store: store, session: session, masked: false, wall: wall)
            app.show(messages: ((store as? SQLiteCaseStore)?.notices ?? []) + [session.warning].compactMap { $0 })
            app.run()
            try? (store as? SQLiteCaseStore)?.close()
        }
    }

    /// The terminal and what was decided about it at start, for the screens of one session.
    struct Session {
        let terminal: CursesTerminal
        let themes: ThemeSwitch
        let config: ConfigFile
        let warning: String?

        /// How long a query to the terminal may go unanswered before the screen locks.
        var silentLinkLimit: TimeInterval? {
            let minutes = config.silentLinkMinutes ?? 5
            return minutes == 0 ? nil : TimeInterval(minutes * 60)
        }
    }

    private static func makeApp(store: any CaseStore, session: Session, masked: Bool, wall: Bool) throws -> App {
        let (keymap, _) = session.config.keymap()
        let plain = plainRequested || ProcessInfo.processInfo.environment["CARE_PLAIN"] == "1" || session.config.plain
        let settings = AppSettings(
            idleLimit: TimeInterval((session.config.idleLockMinutes ?? 10) * 60), thresholds: session.config.thresholds,
            shifts: session.config.shifts, plain: plain, showFocusCursor: session.config.showFocusCursor,
            wallDwell: TimeInterval(session.config.wallPageSeconds ?? 10),
            settleTime: session.config.settleMilliseconds.map { TimeInterval($0) / 1_000 } ?? 0.4)
        return try App(
            store: store, terminal: session.terminal, keymap: keymap, theme: session.themes.theme, themes: session.themes,
            settings: settings, masked: masked, wall: wall, silentLinkLimit: session.silentLinkLimit)
    }

    /// The theme a session starts with: chosen by the person, else following the terminal's
    /// background as far as is known before it answers (`ThemeChoice`).
    nonisolated static func themeChoice(requested: String?, config: ConfigFile, environment: [String: String]) -> ThemeChoice {
        let remembered = environment["TERM"].flatMap { TerminalBackgroundMemory(environment: environment).background(for: $0) }
        return ThemeChoice.make(option: requested, environment: environment, config: config.theme, remembered: remembered)
    }

    /// Refuses in words, before anything touches the terminal, a run that has no terminal to
    /// draw on (`TerminalPreflight`). Commands call it before signing in too, so a run that
    /// cannot draw writes no sign-in.
    static func requireTerminal() throws {
        do {
            try TerminalPreflight.check()
        } catch {
            throw CommandFailure.words(error.description)
        }
    }

    private static func withTerminal(theme requested: String?, _ body: (Session) throws -> Void) throws {
        // First: curses below takes the screen and writes the background query to it.
        try requireTerminal()
        let config = ConfigFile.load()
        let (_, problems) = config.keymap()
        // Said before the screen takes over, so it stays readable after quitting too.
        for problem in problems { Say.notice(problem) }
        let environment = ProcessInfo.processInfo.environment
        let choice = themeChoice(requested: requested, config: config, environment: environment)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(escapeDelayMilliseconds: config.escapeDelayMilliseconds)
        } catch {
            throw CommandFailure.words(String(describing: error))
        }
        defer { terminal.restore() }
        let searchPaths = ThemeLoader.bundledThemesDirectory()
        func load(_ name: String) -> (Theme, String?) {
            ThemeLoader.select(requested: name, environment: environment, colorCapability: terminal.colorCapability, searchPaths: searchPaths)
        }
        let (theme, warning) = load(choice.name)
        let memory = TerminalBackgroundMemory(environment: environment)
        let terminalType = environment["TERM"] ?? ""
        let themes = ThemeSwitch(choice: choice, theme: theme, load: { load($0).0 }, remember: { memory.remember($0, for: terminalType) })
        // The first frame does not wait for the answer: it is drawn in the theme chosen so far,
        // and the answer switches it whenever it comes (a 600 ms link, or never behind tmux).
        if choice.followsTerminal { terminal.ask(.background) }
        try body(Session(terminal: terminal, themes: themes, config: config, warning: warning ?? problems.first))
    }
}
