import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A store in its own temporary folder, removed when the fixture goes away. Uses the fast
/// `.testOnly` key-derivation cost, passed explicitly, and a clock fixed at `Samples.now`.
final class StoreFixture: @unchecked Sendable {
    let folder: URL
    let path: String
    let probe: any FilesystemProbe
    let clock: any WallClock

    static let supervisor = NewAccount(
        accountName: "sup.testcase", displayName: "Sam Supervisortest", role: .supervisor, passphrase: "supervisor test passphrase")
    static let protection = NewAccount(
        accountName: "cp.testcase", displayName: "Casey Protectiontest", role: .childProtection, passphrase: "protection test passphrase")
    static let police = NewAccount(
        accountName: "police.testcase", displayName: "Pat Policetest", role: .police, passphrase: "police test passphrase")
    static let liaison = NewAccount(
        accountName: "liaison.testcase", displayName: "Lee Liaisontest", role: .liaison, passphrase: "liaison test passphrase")

    init(
        fileName: String = "TST.care", subfolder: String? = nil, probe: any FilesystemProbe = StatfsProbe(),
        clock: any WallClock = MovableClock(Samples.now), anchors: Bool = false
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var file = folder
        if let subfolder { file.appendPathComponent(subfolder) }
        path = file.appendingPathComponent(fileName).path
        self.probe = probe
        self.clock = clock
        anchorBook = anchors ? AnchorBook(path: folder.appendingPathComponent("state/care/anchors").path) : nil
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// This test's machine memory of audit heads, when it asked for one.
    let anchorBook: AnchorBook?

    var options: StoreOptions {
        StoreOptions(path: path, kdfCost: .testOnly, clock: clock, filesystemProbe: probe, anchors: anchorBook)
    }

    /// Moves the fixture's clock on (past a sign-in wait, say).
    func advance(by seconds: TimeInterval) {
        (clock as? MovableClock)?.advance(by: seconds)
    }

    /// Creates the store with the supervisor and the other three test accounts; returns the
    /// supervisor's session.
    @discardableResult
    func create(withTeam: Bool = true, timeZone: TimeZone = .current) throws -> SQLiteCaseStore {
        let store = try StoreAdmin.create(options: options, unit: "TST", admin: Self.supervisor, timeZone: timeZone)
        if withTeam {
            for account in [Self.protection, Self.police, Self.liaison] { try store.addAccount(account) }
        }
        return store
    }

    func open(_ account: NewAccount) throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: options, account: account.accountName, passphrase: account.passphrase)
    }

    /// A plain SQLite connection to the store file, for tests that tamper with it as an attacker
    /// (or a failing disk) would.
    func raw() throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: config)
    }
}

/// A clock that stays where it is until a test moves it.
final class MovableClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    func now() -> Date { lock.withLock { instant } }

    func advance(by seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// A probe that reports whatever filesystem the test wants.
struct FixedProbe: FilesystemProbe {
    var kind: FilesystemKind
    func kind(ofDirectory path: String) throws -> FilesystemKind { kind }
}

extension CaseCommands {
    /// The record `perform` saved first, as its concrete type.
    func performed<Record: CareRecord>(_ command: CaseCommand, as type: Record.Type = Record.self) throws -> Record {
        try #require(try perform(command).record?.as(Record.self))
    }
}

extension SQLiteCaseStore {
    /// How many audit events the store holds (read as a supervisor would, without an event).
    func auditCount() throws -> Int {
        try read { db, _ in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0 }
    }
}
