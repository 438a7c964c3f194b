import ArgumentParser
import CareStore
import Foundation

/// Options shared by the commands that act as a signed-in worker.
struct LoginOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (default: $CARE_STORE, then $XDG_DATA_HOME/care/<unit>.care).")
    var store: String?

    @Option(name: .customLong("as"), help: "The account to act as.")
    var account: String?

    @Option(name: .long, help: "Read the passphrase as one line from this open file descriptor (for scripts).")
    var passphraseFd: Int32?

    /// Opens the store as the account, asking for the passphrase on the terminal unless a
    /// descriptor was given.
    func open(defaultAccount: String? = nil) throws -> SQLiteCaseStore {
        let (path, looked) = StorePaths.discover(explicit: store)
        guard let path else { throw CommandFailure.noStore(looked: looked) }
        guard StoreAdmin.exists(path: path) else { throw CommandFailure.noStore(looked: [path]) }
        guard let name = account ?? defaultAccount else {
            let names = (try? StoreAdmin.accounts(options: StoreOptions(path: path)))?.map(\.accountName) ?? []
            throw CommandFailure.words("Say which account to use with --as NAME (accounts: \(names.joined(separator: ", "))).")
        }
        let passphrase = try passphraseFd.map(PassphraseReader.readLine(fd:)) ?? PassphraseReader.prompt("Passphrase for \(name): ")
        return try SQLiteCaseStore.open(options: StoreOptions(path: path), account: name, passphrase: passphrase)
    }
}

/// Failures a command reports in words, with what to do next.
enum CommandFailure: Error, CustomStringConvertible {
    case noStore(looked: [String])
    case words(String)

    var description: String {
        switch self {
        case .noStore(let looked):
            """
            No care store was found (looked in \(looked.joined(separator: ", "))).
            Two ways on:
              care demo                       try it with a synthetic demo unit
              care init --unit KEN --admin NAME   start a real unit's store
            Or name a store with --store PATH or $CARE_STORE.
            """
        case .words(let text): text
        }
    }
}
