import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// What must hold before anything touches the terminal: curses changes its settings, takes the
/// screen and writes the background query to it. Checked in this order, each refused in words
/// (`CursesError`):
///
/// 1. Standard input and output are both a terminal (not a pipe, a file or `/dev/null`).
/// 2. This process is in the terminal's foreground process group. A process in the background
///    that changes the terminal's settings is stopped by the kernel (SIGTTOU) and stays
///    stopped: `care demo … &` showed "Stopped (tty output)", and `swift test` run in a terminal
///    hung for ever on a test that starts `care` from the runner's background group.
/// 3. `TERM` is set, terminfo knows it, and it can move the cursor (`TERM=dumb` cannot: it got
///    a blank screen with the raw background query printed on it).
public enum TerminalPreflight {
    /// Throws the first of the conditions above that does not hold.
    public static func check() throws(CursesError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard isInForeground else { throw .inBackground }
        guard let type = getenv("TERM").map({ String(cString: $0) }), !type.isEmpty else { throw .noTerminalType }
        switch care_terminal_addresses_cursor(type) {
        case 1: return
        case 0: throw .cannotMoveTheCursor(type)
        default: throw .unknownTerminal(type)
        }
    }

    /// Whether this process's group is the one the terminal on standard input gives its input
    /// to (and lets change its settings).
    static var isInForeground: Bool {
        let foreground = tcgetpgrp(STDIN_FILENO)
        return foreground >= 0 && foreground == getpgrp()
    }
}
