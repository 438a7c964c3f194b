import ArgumentParser
import CarePostgres
import CareStore
import Foundation

/// `care check`: SQLite integrity, every record as the audit trail last wrote it, the audit chain
/// from its first event to its keyed head. It verifies before it signs in: the sign-in event is
/// written only when the chain was found whole, so a check never anchors a cut trail.
///
/// The exit code is the store's state and nothing else (`Outcome`), so a script can act on it.
/// Its own sign-in not being written (a full disk, another session holding the store) is said
/// on its own line and changes nothing in the code: a healthy store on a full disk used to exit 1.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the store: file integrity, every sealed record, and the audit chain.",
        discussion: """
            Exit status: 0 the store is healthy, 1 it is damaged (what was found is printed), \
            2 it could not be checked (no store, a wrong passphrase, an unreadable disk, a usage error). \
            When the check cannot write its own sign-in to the audit trail, it says so on standard \
            error and the exit status is still the store's.
            """
    )

    /// What the exit code says.
    enum Outcome: Int32 {
        case healthy = 0
        case damaged = 1
        case couldNotCheck = 2
    }

    @OptionGroup var login: LoginOptions

    func run() throws {
        if let address = try PostgresStores.address(explicit: login.store) { return try check(address) }
        let inspection: StoreInspection
        let report: StoreCheckReport
        do {
            inspection = try login.inspect()
        } catch {
            throw Self.refusal(error)
        }
        defer { try? inspection.close() }
        do {
            report = try inspection.verify()
        } catch {
            throw Self.refusal(error)
        }
        Say.out(report.description)
        do {
            try inspection.recordCheck(report)
        } catch {
            Say.notice("This check's own sign-in could not be written to the audit trail: \(Self.words(for: error)) "
                + "What it found, above, stands.")
        }
        if !report.isHealthy { throw ExitCode(Outcome.damaged.rawValue) }
    }

    /// A store on a PostgreSQL server: signed in to (the sign-in checks the trail's tail before
    /// it writes, so a cut trail is refused, not anchored), then the records and the whole chain
    /// (`PostgresCaseStore.verify`, the same rules as the file's).
    private func check(_ address: PostgresAddress) throws {
        let report: StoreCheckReport
        do {
            let store = try PostgresStores.open(address, account: login.account, passphraseFd: login.passphraseFd)
            defer { store.close() }
            report = try store.verify()
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw Self.refusal(error)
        }
        Say.out(report.description)
        if !report.isHealthy { throw ExitCode(Outcome.damaged.rawValue) }
    }

    /// The error in words and the exit code it makes: damage the store itself reports is
    /// "damaged", everything else "could not check".
    static func refusal(_ error: any Error) -> CheckFailure {
        let damaged: Bool
        switch error as? StoreError {
        case .corrupt?, .sealBroken?, .auditTrailBroken?: damaged = true
        default: damaged = false
        }
        return CheckFailure(words: words(for: error) + (damaged ? "" : " The store was not checked."),
                            outcome: damaged ? .damaged : .couldNotCheck)
    }

    /// The store's words without the advice to run `care check`, which is what is running.
    static func words(for error: any Error) -> String {
        switch error as? StoreError {
        case .corrupt(let why)?:
            return "The store is damaged or not a care store: \(why). Restore it from a backup, and keep the damaged file as evidence."
        case .auditTrailBroken(let broken)?:
            return "The audit trail does not reach its head (event \(broken.sequence): \(broken.reason)). "
                + "Restore the store from a backup, and keep this file as evidence."
        case .diskError(let why)?:
            return "The store's disk could not be read or written: \(why). If it keeps happening the disk may be failing: "
                + "copy the store somewhere safe."
        case .database(let message)?:
            return "The store could not complete the operation: \(message)."
        default:
            return String(describing: error)
        }
    }
}

/// `care check` could not give the store's state: words, and the exit code a script reads.
struct CheckFailure: Error, CustomStringConvertible {
    let words: String
    let outcome: CheckCommand.Outcome

    var description: String { words }
}
