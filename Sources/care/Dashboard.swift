import CareDomain
import CareStore
import CareTUI
import CursesTerminal
import Foundation
import TextUI

/// Puts the dashboard on the real terminal: ncurses in, the app's frame loop, and the terminal
/// restored on every way out.
@MainActor
enum Dashboard {
    static func run(store: SQLiteCaseStore, theme requested: String?, masked: Bool = false) throws {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw CommandFailure.words(String(describing: error))
        }
        CursesTerminal.installCrashRestore()
        defer { terminal.restore() }
        let environment = ProcessInfo.processInfo.environment
        let (theme, warning) = ThemeLoader.select(
            requested: requested ?? environment["CARE_THEME"], environment: environment,
            colorCapability: terminal.colorCapability, searchPaths: ThemeLoader.bundledThemesDirectory()
        )
        let app = try App(store: store, terminal: terminal, theme: theme, unit: store.unit, masked: masked)
        if let warning { app.show(message: warning) }
        app.run()
    }
}
