import CursesTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Crashes without a window onto memory. Swift's runtime starts its backtracer on a fatal signal;
/// on a terminal it waits 30 s for someone to press a key and then takes commands such as
/// `mem ADDR`, which would print decrypted records into the scrollback. The runtime reads
/// `SWIFT_BACKTRACE` once, when the process starts, so `care` starts itself again with
/// `SWIFT_BACKTRACE=enable=no` when nothing was set; and its own fatal-signal handler restores
/// the terminal, writes one line and exits without handing the signal on.
///
/// A developer who wants backtraces sets it themselves, e.g.
/// `SWIFT_BACKTRACE=enable=yes,interactive=no care ...`: then it is left as it is and the
/// handler hands the signal on to the backtracer after restoring the terminal.
enum CrashReports {
    static let variable = "SWIFT_BACKTRACE"

    /// Starts the program again with the backtracer off, unless the person set the variable.
    /// Returns only when it was set already (or the restart failed, which leaves the handler).
    static func turnOffSwiftBacktracer() {
        #if os(Linux)
        guard getenv(variable) == nil else { return }
        setenv(variable, "enable=no", 1)
        // The binary's own path, not /proc/self/exe, so the process keeps its name ("care").
        guard let path = realpath("/proc/self/exe", nil) else { return }
        execv(path, CommandLine.unsafeArgv)
        free(path)
        #endif
    }

    /// Whether the person asked for Swift's backtraces (then the handler hands crashes on).
    static var backtracesRequested: Bool {
        guard let value = getenv(variable).map({ String(cString: $0) }) else { return false }
        return value.contains("enable=yes") || value.contains("enable=tty")
    }

    /// Installs the fatal-signal handlers for the whole run, before any record is read.
    @MainActor
    static func install() {
        CursesTerminal.installCrashRestore(handOn: backtracesRequested)
    }
}
