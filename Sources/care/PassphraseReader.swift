import CareStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads passphrases from a file descriptor (for scripts) or from the terminal with echo off.
/// Never from argv or the environment, where other users and shell history can see them.
enum PassphraseReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One line from an already open file descriptor, without its newline.
    static func readLine(fd: Int32) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 { throw Failure(description: "Could not read the passphrase from file descriptor \(fd); is it open?") }
            if n == 0 || byte == 10 { break }
            bytes.append(byte)
        }
        if bytes.last == 13 { bytes.removeLast() }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw Failure(description: "The passphrase from file descriptor \(fd) is not UTF-8 text.")
        }
        return text
    }

    /// Prompts on the terminal with echo off.
    static func prompt(_ label: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw Failure(description: "No terminal to ask for a passphrase on; use --passphrase-fd N.")
        }
        Say.prompt(label)
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return try readLine(fd: STDIN_FILENO)
    }

    /// A new passphrase: from the descriptor once, or typed twice on the terminal.
    static func newPassphrase(fd: Int32?, for account: String) throws -> String {
        let passphrase: String
        if let fd {
            passphrase = try readLine(fd: fd)
        } else {
            passphrase = try prompt("New passphrase for \(account): ")
            let again = try prompt("Type it again: ")
            guard passphrase == again else { throw Failure(description: "The two passphrases differ; nothing was changed.") }
        }
        try PassphrasePolicy.check(passphrase)
        return passphrase
    }
}

/// The rule for new passphrases, in words (the store enforces the same minimum).
enum PassphrasePolicy {
    static let minimumLength = KeyVault.minimumPassphraseLength

    static func check(_ passphrase: String) throws {
        guard passphrase.count >= minimumLength else {
            throw PassphraseReader.Failure(description: "A passphrase needs at least \(minimumLength) characters; a few words work well.")
        }
    }
}
