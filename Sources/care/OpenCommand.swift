import ArgumentParser
import CarePostgres
import CareStore

/// `care [--store PATH] [--user NAME] [--passphrase-fd N]`: sign in and open the dashboard.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Sign in and open the dashboard (the default).")

    @Option(name: .long, help: "The store file (default: $CARE_STORE, then the one store in $XDG_DATA_HOME/care/).")
    var store: String?

    @Option(name: .long, help: "The account to sign in as.")
    var user: String?

    @Option(name: .long, help: "Read the passphrase as one line from this open file descriptor.")
    var passphraseFd: Int32?

    @Option(name: .long, help: "Theme name (default, light, high-contrast, monochrome, colorblind), a path to a .toml file, or auto (follow the terminal's background; see ENVIRONMENT in care --help).")
    var theme: String?

    @ArgumentParser.Flag(name: .long, help: "Plain mode for screen readers and braille displays: no box drawing, rows spelled out (also CARE_PLAIN=1, or plain = true in the config).")
    var plain = false

    func run() throws {
        if plain { MainActor.assumeIsolated { Dashboard.plainRequested = true } }
        if let address = try PostgresStores.address(explicit: store) {
            try MainActor.assumeIsolated { try Dashboard.requireTerminal() }
            let opened = try PostgresStores.open(address, account: user, passphraseFd: passphraseFd)
            try MainActor.assumeIsolated { try Dashboard.run(postgres: opened, theme: theme) }
            return
        }
        let (path, looked) = StorePaths.discover(explicit: store)
        guard let path, StoreAdmin.exists(path: path) else { throw CommandFailure.noStore(looked: path.map { [$0] } ?? looked) }
        // Before signing in: a run that cannot draw writes no sign-in.
        try MainActor.assumeIsolated { try Dashboard.requireTerminal() }
        // With a descriptor the passphrase comes without a screen (scripts, tests); otherwise the
        // login screen asks for it.
        if passphraseFd != nil {
            let login = LoginOptions(store: path, account: user, passphraseFd: passphraseFd)
            let opened = try login.open(readsCaseloadAhead: true)
            try MainActor.assumeIsolated { try Dashboard.run(store: opened, theme: theme) }
            return
        }
        try MainActor.assumeIsolated { try Dashboard.runWithLogin(path: path, preselect: user, theme: theme) }
    }
}

extension LoginOptions {
    init(store: String?, account: String?, passphraseFd: Int32?) {
        self.init()
        self.store = store
        self.account = account
        self.passphraseFd = passphraseFd
    }
}

extension OpenCommand {
    /// For `care --help`: what plain `care` does and the options it takes, taken from this
    /// command's own help, so the two cannot differ (`care --help` used to list none of them).
    static var asTheDefault: String {
        let help = helpMessage(columns: ManualPage.columns)
        let options = help.components(separatedBy: "\n").drop { !$0.hasPrefix("OPTIONS:") }.dropFirst()
            .filter { !$0.contains("--help") && !$0.contains("Show help information") }
        return "With no subcommand, care signs in and opens the dashboard (care open), taking these options:\n"
            + options.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
