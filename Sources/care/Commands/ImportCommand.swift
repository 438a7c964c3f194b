import ArgumentParser
import CareDomain
import CareStore
import CareTransfer
import Foundation

/// `care import FILE`: children from a spreadsheet's CSV, or the records of a `care export`
/// (sealed or not), all in one transaction or none (supervisor; audited).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add children from a CSV file, or the records of a care export, all or nothing (supervisor).",
        discussion: """
            The columns and the JSON format are in docs/import-format.md. Every row is checked first; \
            each problem names its row, its column and what was expected, and any problem imports \
            nothing (exit status 65). Text is sanitized. A sealed export asks for its passphrase, or \
            reads it from --file-passphrase-fd. --dry-run checks everything and writes nothing.
            """
    )

    /// Exit status when the file has problems (EX_DATAERR): nothing was imported.
    static let dataError: Int32 = 65

    @OptionGroup var login: LoginOptions

    @Argument(help: "The file: .csv (children) or .json (a care export), sealed or not.")
    var file: String

    @ArgumentParser.Flag(name: .long, help: "Check the file against the store and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "For a sealed export: read its passphrase as one line from this open file descriptor.")
    var filePassphraseFd: Int32?

    func run() throws {
        let store = try login.open()
        defer { try? store.close() }
        try SupervisorOnly.require(store, to: "import records")
        let progress = ProgressBar(dryRun ? "Checking" : "Importing")
        defer { progress.finish() }
        do {
            let (contents, sealed) = try ImportFile.read(path: file) {
                try filePassphraseFd.map(PassphraseReader.readLine(fd:)) ?? PassphraseReader.prompt("Passphrase of the sealed file: ")
            }
            let records = try ImportFile.records(contents, unit: store.unit, accounts: try store.listAccounts()) { done, total in
                progress.update(done, of: total * 2)
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let outcome = try store.importUnitRecords(records, summary: "imported \(name)\(sealed ? " (sealed)" : "")", dryRun: dryRun) { done, total in
                progress.update(total + done, of: total * 2)
            }
            progress.finish()
            let kinds = RecordKind.allCases.compactMap { kind in outcome.added[kind].map { "\($0) \(kind.words)\($0 == 1 ? "" : "s")" } }
            let verb = dryRun ? "Checked: would import" : "Imported"
            Say.out("\(verb) \(outcome.total) records from \(name)\(kinds.isEmpty ? "" : " (" + kinds.joined(separator: ", ") + ")").")
            if outcome.numbered > 0 { Say.out("\(outcome.numbered) children without a case number \(dryRun ? "would get" : "got") the store's next numbers.") }
            if outcome.keptExisting > 0 { Say.out("\(outcome.keptExisting) workers, services or checklists already in the store were kept as they are.") }
            if dryRun { Say.out("Nothing was written (--dry-run).") }
        } catch let problems as ImportProblems {
            progress.finish()
            Say.error(problems.description)
            throw ExitCode(Self.dataError)
        } catch let refusal as ImportRefusal {
            progress.finish()
            Say.error(refusal.description)
            throw ExitCode(Self.dataError)
        } catch let error as SealedFileError {
            throw CommandFailure.words(error.description)
        } catch let error as TransferFailure {
            throw CommandFailure.words(error.description)
        }
    }
}
