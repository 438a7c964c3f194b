import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Two people editing the same record: the second save is refused with both versions, and
/// nothing is overwritten.
@Suite struct VersionConflictTests {
    @Test func aStaleSaveThrowsBothVersionsAndChangesNothing() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let protection = try fixture.open(StoreFixture.protection)
        let original: Child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))

        var theirs = original
        theirs.placement = "Test foster home"
        let saved: Child = try supervisor.performed(.updateChild(theirs))

        var yours = original
        yours.pronouns = "they/them"
        let cursorBefore = try protection.changeCursor()
        let eventsBefore = try protection.auditCount()
        #expect {
            try protection.perform(.updateChild(yours))
        } throws: { error in
            guard let conflict = error as? RecordConflict else { return false }
            return conflict.yours == .child(yours) && conflict.theirs == .child(saved)
                && conflict.savedBy == "Sam Supervisortest" && conflict.savedAt == Samples.now
        }
        #expect(try protection.loadDetail(of: original.id, contactLimit: 1).child == saved)
        #expect(try protection.changeCursor() == cursorBefore)
        #expect(try protection.auditCount() == eventsBefore + 1, "only the view")
    }

    @Test func aNewRecordWhoseIDExistsIsAConflict() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        let contact = Samples.contact(child: child.id, author: store.worker.id)
        let first: Contact = try store.performed(.logContact(contact))
        var again = contact
        again.summary = "a different note"
        #expect(throws: RecordConflict.self) { try store.perform(.logContact(again)) }
        #expect(try store.loadContacts(of: child.id, after: .start, limit: 5).contacts == [first])
    }

    @Test func changingARecordThatIsNotThereIsNotFound() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let child: Child = try store.performed(.createChild(Samples.newChild(author: store.worker.id)))
        var ghost = Samples.openEpisode(child: child.id)
        ghost.version = 3
        #expect(throws: CommandError.notFound(kind: .missingEpisode, id: ghost.id.rawValue)) {
            try store.perform(.updateMissingEpisode(ghost))
        }
    }

    @Test func theChangeCursorMovesWhenAnotherSessionSaves() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let protection = try fixture.open(StoreFixture.protection)
        let before = try protection.changeCursor()
        _ = try supervisor.perform(.saveService(Samples.service()))
        #expect(try protection.changeCursor() == before + 1)
    }
}
