import ArgumentParser
import CareStore
import Foundation

/// `care anchor accept`: a supervisor accepts a store put back on purpose (a restore from a
/// backup) as this machine's new anchor, so `care check` and the dashboard stop naming it as
/// behind what this machine saw. `care restore` points here.
struct AnchorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor", abstract: "This machine's memory of a store's audit head (supervisor).",
        subcommands: [Accept.self])

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "Accept the store as it is now (a deliberate restore) as the head this machine remembers (supervisor).",
            discussion: """
                A store found behind the audit head this machine saw before is named at every opening and by \
                every care check, which exits 1, until this is run. It writes an audited notice and moves this \
                machine's anchor to the store's present head; the events after it that this machine saw are gone \
                from the store for good.
                """)

        @OptionGroup var login: LoginOptions

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            let accepted = try store.acceptRestore()
            let before = accepted.seen.map { "event \($0.sequence)" } ?? "no head of this store"
            Say.out("Accepted the store at event \(accepted.accepted.sequence) as restored on purpose; this machine had seen \(before). "
                    + "The acceptance is in the audit trail.")
        }
    }
}
