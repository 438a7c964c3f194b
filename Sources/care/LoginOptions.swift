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
    /// descriptor was given, and says on standard error what the store noticed (read-only, a
    /// folder others can read, a store behind what this machine has seen).
    func open(defaultAccount: String? = nil, readsCaseloadAhead: Bool = false) throws -> SQLiteCaseStore {
        var (options, name, passphrase) = try signInDetails(defaultAccount: defaultAccount)
        options.readsCaseloadAhead = readsCaseloadAhead
        let store = try withWait(options, name) { try SQLiteCaseStore.open(options: options, account: name, passphrase: passphrase) }
        for notice in store.notices { Say.notice(notice) }
        return store
    }

    /// The store's keys for `care check`, without signing in (see `StoreInspection`).
    func inspect() throws -> StoreInspection {
        let (options, name, passphrase) = try signInDetails(defaultAccount: nil)
        let inspection = try withWait(options, name) { try StoreInspection.open(options: options, account: name, passphrase: passphrase) }
        for notice in inspection.notices { Say.notice(notice) }
        return inspection
    }

    /// A wrong passphrase is told with the wait before the next try, as the login screen does;
    /// the wait is the store's, so the next process keeps to it too.
    private func withWait<T>(_ options: StoreOptions, _ name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.wrongPassphrase(let account) {
            let wait = StoreAdmin.signInWait(options: options, account: account)
            throw CommandFailure.words("\(StoreError.wrongPassphrase(account: account)) Wait \(wait) s before the next try.")
        }
    }

    private func signInDetails(defaultAccount: String?) throws -> (StoreOptions, String, String) {
        // A command that reaches here takes a store file only (those that take a server ask
        // `openEitherBackend` or `PostgresStores` first): say so, not "no store was found".
        try refuseServer("This command")
        let (path, looked) = StorePaths.discover(explicit: store)
        guard let path else { throw CommandFailure.noStore(looked: looked) }
        guard StoreAdmin.exists(path: path) else { throw CommandFailure.noStore(looked: [path]) }
        let options = StoreOptions(path: path, anchors: AnchorBook.standard())
        guard let name = account ?? defaultAccount else {
            let names = (try? StoreAdmin.accounts(options: options))?.map(\.accountName) ?? []
            throw CommandFailure.words("Say which account to use with --as NAME (accounts: \(names.joined(separator: ", "))).")
        }
        let passphrase = try passphraseFd.map(PassphraseReader.readLine(fd:)) ?? PassphraseReader.prompt("Passphrase for \(name): ")
        return (options, name, passphrase)
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
