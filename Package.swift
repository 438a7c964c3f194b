// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "care",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "care", targets: ["care"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // CSV for `care import` and `care export` (see docs/architecture.md "Getting data in and out").
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The PostgreSQL client for the shared-server backend (see docs/architecture.md "Past one host").
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Only to silence the PostgreSQL driver's logger: nothing of the store goes to stderr.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // Pure Swift: the model, rules, workflows and the CaseStore port.
        .target(name: "CareDomain"),
        // The backend-neutral core of a store, with no GRDB: keys and account certificates,
        // sealing, the audit chain and its keyed head, the store's errors. Every backend uses it.
        .target(
            name: "CareCore",
            dependencies: [
                "CareDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // SQLite (GRDB) store with per-record AES-GCM sealing and the audit chain.
        .target(
            name: "CareStore",
            dependencies: [
                "CareDomain", "CareCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The same system SQLite GRDB links: for `sqlite3_file_control`, to refuse writing
                // into a store file deleted while open (GRDB does not expose it).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // PostgreSQL store behind the same port: the same sealed rows and audit chain on a shared server.
        .target(
            name: "CarePostgres",
            dependencies: [
                "CareDomain", "CareCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Terminal-agnostic UI toolkit: buffer, layout, widgets, themes, keys.
        .target(
            name: "TextUI",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // ncursesw as a system library, with a shim for macros and C globals.
        // No pkgConfig: its cflags are only -D flags SwiftPM refuses (with a warning on every
        // build); shim.h defines what is needed and module.modulemap links ncursesw.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CursesTerminal", dependencies: ["TextUI", "CNCurses"]),
        // glibc's malloc statistics, for the heap figures of `care bench`.
        .systemLibrary(name: "CMalloc"),
        // The application: state, actions, panes and the frame loop, over any Terminal.
        .target(name: "CareTUI", dependencies: ["CareDomain", "TextUI", .product(name: "TOMLKit", package: "TOMLKit")]),
        // Getting data in and out: import and export files, the sealed export, the unit's report.
        .target(
            name: "CareTransfer",
            dependencies: [
                "CareDomain", "CareStore", "TextUI",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "care",
            dependencies: [
                "CareDomain", "CareStore", "TextUI", "CursesTerminal", "CareTUI", "CareTransfer", "CarePostgres", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A test tool, not shipped: the reliability tests run it as child processes that save
        // and get killed (the crash harness) or contend for the same records (on a file or a
        // PostgreSQL server: the load test).
        .executableTarget(name: "care-workload", dependencies: ["CareDomain", "CareStore", "CarePostgres"]),
        .testTarget(name: "CareDomainTests", dependencies: ["CareDomain"]),
        // CareTUI and TextUI: the dashboard's loop over a PostgreSQL store, woken by its notifications.
        .testTarget(name: "CareStoreTests", dependencies: ["CareStore", "CareDomain", "CarePostgres", "CareTUI", "TextUI"], exclude: ["Fixtures"]),
        .testTarget(name: "TextUITests", dependencies: ["TextUI"]),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "CNCurses", "TextUI"]),
        // Fixtures more than one test target reads (the hostile-text corpus).
        .target(name: "CareTestFixtures", path: "Tests/Fixtures", exclude: ["hostile-text.json"]),
        .testTarget(name: "CareTUITests", dependencies: ["CareTUI", "CareDomain", "TextUI", "CareTestFixtures"], exclude: ["Golden"]),
        .testTarget(name: "CareTransferTests", dependencies: ["CareTransfer", "CareStore", "CareDomain", "TextUI", "CareTestFixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CareStore", "CareDomain", "CareTestFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
