import ArgumentParser
import CareDomain
import CareStore
import CareTransfer
import Foundation
import TextUI

/// `care transfer key|export|import`: a child moving to another unit (supervisors, both sides).
struct ChildTransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Move a child to another unit, sealed to its transfer key (supervisor).",
        discussion: """
            The receiving unit prints its key (care transfer key) and sends it; the sending unit records the youth's \
            consent and seals the child's records to that key (care transfer export), which closes the case here and \
            makes this copy read-only; the receiving unit opens the file (care transfer import FILE shows what arrives) \
            and accepts it (--accept). Compare the authority fingerprint by phone before sealing.
            """,
        subcommands: [Key.self, Export.self, Import.self])

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print this unit's transfer key, for a unit that sends a child here.")
        @OptionGroup var login: LoginOptions

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "print the unit's transfer key")
            let key = try store.transferKey()
            Say.out(key.text)
            Say.out("Authority fingerprint (compare it by phone with the sending unit): \(key.fingerprint)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal a child's records to another unit's transfer key; the case closes here, read-only.")
        @OptionGroup var login: LoginOptions
        @Option(name: .long, help: "The child's case number (e.g. KEN-2026-0042).") var child: String
        @Option(name: .long, help: "The receiving unit's transfer key (care transfer key on their store).") var to: String
        @Option(name: .long, help: "The youth's consent, recorded first: who agreed, when, how.") var consent: String
        @Option(name: .long, help: "The new file to write (created 0600, never replacing one).") var out: String

        func run() throws {
            guard let number = CaseNumber(child) else { throw CommandFailure.words("\(child) is not a case number like KEN-2026-0042.") }
            guard !FileManager.default.fileExists(atPath: out) else {
                throw CommandFailure.words("A file is already at \(out); choose a new name (nothing was written).")
            }
            let key = try TransferKey(text: to)
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "transfer a child")
            let file = try store.exportTransfer(caseNumber: number, to: key, consent: Sanitizer.clean(consent))
            try ExportFile.write(try file.encoded(), to: out)
            Say.out("Sealed \(number) to the unit with authority key \(key.fingerprint) in \(out) (mode 0600). The case is closed here and read-only.")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what a transfer file holds; with --accept, take the child in.")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The transfer file.") var file: String
        @ArgumentParser.Flag(name: .long, help: "Accept the child: their records come in with this unit's next case number.")
        var accept = false

        func run() throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw CommandFailure.words("\(file) cannot be read.") }
            let sealed = try ChildTransferFile.read(data)
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "take in a transferred child")
            let package = try store.openTransfer(sealed)
            let records = try package.records()
            guard let child = package.child else { throw CommandFailure.words("This transfer file holds no child.") }
            // Case numbers and counts only: nothing that names the child goes to the terminal.
            let counts = Dictionary(grouping: records, by: \.kind).map { "\($0.key.words): \($0.value.count)" }.sorted()
            Say.out("From unit \(Sanitizer.clean(package.fromUnit)) (authority \(sealed.from)): case \(child.caseNumber), opened \(child.openedOn); \(counts.joined(separator: ", ")).")
            guard accept else {
                Say.out("Nothing was taken in. Run again with --accept to make the child this unit's.")
                return
            }
            let taken = try store.acceptTransfer(sealed)
            Say.out("Accepted: the child is \(taken.caseNumber) here (formerly \(child.caseNumber)), on your caseload until reassigned.")
        }
    }
}
