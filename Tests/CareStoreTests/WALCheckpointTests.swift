import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The WAL is checkpointed off the writer's thread (`WALCheckpointer`): the store's own
/// connection leaves it (its limit is a far net), and a WAL past the session's limit is moved
/// into the file on a connection of its own, while saves go on.
@Suite struct WALCheckpointTests {
    let fixture: StoreFixture

    init() throws {
        fixture = try StoreFixture()
        try fixture.create()
    }

    func session(checkpointAfter bytes: Int) throws -> SQLiteCaseStore {
        var options = fixture.options
        options.checkpointAfterBytes = bytes
        return try SQLiteCaseStore.open(options: options, account: StoreFixture.protection.accountName,
                                        passphrase: StoreFixture.protection.passphrase)
    }

    func walBytes() throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: fixture.path + "-wal")[.size] as? Int) ?? 0
    }

    @Test func theStoresOwnConnectionCheckpointsOnlyFarPastTheLimit() throws {
        let store = try session(checkpointAfter: WALCheckpointer.standardLimitBytes)
        #expect(try store.dbQueue.read { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == StoreDatabase.autoCheckpointPages)
        try store.close()
    }

    /// With a limit of 64 KiB, notes saved one after another: each time the WAL passes it, a
    /// checkpoint runs; once the pages are in the file, SQLite starts the WAL again from its
    /// beginning, so it stays near the limit instead of growing with every save.
    @Test func aWALPastItsLimitIsCheckpointedAndStaysNearIt() throws {
        let limit = 64 * 1_024
        let store = try session(checkpointAfter: limit)
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        var largest = 0
        for index in 0..<120 {
            _ = try store.perform(.logContact(Contact(child: child.id, occurredAt: Samples.now, author: store.worker.id, kind: .phone,
                                                      summary: "Synthetic note \(index) " + String(repeating: "x", count: 2_000))))
            store.checkpointer.wait()
            largest = max(largest, try walBytes())
        }
        #expect(store.checkpointer.checkpoints > 0)
        // Without the checkpoints the 120 notes' pages pile up in the WAL (well over 1 MB).
        #expect(largest < 4 * limit, "the WAL reached \(largest) bytes")
        try store.close()
        #expect(try fixture.raw().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM records WHERE kind = 'contact'") } == 120)
    }
}
