import CNCurses

/// The process signals the terminal cares about.
///
/// All uses of the shim's signal state are in this one file: static C state in a header
/// exists once per Swift object file that touches it (see `shim.h`).
@MainActor
enum TerminalSignals {
    /// Signals that ask the program to stop; they set a flag the read loop turns into `.interrupt`.
    /// SIGQUIT too: its default action is a core dump, and the screen would be left as it is.
    /// SIGUSR1, SIGUSR2, SIGALRM and SIGPIPE end a process by default with the alternate screen
    /// and a record on it; here they stop care as SIGTERM does (drafts kept, terminal restored).
    /// SIGPIPE handled, a write to a terminal gone fails with EPIPE instead of killing.
    static let stopSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE]
    /// Signals that mean a crash; the terminal is restored, one line written, and the process
    /// exits without Swift's interactive backtracer. SIGTRAP, SIGSYS and SIGXCPU dump core by
    /// default, leaving the screen as it was: they are crashes too.
    static let fatalSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGXCPU]

    private static var fatalHandlersInstalled = false
    private static var exitHandlerInstalled = false

    /// Whether one of `stopSignals` arrived since the handlers were installed.
    static var stopRequested: Bool { care_stop_requested() != 0 }

    static func installStopHandlers() {
        for signal in stopSignals { _ = care_install_stop_signal(signal) }
    }

    /// Puts the default actions back, so a program that carries on after `restore()` can be
    /// interrupted the ordinary way.
    static func removeStopHandlers() {
        for signal in stopSignals { _ = care_reset_signal(signal) }
    }

    /// Idempotent: installing twice would save our own handler as "the previous one" and loop.
    /// `handOn`: a developer asked for Swift's backtraces, so a crash goes on to the backtracer
    /// once the terminal is restored; otherwise it ends in our handler.
    static func installFatalHandlers(handOn: Bool = false) {
        guard !fatalHandlersInstalled else { return }
        fatalHandlersInstalled = true
        _ = care_install_signal_stack()
        for signal in fatalSignals { _ = care_install_fatal_signal(signal, handOn ? 1 : 0) }
    }

    static func installExitHandler() {
        guard !exitHandlerInstalled else { return }
        exitHandlerInstalled = true
        _ = care_install_exit_restore()
    }
}
