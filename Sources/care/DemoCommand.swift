import ArgumentParser
import CareDomain
import CarePostgres
import CareStore
import Foundation

/// `care demo`: make a synthetic demo unit (once) and open it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a synthetic demo store (never overwriting one) and open the dashboard."
    )

    static let passphrase = "demo"

    @Option(name: .long, help: "The demo store file (default: $CARE_STORE, then $XDG_DATA_HOME/care/demo.care).")
    var store: String?

    @Option(name: .long, help: "How many synthetic children to generate.")
    var children = 40

    @Option(name: .long, help: "Seed for the generator; the same seed makes the same unit.")
    var seed: UInt64 = 1

    @ArgumentParser.Flag(name: .long, help: "Create the store and print a summary, without opening the dashboard.")
    var noOpen = false

    @Option(name: .long, help: "The demo account to sign in as.")
    var user = "demo-cp"

    @Option(name: .long, help: "Theme name or path, or auto (follow the terminal's background).")
    var theme: String?

    @Option(name: .long, help: "The demo unit's time zone, an IANA name like America/Winnipeg (default: the machine's).")
    var timeZone: TimeZoneArgument?

    func validate() throws {
        guard (1...100_000).contains(children) else { throw ValidationError("--children must be between 1 and 100000.") }
    }

    @ArgumentParser.Flag(name: .long, help: "Plain mode for screen readers and braille displays: no box drawing, rows spelled out (also CARE_PLAIN=1, or plain = true in the config).")
    var plain = false

    func run() throws {
        if plain { MainActor.assumeIsolated { Dashboard.plainRequested = true } }
        // Before the store is made or signed in to: a run that cannot draw changes nothing.
        if !noOpen { try MainActor.assumeIsolated { try Dashboard.requireTerminal() } }
        if let address = try PostgresStores.address(explicit: store) { return try demo(on: address) }
        let path = StorePaths.resolve(explicit: store, unit: "demo")
        let existed = StoreAdmin.exists(path: path)
        if existed {
            Say.out("Using the existing demo store at \(path) (left as it is).")
        } else {
            try create(at: path)
        }
        Say.out("Accounts: demo-cp, demo-police, demo-liaison, demo-supervisor — passphrase \"\(Self.passphrase)\" (public: demo data only).")
        if noOpen {
            // Signing in writes a login event, so an existing store is not even opened.
            Say.out("Open it with: care demo --store \(path)")
            return
        }
        let opened = try SQLiteCaseStore.open(
            options: StoreOptions(path: path, anchors: AnchorBook.standard(), readsCaseloadAhead: true), account: user, passphrase: Self.passphrase)
        try MainActor.assumeIsolated {
            try Dashboard.run(store: opened, theme: theme)
        }
    }

    private func create(at path: String) throws {
        let zone = timeZone?.zone ?? .current
        let catalogue = try SeedCatalogue.load(directory: nil)
        let unit = DemoGenerator.make(seed: seed, children: children, now: Date(), zone: zone, services: catalogue.services,
                                      checklist: catalogue.questions)
        try DemoStore.create(unit, at: path, passphrase: Self.passphrase, timeZone: zone)
        let missing = unit.episodes.filter(\.isOpen).count
        Say.out("Created a synthetic demo store at \(path): \(unit.children.count) children (\(missing) missing now), "
              + "\(unit.referrals.count) referrals, \(unit.services.count) services, \(unit.workers.count) workers.")
    }
}

extension DemoCommand {
    /// `care demo --store postgres://…?unit=KEN`: the synthetic unit made on the server once
    /// (an existing one is used as it is), then opened.
    private func demo(on address: PostgresAddress) throws {
        let options = PostgresCaseStore.Options(address: address)
        if !(try PostgresCaseStore.exists(address)) {
            let zone = timeZone?.zone ?? .current
            let catalogue = try SeedCatalogue.load(directory: nil)
            let unit = DemoGenerator.make(seed: seed, children: children, now: Date(), unit: address.unit, zone: zone,
                                          services: catalogue.services, checklist: catalogue.questions)
            try PostgresDemo.create(unit, options: options, passphrase: Self.passphrase, timeZone: zone)
            Say.out("Created a synthetic demo unit at \(address): \(unit.children.count) children, \(unit.workers.count) workers.")
        } else {
            Say.out("Using the existing demo unit at \(address) (left as it is).")
        }
        Say.out("Accounts: demo-cp, demo-police, demo-liaison, demo-supervisor — passphrase \"\(Self.passphrase)\" (public: demo data only).")
        if noOpen { return }
        let opened = try PostgresCaseStore.open(options: options, account: user, passphrase: Self.passphrase)
        try MainActor.assumeIsolated { try Dashboard.run(postgres: opened, theme: theme) }
    }
}
