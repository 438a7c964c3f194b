import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Opening a child's record leaves exactly one trace: who, which child, when.
@Suite struct ViewAuditTests {
    @Test func loadingDetailWritesOneViewEvent() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        let police = try fixture.open(StoreFixture.police)
        let before = try supervisor.audit(child: child.id)

        _ = try police.loadDetail(of: child.id, contactLimit: 10)

        let after = try supervisor.audit(child: child.id)
        let added = Array(after.dropFirst(before.count))
        #expect(added.count == 1)
        #expect(added.first?.action == .view)
        #expect(added.first?.actor == police.worker.id)
        #expect(added.first?.child == child.id)
        #expect(added.first?.targetKind == .child)
        #expect(try supervisor.audit(actor: police.worker.id.rawValue).filter { $0.action == .view }.count == 1)
    }

    @Test func loadingTheCaseloadIsNotAView() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        _ = try store.perform(.createChild(Samples.newChild(author: store.worker.id)))
        let before = try store.audit().count
        _ = try store.loadCaseload()
        #expect(try store.audit().count == before)
    }
}
