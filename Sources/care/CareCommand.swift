import ArgumentParser
import CNCurses
import Foundation

/// `care`: the CARE unit dashboard and its housekeeping commands.
@main
struct CareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "care",
        abstract: "Keyboard-driven dashboard for a CARE unit's caseload (synthetic data only in demos).",
        usage: """
            care [--store <store>] [--user <user>] [--passphrase-fd <passphrase-fd>] [--theme <theme>]
            care <subcommand> [<options>]
            """,
        discussion: OpenCommand.asTheDefault,
        version: CareVersion.description,
        subcommands: [OpenCommand.self, DemoCommand.self, InitCommand.self, UserCommand.self, ServicesCommand.self, CheckCommand.self, AuditCommand.self, KeysCommand.self, BenchCommand.self, HandoverCommand.self, ManualCommand.self,
                      ReportCommand.self, ImportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, AnchorCommand.self,
                      InvestigationGroupCommand.self, MigrateCommand.self, ChildTransferCommand.self, UnitCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    static func main() {
        CrashReports.turnOffSwiftBacktracer()
        // No core dumps and no ptrace by the same user: a dump would hold decrypted records.
        _ = care_prctl_set_dumpable(0)
        // A file-size limit (`ulimit -f`) reached while saving must be an error in words, like a
        // full disk, not SIGXFSZ ending the process with the screen in raw mode.
        signal(SIGXFSZ, SIG_IGN)
        MallocTuning.apply()
        MainActor.assumeIsolated { CrashReports.install() }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // ArgumentParser's own words (help, usage, our errors' descriptions), through the
            // same sanitizer as everything else `care` prints.
            let code = exitCode(for: error, arguments: Array(CommandLine.arguments.dropFirst()))
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

    /// ArgumentParser's exit code, except for `care check`, whose code is the store's state
    /// alone: a check that could not run, a usage error included, exits 2, never 1 ("damaged").
    static func exitCode(for error: any Error, arguments: [String]) -> ExitCode {
        if let failure = error as? CheckFailure { return ExitCode(failure.outcome.rawValue) }
        let code = exitCode(for: error)
        if arguments.first == CheckCommand.configuration.commandName, !(error is ExitCode), code != .success {
            return ExitCode(CheckCommand.Outcome.couldNotCheck.rawValue)
        }
        return code
    }
}
