import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Attack 7: with the file alone, which child a view concerns. A write event's rows name the
/// child in clear (`audit_rows.child_id`); a view's child and target tags must not equal that
/// child's write events' tags, or the clear id names the child of every look.
@Suite struct LookTagTests {
    @Test func aLooksTagsMatchNoWriteEventsTagsYetTheStoreStillFindsTheLooksByChild() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        _ = try supervisor.perform(.logContact(Samples.contact(child: child.id, author: supervisor.worker.id)))
        let police = try fixture.open(StoreFixture.police)
        try police.preview(of: child.id)
        _ = try police.loadDetail(of: child.id, contactLimit: 5)

        let (writeTags, lookTags) = try fixture.raw().read { db -> (Set<Data>, [Data]) in
            // Every tag on an event whose rows name this child in clear.
            let written = try Row.fetchAll(db, sql: """
                SELECT child_key, target_key FROM audit
                WHERE seq IN (SELECT seq FROM audit_rows WHERE child_id = ? OR id = ?)
                """, arguments: [child.id.rawValue, child.id.rawValue])
            let writeTags = Set(written.flatMap { [$0["child_key"] as Data?, $0["target_key"] as Data?].compactMap { $0 } })
            let looks = try Row.fetchAll(db, sql: "SELECT child_key, target_key FROM audit WHERE action IN ('view', 'preview')")
            return (writeTags, looks.flatMap { [$0["child_key"] as Data?, $0["target_key"] as Data?].compactMap { $0 } })
        }
        #expect(!writeTags.isEmpty)
        #expect(lookTags.count >= 2)
        #expect(lookTags.allSatisfy { !writeTags.contains($0) })
        #expect(try supervisor.audit(child: child.id).map(\.action).filter { $0 == .view || $0 == .preview } == [.preview, .view])
        #expect(try supervisor.audit(child: child.id).contains { $0.action == .create })
    }

    /// Build 7: the child reference of a look is sealed, not a tag shared by every look at that
    /// child. Two looks at one child carry different references, so the file alone does not
    /// say the same child was looked at twice; a holder of the key still reads them by child.
    @Test func twoLooksAtOneChildCarryDifferentReferencesAndTheAuditStillNamesTheChild() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id, sequence: 1)))
        let other: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id, sequence: 2)))
        let protection = try fixture.open(StoreFixture.protection)
        _ = try protection.loadDetail(of: child.id, contactLimit: 5)
        _ = try protection.loadDetail(of: child.id, contactLimit: 5)
        _ = try protection.loadDetail(of: other.id, contactLimit: 5)
        let police = try fixture.open(StoreFixture.police)
        try police.preview(of: child.id)

        let looks = try fixture.raw().read { db in
            try Row.fetchAll(db, sql: "SELECT child_key, target_key FROM audit WHERE action IN ('view', 'preview') ORDER BY seq")
        }
        #expect(looks.count == 4)
        let childKeys = looks.compactMap { $0["child_key"] as Data? }
        let targetKeys = looks.compactMap { $0["target_key"] as Data? }
        #expect(Set(childKeys).count == 4, "every look's child reference differs, two of the same child included")
        #expect(Set(targetKeys).count == 4)

        let seen = try supervisor.audit(child: child.id).filter { $0.action == .view || $0.action == .preview }
        #expect(seen.map(\.action) == [.view, .view, .preview])
        #expect(seen.allSatisfy { $0.child == child.id })
        #expect(try supervisor.audit(child: other.id).filter { $0.action == .view }.count == 1)
        #expect(try check(fixture).isHealthy)
    }

    func check(_ fixture: StoreFixture) throws -> StoreCheckReport {
        let inspection = try StoreInspection.open(
            options: fixture.options, account: StoreFixture.supervisor.accountName, passphrase: StoreFixture.supervisor.passphrase)
        defer { try? inspection.close() }
        return try inspection.verify()
    }
}
