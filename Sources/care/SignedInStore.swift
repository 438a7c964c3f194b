import CareDomain
import CarePostgres
import CareStore

/// A store the command line signed in to, on either backend: a file, or a unit on a PostgreSQL
/// server (`--store postgres://…`). The commands that work on both use it through the port;
/// the few that still work on a file only refuse a server in words (`LoginOptions.refuseServer`).
enum SignedInStore {
    case file(SQLiteCaseStore)
    case server(PostgresCaseStore)

    /// The parts of the port the command line's store-neutral commands use.
    var store: any CaseStore & CaseArchive & CaseUnitSettings & CaseInvestigations {
        switch self {
        case .file(let store): store
        case .server(let store): store
        }
    }

    func close() {
        switch self {
        case .file(let store): try? store.close()
        case .server(let store): store.close()
        }
    }
}

extension LoginOptions {
    /// Signs in to the store `--store` (or `CARE_STORE`) names, a file or a server, and says on
    /// standard error what the store noticed.
    func openEitherBackend(defaultAccount: String? = nil) throws -> SignedInStore {
        if let address = try PostgresStores.address(explicit: store) {
            return .server(try PostgresStores.open(address, account: account ?? defaultAccount, passphraseFd: passphraseFd))
        }
        return .file(try open(defaultAccount: defaultAccount))
    }

    /// Refuses, in words and before anything is asked or read, a command that works on a store
    /// file only when `--store` (or `CARE_STORE`) names a PostgreSQL store. `what` names it as
    /// the sentence's subject ("Moving a child to another unit (care transfer export)").
    func refuseServer(_ what: String) throws {
        guard try PostgresStores.address(explicit: store) != nil else { return }
        throw CommandFailure.words(Self.notOnServer(what))
    }

    static func notOnServer(_ what: String) -> String {
        "\(what) is not yet available on a PostgreSQL store; it works on a store file (see docs/operations.md). Nothing was read or changed."
    }
}
