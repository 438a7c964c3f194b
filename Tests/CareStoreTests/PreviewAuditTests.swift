import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The child pane's details beyond the caseload row are audited once per child per session;
/// the audit trail keeps who looked at which child as keyed tags, not in clear.
@Suite struct PreviewAuditTests {
    @Test func aPreviewIsWrittenOncePerChildPerSession() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let first: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id, sequence: 1)))
        let second: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id, sequence: 2)))
        let police = try fixture.open(StoreFixture.police)
        let previews = { try supervisor.audit(actor: police.worker.id.rawValue).filter { $0.action == .preview }.compactMap(\.child) }

        try police.preview(of: first.id)
        try police.preview(of: first.id)
        try police.preview(of: second.id)
        #expect(try previews() == [first.id, second.id])
        // A full view covers the preview.
        _ = try police.loadDetail(of: first.id, contactLimit: 5)
        try police.preview(of: first.id)
        #expect(try previews() == [first.id, second.id])
        // After the lock each child is audited again.
        police.lock()
        try police.unlock(passphrase: StoreFixture.police.passphrase)
        try police.preview(of: second.id)
        #expect(try previews() == [first.id, second.id, second.id])
    }

    @Test func theTrailHoldsNoWorkerOrChildIdInClear() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
        let police = try fixture.open(StoreFixture.police)
        try police.preview(of: child.id)
        _ = try police.loadDetail(of: child.id, contactLimit: 5)
        let ids = [child.id.rawValue, police.worker.id.rawValue, supervisor.worker.id.rawValue]
        let found = try fixture.raw().read { db -> [String] in
            var found: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit") {
                for column in row.columnNames {
                    let value = row[column] as DatabaseValue
                    let bytes: Data? = switch value.storage {
                    case .string(let text): Data(text.utf8)
                    case .blob(let blob): blob
                    default: nil
                    }
                    for id in ids where bytes?.range(of: Data(id.utf8)) != nil { found.append("\(column): \(id)") }
                }
            }
            return found
        }
        #expect(found == [])
        // The store still finds the events by child and by actor.
        #expect(try supervisor.audit(child: child.id, actor: police.worker.id.rawValue).map(\.action) == [.preview, .view])
    }
}
