import CareDomain
import CareStore
import CareTUI
import CursesTerminal
import Foundation
import TextUI

/// Puts the app on the real terminal: ncurses in, the login screen when needed, the frame loop,
/// and the terminal restored on every way out.
@MainActor
enum Dashboard {
    /// Opens the dashboard for a store already signed in to.
    static func run(store: SQLiteCaseStore, theme requested: String?, masked: Bool = false, wall: Bool = false) throws {
        try withTerminal(theme: requested) { terminal, theme, config, warning in
            let app = try makeApp(store: store, terminal: terminal, theme: theme, config: config, masked: masked, wall: wall)
            app.show(messages: store.notices + [warning].compactMap { $0 })
            app.run()
        }
    }

    /// Shows the login screen for the store at `path`, then the dashboard.
    static func runWithLogin(path: String, preselect: String?, theme requested: String?, wall: Bool = false) throws {
        let options = StoreOptions(path: path, anchors: AnchorBook.standard())
        let accounts = try StoreAdmin.accounts(options: options).filter(\.active)
            .map { AccountChoice(accountName: $0.accountName, role: $0.role) }
        guard !accounts.isEmpty else { throw CommandFailure.words("This store has no active account; a supervisor can add one with `care user add`.") }
        let unit = try StoreAdmin.unit(options: options).code
        try withTerminal(theme: requested) { terminal, theme, config, warning in
            let login = LoginFlow(accounts: accounts, unit: unit, preselect: preselect, terminal: terminal, theme: theme) { name, passphrase in
                try SQLiteCaseStore.open(options: options, account: name, passphrase: passphrase)
            }
            guard let store = login.run() else { return }
            terminal.invalidate()
            let app = try makeApp(store: store, terminal: terminal, theme: theme, config: config, masked: false, wall: wall)
            app.show(messages: ((store as? SQLiteCaseStore)?.notices ?? []) + [warning].compactMap { $0 })
            app.run()
        }
    }

    private static func makeApp(
        store: any CaseStore, terminal: CursesTerminal, theme: Theme, config: ConfigFile, masked: Bool, wall: Bool
    ) throws -> App {
        let (keymap, _) = config.keymap()
        var settings = AppSettings(idleLimit: TimeInterval((config.idleLockMinutes ?? 10) * 60), thresholds: config.thresholds, shifts: config.shifts)
        if let settle = config.settleMilliseconds { settings.settleTime = TimeInterval(settle) / 1_000 }
        return try App(store: store, terminal: terminal, keymap: keymap, theme: theme, settings: settings, masked: masked, wall: wall)
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

    private static func withTerminal(theme requested: String?, _ body: (CursesTerminal, Theme, ConfigFile, String?) throws -> Void) throws {
        // First: the background query below opens /dev/tty and changes its settings.
        try requireTerminal()
        let config = ConfigFile.load()
        let (_, problems) = config.keymap()
        // Said before the screen takes over, so it stays readable after quitting too.
        for problem in problems { Say.notice(problem) }
        let environment = ProcessInfo.processInfo.environment
        // With no theme chosen, one that reads on this terminal's background: asked of the
        // terminal (before curses reads the keyboard), else COLORFGBG, else the dark default.
        let chosen = requested ?? environment["CARE_THEME"] ?? config.theme
        let background = chosen == nil
            ? (TerminalBackground.query() ?? environment["COLORFGBG"].flatMap(TerminalBackground.fromColorFGBG))
            : nil
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw CommandFailure.words(String(describing: error))
        }
        defer { terminal.restore() }
        let (theme, warning) = ThemeLoader.select(
            requested: chosen ?? background?.themeName, environment: environment,
            colorCapability: terminal.colorCapability, searchPaths: ThemeLoader.bundledThemesDirectory()
        )
        try body(terminal, theme, config, warning ?? problems.first)
    }
}
