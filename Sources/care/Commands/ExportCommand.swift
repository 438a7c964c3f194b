import ArgumentParser
import CareDomain
import CareStore
import CareTransfer
import Foundation

/// `care export --format json|csv --out FILE [--encrypt]`: the unit's records to a file
/// (supervisor; audited; the file created 0600).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the unit's records to a file, JSON or CSV, optionally sealed with a passphrase (supervisor).",
        discussion: """
            JSON holds every record; CSV holds the children in the columns of docs/import-format.md. \
            The file is created 0600 and never replaces another file. With --encrypt the file is sealed \
            (scrypt and AES-GCM) with a passphrase asked twice on the terminal, or read from \
            --file-passphrase-fd; care import opens it with the same passphrase. The export is audited. \
            Without --encrypt the file holds the records in plain text: keep it as you would the store.
            """
    )

    @OptionGroup var login: LoginOptions

    @Option(name: .long, help: "json (every record) or csv (the children).")
    var format: ExportFile.Format = .json

    @Option(name: .long, help: "The new file to write.")
    var out: String

    @ArgumentParser.Flag(name: .long, help: "Seal the file with a passphrase (scrypt + AES-256-GCM).")
    var encrypt = false

    @Option(name: .long, help: "With --encrypt: read the file's passphrase as one line from this open file descriptor.")
    var filePassphraseFd: Int32?

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else {
            throw CommandFailure.words("A file is already at \(out); choose a new name (nothing was written).")
        }
        let store = try login.open()
        defer { try? store.close() }
        try SupervisorOnly.require(store, to: "export records")
        let passphrase = try encrypt ? filePassphrase() : nil
        let progress = ProgressBar("Exporting")
        defer { progress.finish() }
        progress.update(0, of: 3)
        let unit = try store.unitRecords(
            ExportFile.kinds(for: format),
            auditing: "exported the unit's records to \(out) (\(format.rawValue)\(encrypt ? ", sealed" : ""))")
        progress.update(1, of: 3)
        var data = try ExportFile.contents(of: unit, format: format, at: Date())
        if let passphrase {
            data = try SealedFile.seal(data, content: format.rawValue, passphrase: passphrase).encoded()
        }
        progress.update(2, of: 3)
        do {
            try ExportFile.write(data, to: out)
        } catch {
            throw CommandFailure.words(String(describing: error))
        }
        progress.update(3, of: 3)
        progress.finish()
        let count = format == .json ? unit.records.count : unit.all(Child.self).count
        let what = format == .json ? "records" : "children"
        Say.out("Exported \(count) \(what) to \(out) (\(format.rawValue)\(encrypt ? ", sealed with a passphrase" : ""), mode 0600).")
        if !unit.damaged.isEmpty {
            Say.notice("\(unit.damaged.count) stored records did not open and are not in the export; run care check.")
        }
    }

    private func filePassphrase() throws -> String {
        let passphrase: String
        if let filePassphraseFd {
            passphrase = try PassphraseReader.readLine(fd: filePassphraseFd)
        } else {
            passphrase = try PassphraseReader.prompt("Passphrase to seal the export with: ")
            guard passphrase == (try PassphraseReader.prompt("Type it again: ")) else {
                throw CommandFailure.words("The two passphrases differ; nothing was exported.")
            }
        }
        guard passphrase.count >= KeyVault.minimumPassphraseLength else {
            throw CommandFailure.words(SealedFileError.passphraseTooShort.description + " Nothing was exported.")
        }
        return passphrase
    }
}

extension ExportFile.Format: ExpressibleByArgument {}
