/// Why the terminal could not be set up, in words a person can act on.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe or a file), so there is no screen to draw on.
    case notATerminal
    /// `TERM` is not set, so there is no way to know what the terminal understands.
    case noTerminalType
    /// ncurses has no description of this terminal type (`TERM`).
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "care needs a terminal to draw on, but its input or output is redirected. Run it directly in a terminal window."
        case .noTerminalType:
            return "The terminal type is not set (TERM is empty); try TERM=xterm-256color."
        case .unknownTerminal(let name):
            return "The terminal type '\(name)' is not known here; try TERM=xterm-256color."
        }
    }
}
