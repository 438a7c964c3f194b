import ArgumentParser
import CNCurses

/// `care`: the CARE unit dashboard and its housekeeping commands.
@main
struct CareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "care",
        abstract: "Keyboard-driven dashboard for a CARE unit's caseload (synthetic data only in demos).",
        subcommands: [OpenCommand.self, DemoCommand.self, InitCommand.self, UserCommand.self, ServicesCommand.self, CheckCommand.self, AuditCommand.self, KeysCommand.self, BenchCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    static func main() {
        // No core dumps and no ptrace by the same user: a dump would hold decrypted records.
        _ = care_prctl_set_dumpable(0)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
