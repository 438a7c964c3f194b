import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Where the store may live and how its files are protected.
@Suite struct FilesystemTests {
    @Test func aNetworkFilesystemIsRefusedInWords() throws {
        let fixture = try StoreFixture(probe: FixedProbe(kind: .network("nfs")))
        #expect {
            try StoreAdmin.create(options: fixture.options, unit: "TST", admin: StoreFixture.supervisor)
        } throws: { error in
            "\(error)" == "Store is on a network drive (nfs); SQLite cannot share it safely there — copy it to a local disk or open it on the host that holds it"
        }
        #expect(!StoreAdmin.exists(path: fixture.path))
    }

    @Test func anExistingStoreOnANetworkFilesystemIsNotOpened() throws {
        let local = try StoreFixture()
        try local.create(withTeam: false)
        var options = local.options
        options.filesystemProbe = FixedProbe(kind: .network("cifs"))
        #expect(throws: StoreError.networkFilesystem(kind: "cifs", path: local.path)) {
            try SQLiteCaseStore.open(options: options, account: "sup.testcase", passphrase: StoreFixture.supervisor.passphrase)
        }
    }

    @Test func storeFilesAreOwnerOnly() throws {
        let fixture = try StoreFixture(subfolder: "care")
        let store = try fixture.create()
        _ = try store.perform(.createChild(Samples.newChild(author: store.worker.id)))
        let location = StoreLocation(path: fixture.path)
        let mode = { (path: String) throws -> Int in
            try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(location.directory) == 0o700)
        for file in location.allPaths {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) exists while open")
            #expect(try mode(file) == 0o600, "\(file)")
        }
    }
}

/// The real `statfs` probe reads the filesystem's magic number.
@Suite struct StatfsProbeTests {
    #if os(Linux)
    @Test func itReadsTheSuperblockMagic() throws {
        // procfs has PROC_SUPER_MAGIC 0x9FA0 on every Linux system.
        #expect(try StatfsProbe.linuxMagic(of: "/proc") == 0x9FA0)
        #expect(try StatfsProbe().kind(ofDirectory: "/proc") == .local)
    }
    #endif

    @Test func aMissingFolderIsAnErrorNotAGuess() {
        #expect(throws: StoreError.self) { try StatfsProbe().kind(ofDirectory: "/no-such-folder-\(UUID().uuidString)") }
    }
}
