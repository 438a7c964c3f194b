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
}
