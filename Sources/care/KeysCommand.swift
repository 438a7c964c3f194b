import ArgumentParser
import CareDomain
import CareStore
import CareTUI

/// `care keys`: prints the default key bindings as Markdown (the source of docs/keys.md);
/// `care keys rotate CLASS`: a supervisor replaces the store's key of one visibility class.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the default key bindings as Markdown; rotate a class key (supervisor).",
        subcommands: [Bindings.self, Rotate.self], defaultSubcommand: Bindings.self)

    struct Bindings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bindings", abstract: "Print the default key bindings as Markdown (what `care keys` alone does).")

        func run() throws {
            let markdown = KeysDocument.markdown()
            Say.out(markdown.hasSuffix("\n") ? String(markdown.dropLast()) : markdown)
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Replace the key to one class of records and seal every record of it again (supervisor).",
            discussion: """
                CLASS is team, restricted or investigation. In one audited transaction a new key is made, every \
                record of the class (drafts and caseload summaries included) is sealed again under it, and it \
                is given to every account whose certificate names an active role that reads the class; the old \
                key opens nothing in the store afterwards. Copies of the file taken before still open with the \
                old key. Sessions open meanwhile are told to unlock again. The team's key also keys the audit \
                trail: the rotation is the last event chained under the old key, later events are chained \
                under the new one, and the old key is kept sealed under the new one only to verify and read \
                the events it chained. Every active account must have a valid certificate first.
                """)

        @OptionGroup var login: LoginOptions
        @Argument(help: ArgumentHelp("The class whose key is replaced: team, restricted or investigation.", valueName: "class"))
        var visibility: ClassArgument

        func run() throws {
            try login.refuseServer("Replacing a class key (care keys rotate)")
            let store = try login.open()
            defer { try? store.close() }
            let rotation = try store.rotateKey(visibility.visibility)
            Say.out("Rotated the key to \(visibility.words): \(rotation.records) records and \(rotation.summaries) summaries sealed "
                    + "again, the new key given to \(rotation.holders) accounts. The rotation is in the audit trail.")
        }
    }
}

/// A visibility class as typed on the command line.
struct ClassArgument: ExpressibleByArgument {
    let visibility: VisibilityClass

    init?(argument: String) {
        guard let visibility = VisibilityClass(rawValue: argument.lowercased()) else { return nil }
        self.visibility = visibility
    }

    var words: String {
        switch visibility {
        case .team: "the team's records"
        case .restricted: "restricted notes"
        case .investigation: "investigation records"
        }
    }

    static var allValueStrings: [String] { VisibilityClass.allCases.map(\.rawValue) }
}
