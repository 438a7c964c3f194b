import ArgumentParser
import CareDomain
import CareStore
import CareTransfer
import CareTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `care investigation`: investigation records on the command line (police and supervisors).
struct InvestigationGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investigation",
        abstract: "Persons of interest and places of concern (police and supervisors).",
        subcommands: [InvestigationExportCommand.self]
    )
}

/// `care investigation export --person ID --format markdown|json [--out FILE | --to-terminal]`.
struct InvestigationExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one person of interest's links for a police file (police and supervisors).",
        discussion: """
            Writes who the person is and each link's date, source and confidence, naming children by case \
            number only: no link notes and nothing else about any child. Every record written is audited \
            as an export. With --out the file is created 0600 and never replaces another file; without it \
            the text goes to standard output, which must not be a terminal unless --to-terminal is given.
            """
    )

    @OptionGroup var login: LoginOptions

    @Option(name: .long, help: "The person's id (shown on the person's screen and in the audit trail).")
    var person: String

    @Option(name: .long, help: "markdown or json.")
    var format: InvestigationDisclosure.Format = .markdown

    @Option(name: .long, help: "The new file to write (created 0600).")
    var out: String?

    @ArgumentParser.Flag(name: .long, help: "Print to the terminal even though it keeps the text in its scrollback.")
    var toTerminal = false

    func run() throws {
        if let out {
            guard !FileManager.default.fileExists(atPath: out) else {
                throw CommandFailure.words("A file is already at \(out); choose a new name (nothing was written).")
            }
        } else if isatty(STDOUT_FILENO) == 1, !toTerminal {
            throw CommandFailure.words("""
                The export names a person of interest and the case numbers linked to them, and a terminal keeps what it shows in its scrollback.
                Write it to a file (--out person.md), or add --to-terminal.
                """)
        }
        let signedIn = try login.openEitherBackend()
        defer { signedIn.close() }
        let store = signedIn.store
        guard store.worker.role.may(.viewInvestigation) else {
            throw CommandFailure.words(PermissionDenied(permission: .viewInvestigation, role: store.worker.role).description)
        }
        let id = PersonID(rawValue: person.trimmingCharacters(in: .whitespaces).lowercased())
        let file = try store.investigation(.person(id), purpose: .exported)
        let caseNumbers = Dictionary(try store.loadCaseload().children.map { ($0.id, $0.caseNumber) }, uniquingKeysWith: { a, _ in a })
        guard let disclosure = InvestigationDisclosure(person: id, file: file, caseNumbers: caseNumbers, unit: store.unitInfo.code, at: Date())
        else { throw CommandFailure.words("No person of interest has the id \(Say.clean(person)); nothing was written.") }
        let text = try disclosure.rendered(format)
        if let out {
            do {
                try ExportFile.write(Data(text.utf8), to: out)
            } catch {
                throw CommandFailure.words(String(describing: error))
            }
            Say.out("Exported \(disclosure.links.count) links of one person of interest to \(out) (\(format.rawValue), mode 0600).")
        } else {
            // Sanitized already; through `Say` too, as everything the command line prints is.
            Say.out(String(text.dropLast()))
        }
    }
}

extension InvestigationDisclosure.Format: ExpressibleByArgument {}
