import CareDomain
import Foundation
import GRDB
@testable import CareStore

/// A store in its own temporary folder, removed when the fixture goes away. Uses the fast
/// `.testOnly` key-derivation cost, passed explicitly.
final class StoreFixture {
    let folder: URL
    let path: String
    let probe: any FilesystemProbe

    static let supervisor = NewAccount(
        accountName: "sup.testcase", displayName: "Sam Supervisortest", role: .supervisor, passphrase: "supervisor test passphrase")
    static let protection = NewAccount(
        accountName: "cp.testcase", displayName: "Casey Protectiontest", role: .childProtection, passphrase: "protection test passphrase")
    static let police = NewAccount(
        accountName: "police.testcase", displayName: "Pat Policetest", role: .police, passphrase: "police test passphrase")
    static let liaison = NewAccount(
        accountName: "liaison.testcase", displayName: "Lee Liaisontest", role: .liaison, passphrase: "liaison test passphrase")

    init(fileName: String = "TST.care", subfolder: String? = nil, probe: any FilesystemProbe = StatfsProbe()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var file = folder
        if let subfolder { file.appendPathComponent(subfolder) }
        path = file.appendingPathComponent(fileName).path
        self.probe = probe
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var options: StoreOptions { StoreOptions(path: path, kdfCost: .testOnly, filesystemProbe: probe) }

    /// Creates the store with the supervisor and the other three test accounts; returns the
    /// supervisor's session.
    @discardableResult
    func create(withTeam: Bool = true) throws -> SQLiteCaseStore {
        let store = try StoreAdmin.create(options: options, unit: "TST", admin: Self.supervisor)
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

/// A probe that reports whatever filesystem the test wants.
struct FixedProbe: FilesystemProbe {
    var kind: FilesystemKind
    func kind(ofDirectory path: String) throws -> FilesystemKind { kind }
}
