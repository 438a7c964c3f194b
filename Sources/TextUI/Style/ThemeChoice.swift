/// Which theme a session starts with, and why.
///
/// The person's own choice wins, first found of: `--theme`, `$CARE_THEME`, `theme =` in
/// config.toml. With none (or `"auto"`), the theme follows the terminal's background, as first
/// found of: `$COLORFGBG`, the terminal's last answer remembered for this terminal type, else
/// the dark default. Behind tmux, screen or mosh the terminal never answers, so the remembered
/// answer (from a session outside them) and `COLORFGBG` are what make a white terminal light.
/// While following the terminal, its answer to the background query switches the theme when it
/// comes (`answered(_:)`), however late.
public struct ThemeChoice: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// `--theme NAME`.
        case option
        /// `CARE_THEME=NAME`.
        case environment
        /// `theme = "NAME"` in config.toml.
        case config
        /// `COLORFGBG`, with its value.
        case colorFGBG(String)
        /// The terminal's last answer, remembered for this `TERM`.
        case remembered(terminalType: String)
        /// The terminal answered the background query in this session.
        case answered
        /// Nothing said: the dark default.
        case fallback
    }

    /// The word that leaves the theme to the terminal's background.
    public static let auto = "auto"

    /// A theme name or path.
    public var name: String
    public var reason: Reason

    public init(name: String, reason: Reason) {
        self.name = name
        self.reason = reason
    }

    /// Whether the terminal's answer about its background may change the theme.
    public var followsTerminal: Bool {
        switch reason {
        case .option, .environment, .config: false
        case .colorFGBG, .remembered, .answered, .fallback: true
        }
    }

    /// The choice from everything known at start. `remembered` is the terminal's last answer for
    /// `terminalType`, if one was kept.
    public static func make(
        option: String?, environment: [String: String], config: String?, remembered: TerminalBackground?
    ) -> ThemeChoice {
        let given: [(String?, Reason)] = [(option, .option), (environment["CARE_THEME"], .environment), (config, .config)]
        for (value, reason) in given {
            guard let value, !value.isEmpty else { continue }
            if value == auto { break }
            return ThemeChoice(name: value, reason: reason)
        }
        if let value = environment["COLORFGBG"], let background = TerminalBackground.fromColorFGBG(value) {
            return ThemeChoice(name: background.themeName, reason: .colorFGBG(value))
        }
        if let remembered {
            return ThemeChoice(name: remembered.themeName, reason: .remembered(terminalType: environment["TERM"] ?? ""))
        }
        return ThemeChoice(name: TerminalBackground.dark.themeName, reason: .fallback)
    }

    /// The choice once the terminal has said what its background is; nil when the person chose
    /// the theme themselves.
    public func answered(_ background: TerminalBackground) -> ThemeChoice? {
        guard followsTerminal else { return nil }
        return ThemeChoice(name: background.themeName, reason: .answered)
    }

    /// The choice and why, in words (`care --help`).
    public var words: String {
        let follows = " If the terminal answers the background query, its answer wins (and is remembered for its TERM)."
        switch reason {
        case .option: return "\(name): chosen with --theme."
        case .environment: return "\(name): chosen with CARE_THEME."
        case .config: return "\(name): chosen with theme = \"\(name)\" in config.toml."
        case .colorFGBG(let value): return "\(name): COLORFGBG=\(value) says the background is \(name == "light" ? "light" : "dark")." + follows
        case .remembered(let type): return "\(name): the terminal's last answer, remembered for TERM=\(type)." + follows
        case .answered: return "\(name): the terminal's answer to the background query."
        case .fallback: return "\(name): nothing says the background is light (no COLORFGBG, no answer remembered for this TERM)." + follows
        }
    }
}
