import ArgumentParser
import CNCurses
import Foundation

/// `care`: the CARE unit dashboard and its housekeeping commands.
@main
struct CareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "care",
        abstract: "Keyboard-driven dashboard for a CARE unit's caseload (synthetic data only in demos).",
        subcommands: [OpenCommand.self, DemoCommand.self, InitCommand.self, UserCommand.self, ServicesCommand.self, CheckCommand.self, AuditCommand.self, KeysCommand.self, BenchCommand.self, HandoverCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    static func main() {
        CrashReports.turnOffSwiftBacktracer()
        // No core dumps and no ptrace by the same user: a dump would hold decrypted records.
        _ = care_prctl_set_dumpable(0)
        // A file-size limit (`ulimit -f`) reached while saving must be an error in words, like a
        // full disk, not SIGXFSZ ending the process with the screen in raw mode.
        signal(SIGXFSZ, SIG_IGN)
        MainActor.assumeIsolated { CrashReports.install() }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // ArgumentParser's own words (help, usage, our errors' descriptions), through the
            // same sanitizer as everything else `care` prints.
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            if code == .success, EnvironmentHelp.isTopLevelHelp(Array(CommandLine.arguments.dropFirst())) {
                message += "\n\n" + EnvironmentHelp.text()
            }
            if !message.isEmpty {
                if code == .success { Say.out(message) } else { Say.error(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
