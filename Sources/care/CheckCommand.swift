import ArgumentParser
import CareStore
import Foundation

/// `care check`: SQLite integrity, every record as the audit trail last wrote it, the audit chain
/// from its first event to its keyed head. It verifies before it signs in: the sign-in event is
/// written only when the chain was found whole, so a check never anchors a cut trail.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the store: file integrity, every sealed record, and the audit chain. Exit 0 when all hold."
    )

    @OptionGroup var login: LoginOptions

    func run() throws {
        let inspection = try login.inspect()
        defer { try? inspection.close() }
        let report = try inspection.verify()
        Say.out(report.description)
        try inspection.recordCheck(report)
        if !report.isHealthy { throw ExitCode(1) }
    }
}
