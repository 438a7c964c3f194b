import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Drafts in the SQLite store (issue 21): one per worker, child and form, sealed under the class
/// of the record they draft, read back only by their writer, audited without their text, and
/// emptied — not deleted — when discarded, so `care check` finds nothing gone.
@Suite struct DraftStoreTests {
    func draft(_ store: SQLiteCaseStore, child: ChildID, text: String, visibility: VisibilityClass = .team) -> Draft {
        Draft(worker: store.worker.id, child: child, form: "ContactForm", name: "contact note",
              fields: ["summary": text, "location": ""], focus: "summary", savedAt: Samples.now, visibility: visibility)
    }

    @Test func aDraftIsKeptReplacedListedAndDiscardedWithoutItsTextOnDisk() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child = try supervisor.save(Samples.child(author: supervisor.worker.id), summary: "opened")
        let cp = try fixture.open(StoreFixture.protection)
        try cp.keepDraft(draft(cp, child: child.id, text: "first words"))
        try cp.keepDraft(draft(cp, child: child.id, text: Samples.canary, visibility: .restricted))
        let kept = try cp.drafts()
        #expect(kept.map(\.fields["summary"]) == [Samples.canary], "one draft per worker, child and form")
        #expect(kept.first?.version == 2)

        // Sealed under the restricted class, the text nowhere in clear.
        let row = try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT class, child_id FROM records WHERE kind = 'draft'")
        }
        #expect(row?["class"] as String? == "restricted")
        #expect(row?["child_id"] as String? == child.id.rawValue)
        for file in StoreLocation(path: fixture.path).allPaths where FileManager.default.fileExists(atPath: file) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)).range(of: Data(Samples.canary.utf8)) == nil, "\(file)")
        }

        // Nobody else reads it: not another worker, not the supervisor who holds every key.
        #expect(try supervisor.drafts().isEmpty)
        #expect(try fixture.open(StoreFixture.police).drafts().isEmpty)

        try cp.noteDraftRestored(kept[0])
        try cp.dropDraft(id: kept[0].id, reason: "discarded")
        #expect(try cp.drafts().isEmpty)
        let words = try supervisor.auditEvents(child: child.id, actor: cp.worker.id, since: nil).filter { $0.action == .draft }.map(\.summary)
        #expect(words == ["draft kept: contact note (11 characters)", "draft kept: contact note (16 characters)",
                          "draft restored: contact note (16 characters)", "draft discarded: contact note (16 characters)"])
        #expect(try supervisor.verify().isHealthy, "an emptied draft is no record gone")
    }

    @Test func onlyItsWriterKeepsADraft() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let child = try supervisor.save(Samples.child(author: supervisor.worker.id), summary: "opened")
        let cp = try fixture.open(StoreFixture.protection)
        #expect(throws: CommandError.self) { try supervisor.keepDraft(draft(cp, child: child.id, text: "not mine")) }
    }
}
