import ArgumentParser
import CareDomain
import CareStore
import CareTransfer
import Foundation
import TextUI

/// `care transfer key|export|import|revoke|answer`: a child moving to another unit, pending until
/// the receiving unit answers (supervisors, both sides).
struct ChildTransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Move a child to another unit, sealed to its transfer key (supervisor).",
        discussion: """
            The receiving unit prints its key (care transfer key) and sends it; the sending unit records the youth's \
            consent and seals the child's records to that key (care transfer export): the transfer is pending and the \
            child stays the sender's. The receiving unit opens the file (care transfer import FILE shows what arrives) \
            and accepts it (--accept) or rejects it (--reject REASON), writing an answer file (--out) for the sending \
            unit, which reads it with care transfer answer FILE: accepted, the case closes there and its copy is \
            read-only; rejected, the child is an open case again. While it waits the sender may revoke \
            (care transfer revoke), writing a revoke file the receiver reads with care transfer answer FILE, after \
            which the transfer cannot be accepted. Compare the authority fingerprint by phone before sealing.
            """,
        subcommands: [Key.self, Export.self, Import.self, Revoke.self, Answer.self])

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print this unit's transfer key, for a unit that sends a child here.")
        @OptionGroup var login: LoginOptions

        func run() throws {
            try login.refuseServer("Printing the unit's transfer key (care transfer key)")
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
            abstract: "Seal a child's records to another unit's transfer key; pending until that unit answers.")
        @OptionGroup var login: LoginOptions
        @Option(name: .long, help: "The child's case number (e.g. KEN-2026-0042).") var child: String
        @Option(name: .long, help: "The receiving unit's transfer key (care transfer key on their store).") var to: String
        @Option(name: .long, help: "The youth's consent, recorded first: who agreed, when, how.") var consent: String
        @Option(name: .long, help: "The new file to write (created 0600, never replacing one).") var out: String

        func run() throws {
            try login.refuseServer("Moving a child to another unit (care transfer export)")
            guard let number = CaseNumber(child) else { throw CommandFailure.words("\(child) is not a case number like KEN-2026-0042.") }
            try TransferPaths.requireNew(out)
            let key = try TransferKey(text: to)
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "transfer a child")
            let file = try store.exportTransfer(caseNumber: number, to: key, consent: Sanitizer.clean(consent))
            try ExportFile.write(try file.encoded(), to: out)
            Say.out("Sealed \(number) to \(key.unit ?? "the unit with authority key \(key.fingerprint)") in \(out) (mode 0600). "
                    + "The transfer is pending: the child stays yours until that unit's answer is read here (care transfer answer FILE).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a transfer file holds; accept the child (--accept) or reject the transfer (--reject REASON).")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The transfer file.") var file: String
        @ArgumentParser.Flag(name: .long, help: "Accept the child: their records come in with this unit's next case number.")
        var accept = false
        @Option(name: .long, help: "Reject the transfer, saying why (the sending unit reads it).") var reject: String?
        @Option(name: .long, help: "With --accept or --reject: the answer file to write for the sending unit (0600, new).")
        var out: String?

        func validate() throws {
            if accept && reject != nil { throw ValidationError("Choose --accept or --reject, not both.") }
            if (accept || reject != nil) && out == nil {
                throw ValidationError("Name the answer file for the sending unit with --out FILE.")
            }
        }

        func run() throws {
            try login.refuseServer("Taking in a transferred child (care transfer import)")
            let sealed = try ChildTransferFile.read(try TransferPaths.read(file))
            if let out { try TransferPaths.requireNew(out) }
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "take in a transferred child")
            let package = try (accept || reject != nil) ? store.openTransfer(sealed) : store.showTransfer(sealed)
            let records = try package.records()
            guard let child = package.child else { throw CommandFailure.words("This transfer file holds no child.") }
            // Case numbers and counts only: nothing that names the child goes to the terminal.
            let counts = Dictionary(grouping: records, by: \.kind).map { "\($0.key.words): \($0.value.count)" }.sorted()
            Say.out("From unit \(Sanitizer.clean(package.fromUnit)) (authority \(sealed.from)): case \(child.caseNumber), opened \(child.openedOn); \(counts.joined(separator: ", ")).")
            let state = try store.incomingState(package)
            if state != .pending { Say.out("This unit's answer so far: \(state.rawValue).") }
            if let reason = reject, let out {
                let answer = try store.rejectTransfer(sealed, reason: Sanitizer.clean(reason))
                try ExportFile.write(try answer.encoded(), to: out)
                Say.out("Rejected: nothing was taken in. Send \(out) (mode 0600) to unit \(Sanitizer.clean(package.fromUnit)).")
                return
            }
            guard accept, let out else {
                Say.out("Nothing was taken in. Run again with --accept --out ANSWER to take the child, or --reject REASON --out ANSWER.")
                return
            }
            let (taken, answer) = try store.acceptTransfer(sealed)
            if let answer {
                try ExportFile.write(try answer.encoded(), to: out)
                Say.out("Accepted: the child is \(taken.caseNumber) here (formerly \(child.caseNumber)), on your caseload until reassigned. "
                        + "Send \(out) (mode 0600) to unit \(Sanitizer.clean(package.fromUnit)).")
            } else {
                Say.out("Accepted: the child is \(taken.caseNumber) here (formerly \(child.caseNumber)). This file is from before answers; no answer file was written.")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take back a pending transfer, saying why; writes a revoke file for the receiving unit.")
        @OptionGroup var login: LoginOptions
        @Option(name: .long, help: "The child's case number (e.g. KEN-2026-0042).") var child: String
        @Option(name: .long, help: "Why the transfer is revoked (the receiving unit reads it).") var reason: String
        @Option(name: .long, help: "The revoke file to write for the receiving unit (0600, new).") var out: String

        func run() throws {
            try login.refuseServer("Revoking a transfer (care transfer revoke)")
            guard let number = CaseNumber(child) else { throw CommandFailure.words("\(child) is not a case number like KEN-2026-0042.") }
            try TransferPaths.requireNew(out)
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "revoke a transfer")
            let file = try store.revokeTransfer(caseNumber: number, reason: Sanitizer.clean(reason))
            try ExportFile.write(try file.encoded(), to: out)
            Say.out("Revoked: \(number) is an open case here again. Send \(out) (mode 0600) to the receiving unit; once they read it, they cannot accept the transfer.")
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the other unit's answer: an acceptance or rejection (sender), or a revoke (receiver).")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The answer file.") var file: String

        func run() throws {
            try login.refuseServer("Reading a transfer answer (care transfer answer)")
            let sealed = try TransferAnswerFile.read(try TransferPaths.read(file))
            let store = try login.open()
            defer { try? store.close() }
            try SupervisorOnly.require(store, to: "read a transfer answer")
            Say.out(Sanitizer.clean(try store.importTransferAnswer(sealed).words))
        }
    }
}

/// The files a transfer reads and writes.
enum TransferPaths {
    static func requireNew(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure.words("A file is already at \(path); choose a new name (nothing was written).")
        }
    }

    static func read(_ path: String) throws -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CommandFailure.words("\(path) cannot be read.") }
    }
}
