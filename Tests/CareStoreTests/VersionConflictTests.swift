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
        let original = try supervisor.save(Samples.child(author: supervisor.worker.id), summary: "opened")

        var theirs = original
        theirs.placement = "Test foster home"
        let saved = try supervisor.save(theirs, summary: "placement changed")

        var yours = original
        yours.pronouns = "they/them"
        let tokenBefore = try protection.changeToken()
        #expect {
            try protection.save(yours, summary: "pronouns changed")
        } throws: { error in
            guard let conflict = error as? VersionConflict<Child> else { return false }
            return conflict.yours == yours && conflict.theirs == saved && conflict.savedBy == "Sam Supervisortest"
        }
        #expect(try protection.loadDetail(of: original.id, contactLimit: 1).child == saved)
        #expect(try protection.changeToken() == tokenBefore)
    }

    @Test func aNewRecordWhoseIDExistsIsAConflict() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        let contact = Samples.contact(child: .make(), author: store.worker.id)
        let first = try store.save(contact, summary: "note")
        var again = contact
        again.summary = "a different note"
        #expect(throws: VersionConflict<Contact>.self) { try store.save(again, summary: "note again") }
        #expect(try store.loadContacts(of: contact.child, before: .distantFuture, limit: 5).contacts == [first])
    }

    @Test func savingARecordThatIsNotThereIsNotFound() throws {
        let fixture = try StoreFixture()
        let store = try fixture.create()
        var ghost = Samples.service()
        ghost.version = 3
        #expect(throws: StoreError.recordNotFound(kind: "service", id: ghost.id.rawValue)) {
            try store.save(ghost, summary: "edit")
        }
    }

    @Test func theChangeTokenMovesWhenAnotherSessionSaves() throws {
        let fixture = try StoreFixture()
        let supervisor = try fixture.create()
        let protection = try fixture.open(StoreFixture.protection)
        let before = try protection.changeToken()
        _ = try supervisor.save(Samples.service(), summary: "catalogue")
        #expect(try protection.changeToken() == before + 1)
    }
}
