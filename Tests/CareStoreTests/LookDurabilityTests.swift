import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A look at a record is committed before it is shown without waiting for the disk
/// (`Durability.untilNextSync`); every change still waits for it, and the machine's anchor
/// never names a look the disk does not hold yet.
@Suite struct LookDurabilityTests {
    let fixture: StoreFixture
    let store: SQLiteCaseStore
    let child: Child

    init() throws {
        fixture = try StoreFixture(anchors: true)
        store = try fixture.create()
        child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
    }

    /// SQLite's `synchronous` on the store's own connection: 2 is FULL, 1 NORMAL.
    func synchronous() throws -> Int? {
        try store.dbQueue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
    }

    @Test func aLookLeavesTheConnectionWaitingForTheDiskForTheNextSave() throws {
        #expect(try synchronous() == 2)
        _ = try store.loadDetail(of: child.id, contactLimit: 10)
        #expect(try synchronous() == 2)
        try store.preview(of: child.id)
        #expect(try synchronous() == 2)
        // A look that fails half-way (no such child) sets it back too.
        #expect(throws: CommandError.self) { _ = try store.loadDetail(of: ChildID(rawValue: "no-such-child"), contactLimit: 10) }
        #expect(try synchronous() == 2)
        try store.viewHandover(children: [child.id], shift: "day shift of the test")
        #expect(try synchronous() == 2)
    }

    /// A change sets the wait itself at its commit: a connection left without it (a look's
    /// setting that could not be set back) does not carry over to a save.
    @Test func aChangeCommitsWithTheWaitWhateverTheConnectionWasLeftAt() throws {
        try store.dbQueue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
        #expect(try synchronous() == 1)
        _ = try store.perform(.logContact(Contact(child: child.id, occurredAt: Samples.now, author: store.worker.id, kind: .phone,
                                                  summary: "Synthetic note")))
        #expect(try synchronous() == 2)
    }

    /// Committed, not held back: another connection to the file reads the look's event as soon
    /// as the record is returned, which is what outlives a crash of the process.
    @Test func aLookIsInTheFileBeforeTheRecordIsReturned() throws {
        let other = try fixture.raw()
        func views() throws -> Int {
            try other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit") ?? 0 }
        }
        let before = try views()
        _ = try store.loadDetail(of: child.id, contactLimit: 10)
        #expect(try views() == before + 1)
    }

    /// The anchor is noted off the writer's thread and names the trail's head, a look included,
    /// only after the WAL holding it was synced (`noteHead`); at close too.
    @Test func theAnchorMovesOnToALookAMomentLater() throws {
        fixture.advance(by: 1)
        let syncs = store.headMemory.walSyncs
        _ = try store.loadDetail(of: child.id, contactLimit: 10)
        store.waitForAnchor()
        #expect(store.headMemory.walSyncs == syncs + 1)
        let head = try store.read { db, keys in try AuditLog(keys: keys).verifiedTail(db) }
        let noted = try #require(fixture.anchorBook?.anchor(storeID: try fixture.raw().read(StoreDatabase.storeID), path: fixture.path))
        #expect(noted.sequence == head.sequence && noted.hash == head.hash)
    }
}
