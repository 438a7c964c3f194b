import ArgumentParser
import CareStore
import Foundation

/// `care check`: SQLite integrity, every sealed record opens, the audit chain holds.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the store: file integrity, every sealed record, and the audit chain. Exit 0 when all hold."
    )

    @OptionGroup var login: LoginOptions

    func run() throws {
        let store = try login.open()
        let report = try store.verify()
        print(report.description)
        if !report.isHealthy { throw ExitCode(1) }
    }
}
