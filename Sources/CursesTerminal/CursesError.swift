/// Why the terminal could not be set up, in words a person can act on.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe or a file), so there is no screen to draw on.
    case notATerminal
    /// The process runs in the background of its terminal (started with `&`), where changing the
    /// terminal's settings would stop it (SIGTTOU).
    case inBackground
    /// `TERM` is not set, so there is no way to know what the terminal understands.
    case noTerminalType
    /// ncurses has no description of this terminal type (`TERM`).
    case unknownTerminal(String)
    /// The terminal type cannot move the cursor (`dumb`, a printing terminal), so no screen can be drawn.
    case cannotMoveTheCursor(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "care needs a terminal to draw on, but its input or output is redirected. Run it directly in a terminal window."
        case .inBackground:
            return "care needs a terminal in the foreground to draw on, but it was started in the background (with &). "
                + "Start it without &."
        case .noTerminalType:
            return "The terminal type is not set (TERM is empty); try TERM=xterm-256color."
        case .unknownTerminal(let name):
            return "The terminal type '\(name)' is not known here; try TERM=xterm-256color."
        case .cannotMoveTheCursor(let name):
            return "The terminal type '\(name)' cannot move the cursor, which care needs to draw its screen "
                + "(Emacs' shell buffer and some consoles are such terminals). Run care in one that can: xterm, "
                + "GNOME Terminal, Konsole, the Linux console, tmux, or Emacs' M-x term (with TERM=xterm-256color)."
        }
    }
}
