import ArgumentParser
import CareDomain
import CarePostgres
import CareStore
import Foundation

/// The command line's way to a store on a PostgreSQL server: `--store postgres://host/db?unit=KEN`
/// or the same in `CARE_STORE`. The server's password comes from a password file (PGPASSFILE or
/// `?passfile=`), never from the command line; the worker's passphrase, as for a file, from the
/// terminal or `--passphrase-fd`.
enum PostgresStores {
    /// The PostgreSQL store named by `--store`, else by `CARE_STORE`; nil when a file is named.
    static func address(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresAddress? {
        let named = explicit.flatMap { $0.isEmpty ? nil : $0 } ?? environment["CARE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let named, PostgresAddress.isPostgres(named) else { return nil }
        do {
            return try PostgresAddress(named, environment: environment)
        } catch {
            throw CommandFailure.words("The store \(named.prefix(80)) cannot be used: \(error)")
        }
    }

    /// Signs `account` in, with the passphrase from `fd` or asked for on the terminal.
    static func open(_ address: PostgresAddress, account: String?, passphraseFd: Int32?) throws -> PostgresCaseStore {
        guard let account else { throw CommandFailure.words("Say which account to use with --user NAME (or --as NAME).") }
        let passphrase = try passphraseFd.map(PassphraseReader.readLine(fd:)) ?? PassphraseReader.prompt("Passphrase for \(account): ")
        let store = try PostgresCaseStore.open(options: PostgresCaseStore.Options(address: address), account: account, passphrase: passphrase)
        for notice in store.notices { Say.notice(notice) }
        return store
    }
}

/// `care migrate --from PATH.care --to postgres://…`: a unit's store carried to a PostgreSQL
/// server unchanged — sealed records, keys and the audit chain copied without opening them —
/// then read back and compared.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a unit's store file to a PostgreSQL server (postgres://host/db?unit=KEN), sealed as it is, and verify the copy.",
        discussion: """
            Needs no passphrase: nothing is opened. The server's password comes from PGPASSFILE \
            (or ?passfile=PATH), never from the command line. The unit's schema must not exist yet. \
            Exit status: 0 copied and verified, 1 the copy read back differs, 2 nothing was copied.
            """
    )

    @Option(name: .long, help: "The store file to copy.")
    var from: String

    @Option(name: .long, help: "The PostgreSQL store to make: postgres://user@host/database?unit=KEN.")
    var to: String

    func run() throws {
        guard let address = try PostgresStores.address(explicit: to) else {
            throw CommandFailure.words("--to names a PostgreSQL store: postgres://user@host/database?unit=KEN")
        }
        let report: PostgresMigration.Report
        do {
            let tables = try StoreAdmin.tables(options: StoreOptions(path: from))
            report = try PostgresMigration.migrate(tables, to: address)
        } catch {
            Say.error("Nothing was copied: \(error)")
            throw ExitCode(2)
        }
        Say.out("Copied \(from) to \(address):")
        Say.out(report.description)
        if !report.isSound { throw ExitCode(1) }
        Say.out("A supervisor can now sign in there with: care --store '\(address)' --user NAME")
    }
}
