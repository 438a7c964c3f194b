import CareDomain
import CareStore
import Foundation

/// A store in its own temporary folder (removed when the value goes away), made with the fast
/// test key cost, passed explicitly, with a supervisor and one worker of each other role.
final class TransferStore: @unchecked Sendable {
    static let supervisor = NewAccount(
        accountName: "sup.transfer", displayName: "Sam Transfertest", role: .supervisor, passphrase: "supervisor transfer passphrase")
    static let protection = NewAccount(
        accountName: "cp.transfer", displayName: "Casey Transfertest", role: .childProtection, passphrase: "protection transfer passphrase")
    static let police = NewAccount(
        accountName: "police.transfer", displayName: "Pat Transfertest", role: .police, passphrase: "police transfer passphrase")
    static let liaison = NewAccount(
        accountName: "liaison.transfer", displayName: "Lee Transfertest", role: .liaison, passphrase: "liaison transfer passphrase")

    let folder: URL
    let path: String
    let store: SQLiteCaseStore

    init(unit: String = "TST", zone: TimeZone = TimeZone(identifier: "UTC")!) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("care-transfer-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("\(unit).care").path
        store = try StoreAdmin.create(options: Self.options(path), unit: unit, admin: Self.supervisor, timeZone: zone)
        for account in [Self.protection, Self.police, Self.liaison] { _ = try store.addAccount(account) }
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    static func options(_ path: String) -> StoreOptions { StoreOptions(path: path, kdfCost: .testOnly) }

    /// Another session on the same file (another connection, as another process would have).
    func open(_ account: NewAccount = supervisor) throws -> SQLiteCaseStore {
        try SQLiteCaseStore.open(options: Self.options(path), account: account.accountName, passphrase: account.passphrase)
    }

    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The ids of the accounts by name.
    func worker(_ account: NewAccount) throws -> WorkerID {
        try store.listAccounts().first { $0.accountName == account.accountName }!.workerID
    }
}
