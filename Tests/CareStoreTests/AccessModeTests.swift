import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The operator's file modes are respected: a store made read-only opens read-only and says so;
/// modes wider than the owner's get a warning in words, never a silent chmod.
@Suite struct AccessModeTests {
    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// The store file's bytes (SQLite's reader may add an empty `-wal` and the `-shm` index
    /// beside a read-only store; no record or event is written).
    func bytes(_ fixture: StoreFixture) -> Data? {
        FileManager.default.contents(atPath: fixture.path)
    }

    /// A store with a child and a note, closed (so its WAL is folded in).
    func closedStore() throws -> (StoreFixture, Child) {
        let fixture = try StoreFixture(subfolder: "care")
        let store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        try store.close()
        return (fixture, child)
    }

    @Test func aStoreMadeReadOnlyOpensReadOnlyAndIsLeftAsItIs() throws {
        let (fixture, child) = try closedStore()
        _ = chmod(fixture.path, 0o400)
        let before = bytes(fixture)
        let store = try fixture.open(StoreFixture.protection)
        #expect(store.isReadOnly)
        #expect(store.notices.first?.hasPrefix("This store is read-only: the store file is not writable (mode 0400).") == true)
        #expect(store.notices.first?.contains("records cannot be opened") == true)
        #expect(try store.loadCaseload().children.map(\.id) == [child.id])
        // A view that cannot be audited is not shown.
        #expect(throws: StoreError.self) { try store.loadDetail(of: child.id, contactLimit: 5) }
        #expect(throws: StoreError.self) { try store.preview(of: child.id) }
        #expect(throws: StoreError.self) { try store.perform(.logContact(Samples.contact(child: child.id, author: store.worker.id))) }
        store.lock()
        try store.unlock(passphrase: StoreFixture.protection.passphrase)
        try store.close()
        #expect(try mode(fixture.path) == 0o400)
        #expect(bytes(fixture) == before)
    }

    @Test func aFolderWithoutWritePermissionOpensReadOnly() throws {
        let (fixture, _) = try closedStore()
        let folder = StoreLocation(path: fixture.path).directory
        _ = chmod(folder, 0o500)
        defer { _ = chmod(folder, 0o700) }
        let store = try fixture.open(StoreFixture.supervisor)
        #expect(store.readOnlyReason?.contains("its folder") == true)
        #expect(throws: StoreError.self) { try store.perform(.saveService(Samples.service())) }
    }

    @Test func aWideFolderIsNamedNotChanged() throws {
        let (fixture, _) = try closedStore()
        let folder = StoreLocation(path: fixture.path).directory
        _ = chmod(folder, 0o755)
        _ = chmod(fixture.path, 0o640)
        let store = try fixture.open(StoreFixture.supervisor)
        #expect(!store.isReadOnly)
        #expect(store.notices.contains { $0.contains("(mode 0755)") && $0.contains("chmod 700") })
        #expect(store.notices.contains { $0.contains("(mode 0640)") && $0.contains("chmod 600") })
        _ = try store.perform(.saveService(Samples.service()))
        #expect(try mode(folder) == 0o755)
        #expect(try mode(fixture.path) == 0o640)
    }

    @Test func aFileOthersCanWriteIsSaidToBeChangeableNotOnlyReadable() throws {
        let (fixture, _) = try closedStore()
        _ = chmod(fixture.path, 0o666)
        let store = try fixture.open(StoreFixture.supervisor)
        #expect(store.notices.contains { $0.contains("can be read and changed by other accounts") && $0.contains("(mode 0666)") },
                "\(store.notices)")
        #expect(try mode(fixture.path) == 0o666)
    }

    @Test func aSymlinkedStoresRealFolderIsModeCheckedToo() throws {
        let (fixture, _) = try closedStore()
        let real = StoreLocation(path: fixture.path).directory
        _ = chmod(real, 0o755)
        let linkFolder = fixture.folder.appendingPathComponent("links").path
        try FileManager.default.createDirectory(atPath: linkFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let link = linkFolder + "/TST.care"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fixture.path)
        let store = try SQLiteCaseStore.open(
            options: StoreOptions(path: link, kdfCost: .testOnly, clock: fixture.clock, filesystemProbe: fixture.probe),
            account: StoreFixture.supervisor.accountName, passphrase: StoreFixture.supervisor.passphrase)
        #expect(store.notices.contains { $0.contains("The store's folder \(real) can be used by other accounts") && $0.contains("(mode 0755)") },
                "\(store.notices)")
        #expect(!store.notices.contains { $0.contains("folder \(linkFolder) ") })
    }

    @Test func creatingAStoreRefusesADanglingSymlinkAndCreatesNothingWhereItPoints() throws {
        let fixture = try StoreFixture()
        let target = fixture.folder.appendingPathComponent("elsewhere.care").path
        try FileManager.default.createSymbolicLink(atPath: fixture.path, withDestinationPath: target)
        #expect(throws: StoreError.alreadyExists(path: StoreLocation(path: fixture.path).path)) { try fixture.create() }
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
