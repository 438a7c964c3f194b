import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Issue 22, item 8: a damaged note on a page of contacts not loaded yet was named only once
/// that page was scrolled to. Opening the record names it at once.
@Suite struct DamagedContactPageTests {
    @Test func aDamagedNoteOnALaterPageIsNamedWhenTheRecordOpens() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)), as: Child.self)
        var notes: [Contact] = []
        for hour in 0..<8 {
            notes.append(try store.performed(
                .logContact(Samples.contact(child: child.id, author: store.worker.id, at: Double(hour) * 3_600)), as: Contact.self))
        }
        let oldest = try #require(notes.first)
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET payload = randomblob(length(payload)) WHERE id = ?", arguments: [oldest.recordID])
        }

        let detail = try fixture.open(StoreFixture.protection).loadDetail(of: child.id, contactLimit: 3)
        #expect(detail.contacts.hasMore && !detail.contacts.contacts.contains { $0.id == oldest.id }, "the note is on a later page")
        #expect(detail.damaged == [DamagedRecord(kind: "contact", id: oldest.recordID, child: child.id)], "\(detail.damaged)")
        // Its page, when loaded, names it again without naming it twice in the record.
        let all = try fixture.open(StoreFixture.protection).loadDetail(of: child.id, contactLimit: 20)
        #expect(all.damaged.count == 1)
    }
}
