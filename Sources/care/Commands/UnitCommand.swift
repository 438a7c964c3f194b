import ArgumentParser
import CareDomain
import CareStore
import Foundation
import TextUI

/// `care unit closure-reasons list|set`: the unit's own settings kept in the store, so every
/// worker of the unit sees the same; on a store file or a PostgreSQL store alike.
struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit", abstract: "The unit's settings kept in the store (supervisors change them).",
        subcommands: [ClosureReasons.self])

    struct ClosureReasons: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "closure-reasons", abstract: "The reasons the closure form offers every worker of the unit.",
            subcommands: [List.self, Set.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print the unit's closure reasons, one a line.")
            @OptionGroup var login: LoginOptions

            func run() throws {
                let signedIn = try login.openEitherBackend()
                defer { signedIn.close() }
                let list = try signedIn.store.closureReasonList()
                for reason in list?.reasons ?? ClosureReason.standardChoices { Say.out(Sanitizer.clean(reason)) }
                if list == nil { Say.out("(the standard list: this unit has not set its own)") }
            }
        }

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Replace the unit's closure reasons (supervisor); \"other\", with words of its own, is always offered last.")
            @OptionGroup var login: LoginOptions
            @Argument(help: "The reasons, in the order the form offers them (quote each: \"located and stable\").")
            var reasons: [String]

            func run() throws {
                let signedIn = try login.openEitherBackend()
                defer { signedIn.close() }
                let store = signedIn.store
                try SupervisorOnly.require(store, to: "change the unit's closure reasons")
                let saved = try store.setClosureReasons(reasons.map { Sanitizer.clean($0) })
                Say.out("Saved \(saved.reasons.count) closure reasons; every worker of the unit is offered them from their next closure request:")
                for reason in saved.reasons { Say.out("  \(reason)") }
            }
        }
    }
}
