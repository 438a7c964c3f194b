import ArgumentParser
import CareDomain
import CarePostgres
import CareStore

/// `care init --unit CODE --admin NAME`: start a unit's store with its first supervisor.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a unit's store with its first supervisor account.")

    @Option(name: .long, help: "Where to create the store (default: $CARE_STORE, then $XDG_DATA_HOME/care/<unit>.care).")
    var store: String?

    @Option(name: .long, help: "The unit's code: 2 to 5 capital letters, used in case numbers (e.g. KEN).")
    var unit: String

    @Option(name: .long, help: "Account name of the first supervisor.")
    var admin: String

    @Option(name: .long, help: "The supervisor's name as screens show it (default: the account name).")
    var displayName: String?

    @Option(name: .long, help: "Read the new passphrase as one line from this open file descriptor.")
    var passphraseFd: Int32?

    @Option(name: .long, help: "The unit's time zone, an IANA name like America/Winnipeg; every time is shown in it (default: the machine's).")
    var timeZone: TimeZoneArgument?

    @Option(name: .long, help: "A folder with services.toml and review-checklist.toml to start the catalogue from (default: the shipped catalogue/).")
    var catalogue: String?

    func validate() throws {
        guard (2...5).contains(unit.count), unit.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ValidationError("The unit code must be 2 to 5 capital letters, like KEN.")
        }
        try AccountName.validate(admin)
    }

    func run() throws {
        if let address = try PostgresStores.address(explicit: store) { return try create(on: address) }
        let path = StorePaths.resolve(explicit: store, unit: unit)
        guard !StoreAdmin.exists(path: path) else {
            throw CommandFailure.words("A store already exists at \(path); it was left as it is.")
        }
        let seed = try SeedCatalogue.load(directory: catalogue)
        let passphrase = try PassphraseReader.newPassphrase(fd: passphraseFd, for: admin)
        let account = NewAccount(accountName: admin, displayName: displayName ?? admin, role: .supervisor, passphrase: passphrase)
        let zone = timeZone?.zone ?? .current
        let store = try StoreAdmin.create(options: StoreOptions(path: path, anchors: AnchorBook.standard()), unit: unit, admin: account, timeZone: zone)
        for notice in store.notices { Say.notice(notice) }
        _ = try store.perform(.importServices(seed.services))
        _ = try store.perform(.saveChecklist(ReviewChecklist(questions: seed.questions)))
        let authority = try? store.authorityFingerprint()
        try? store.close()
        Say.out("Created the \(unit) store at \(path) with supervisor \(admin); times are shown in \(zone.identifier).")
        Say.out("The services catalogue has \(seed.services.count) services and the review checklist \(seed.questions.count) questions "
                + "(care services import FILE.toml and care services checklist FILE.toml change them).")
        if let authority {
            Say.out("The unit's authority key, which certifies every account: \(authority) "
                    + "(write it down; care check names a store whose key is not this one on a machine that has opened it).")
        }
        Say.out("Add workers with: care user add NAME --role child-protection --as \(admin) --store \(path)")
    }
}

/// Account names are checked early, by the store's own rule, so a bad one fails before any
/// passphrase is asked for.
extension InitCommand {
    /// `care init --store postgres://…`: the unit's schema on the server, its first supervisor
    /// and the shipped catalogue.
    func create(on address: PostgresAddress) throws {
        let seed = try SeedCatalogue.load(directory: catalogue)
        let passphrase = try PassphraseReader.newPassphrase(fd: passphraseFd, for: admin)
        let account = NewAccount(accountName: admin, displayName: displayName ?? admin, role: .supervisor, passphrase: passphrase)
        let zone = timeZone?.zone ?? .current
        let store = try PostgresCaseStore.create(options: PostgresCaseStore.Options(address: address), unit: unit, admin: account, timeZone: zone)
        defer { store.close() }
        _ = try store.perform(.importServices(seed.services))
        _ = try store.perform(.saveChecklist(ReviewChecklist(questions: seed.questions)))
        Say.out("Created the \(unit) store at \(address) with supervisor \(admin); times are shown in \(zone.identifier).")
    }
}

enum AccountName {
    static func validate(_ name: String) throws {
        do {
            _ = try NewAccount.validated(name: name)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }
}
