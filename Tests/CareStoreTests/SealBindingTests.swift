import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// A sealed payload opens only in the row it was sealed for, and only at its own version.
@Suite struct SealBindingTests {
    @Test func aPayloadCopiedToAnotherRowDoesNotOpen() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let first = try store.save(Samples.child(author: store.worker.id, sequence: 1), summary: "opened")
        let second = try store.save(Samples.child(author: store.worker.id, sequence: 2), summary: "opened")
        try fixture.raw().write { db in
            try db.execute(sql: """
                UPDATE records SET payload = (SELECT payload FROM records WHERE id = ?) WHERE id = ?
                """, arguments: [first.recordID, second.recordID])
        }
        #expect(throws: StoreError.sealBroken(kind: "child", id: second.recordID)) {
            try store.loadDetail(of: second.id, contactLimit: 1)
        }
        let report = try store.verify()
        #expect(report.badRecords.map(\.id) == [second.recordID])
        #expect(!report.isHealthy)
    }

    @Test func anOlderSealedCopyPutBackIsRefused() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        let oldPayload = try fixture.raw().read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM records WHERE id = ?", arguments: [child.recordID])
        }
        var edited = child
        edited.riskLevel = .critical
        _ = try store.save(edited, summary: "risk raised")
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET payload = ? WHERE id = ?", arguments: [oldPayload, child.recordID])
        }
        #expect(throws: StoreError.sealBroken(kind: "child", id: child.recordID)) { try store.loadCaseload() }
    }

    @Test func aHealthyStoreVerifies() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        _ = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        let report = try store.verify()
        #expect(report.isHealthy, "\(report)")
        #expect(report.recordsChecked == 5)
    }
}

/// The sealer's associated data alone binds a blob to its kind and id (audit payloads have no
/// id inside them to cross-check, so this is their only binding).
@Suite struct SealerTests {
    @Test func aBlobOpensOnlyUnderTheKindAndIDItWasSealedFor() throws {
        let sealer = Sealer(key: KeyVault.makeDataKey())
        let blob = try sealer.seal(Data("payload".utf8), kind: "audit", id: "4")
        #expect(try sealer.open(blob, kind: "audit", id: "4") == Data("payload".utf8))
        #expect(throws: StoreError.sealBroken(kind: "audit", id: "5")) { try sealer.open(blob, kind: "audit", id: "5") }
        #expect(throws: StoreError.sealBroken(kind: "child", id: "4")) { try sealer.open(blob, kind: "child", id: "4") }
        let otherKey = Sealer(key: KeyVault.makeDataKey())
        #expect(throws: StoreError.sealBroken(kind: "audit", id: "4")) { try otherKey.open(blob, kind: "audit", id: "4") }
    }
}
