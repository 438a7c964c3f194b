/// The theme on screen, shared by every screen of a session (sign-in, dashboard), and the one
/// place it changes while the program runs: when the choice follows the terminal
/// (`ThemeChoice.followsTerminal`), the terminal's answer about its background switches it.
@MainActor
public final class ThemeSwitch {
    public private(set) var theme: Theme
    public private(set) var choice: ThemeChoice
    /// Loads a theme by name, already made for this terminal's colours.
    private let load: (String) -> Theme
    /// Keeps an answer for the next session on this terminal type.
    private let remember: (TerminalBackground) -> Void

    public init(choice: ThemeChoice, theme: Theme, load: @escaping (String) -> Theme, remember: @escaping (TerminalBackground) -> Void) {
        self.choice = choice
        self.theme = theme
        self.load = load
        self.remember = remember
    }

    /// A theme no answer changes (tests, benchmarks, a theme the person chose).
    public convenience init(fixed theme: Theme) {
        self.init(choice: ThemeChoice(name: theme.name, reason: .option), theme: theme, load: { _ in theme }, remember: { _ in })
    }

    /// The terminal said what its background is. Returns whether the theme changed.
    @discardableResult
    public func heard(_ background: TerminalBackground) -> Bool {
        guard let next = choice.answered(background) else { return false }
        remember(background)
        let changed = next.name != choice.name
        choice = next
        if changed { theme = load(next.name) }
        return changed
    }
}
