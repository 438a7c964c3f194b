import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Restricted case notes are hidden from the police role, which is told how many it cannot see.
@Suite struct RestrictedNotesTests {
    let fixture: StoreFixture
    let child: Child
    /// Newest first: team, restricted, team, restricted, team.
    let contacts: [Contact]

    init() throws {
        fixture = try StoreFixture()
        let store = try fixture.create()
        child = try store.save(Samples.child(author: store.worker.id), summary: "opened")
        var saved: [Contact] = []
        for hour in 0..<5 {
            let visibility: Contact.Visibility = hour.isMultiple(of: 2) ? .team : .restricted
            saved.append(try store.save(
                Samples.contact(child: child.id, author: store.worker.id, at: TimeInterval(hour * 3600), visibility: visibility),
                summary: "note"))
        }
        contacts = saved.reversed()
    }

    @Test func policeSeeOnlyTeamNotes() throws {
        let police = try fixture.open(StoreFixture.police)
        let page = try police.loadDetail(of: child.id, contactLimit: 10).contacts
        #expect(page.contacts == [contacts[0], contacts[2], contacts[4]])
        #expect(page.hiddenRestricted == 2)
        #expect(!page.hasMore)
        #expect(try police.loadCaseload().lastContact[child.id] == contacts[0].occurredAt)
    }

    /// Issue 20 (7): a restricted note the police may not read still counts as contact, so no
    /// role sees a false "contact overdue"; police are told it is a restricted note, not its text.
    @Test func aNewerRestrictedNoteMovesEveryRolesLastContactWithoutItsText() throws {
        let writer = try fixture.open(StoreFixture.protection)
        let restricted = try writer.save(
            Samples.contact(child: child.id, author: writer.worker.id, at: 9 * 3600, visibility: .restricted), summary: "note")
        let police = try fixture.open(StoreFixture.police)
        let caseload = try police.loadCaseload()
        #expect(caseload.lastContact[child.id] == restricted.occurredAt)
        #expect(caseload.restrictedLastContact.contains(child.id))
        let patch = try police.loadPatch(children: [child.id], catalogue: false).part
        #expect(patch.lastContact[child.id] == restricted.occurredAt && patch.restrictedLastContact.contains(child.id))
        #expect(try writer.loadCaseload().lastContact[child.id] == restricted.occurredAt)
        #expect(try !writer.loadCaseload().restrictedLastContact.contains(child.id), "the writer reads the note")
        #expect(try police.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.contains { $0.id == restricted.id } == false)
    }

    @Test func policePagesCountOnlyTheRestrictedNotesTheyPassed() throws {
        let police = try fixture.open(StoreFixture.police)
        let first = try police.loadDetail(of: child.id, contactLimit: 1).contacts
        #expect(first.contacts == [contacts[0]])
        #expect(first.hiddenRestricted == 0)
        #expect(first.hasMore)
        let second = try police.loadContacts(of: child.id, after: try #require(first.cursor), limit: 1)
        #expect(second.contacts == [contacts[2]])
        #expect(second.hiddenRestricted == 1)
    }

    @Test func otherRolesSeeEveryNote() throws {
        let liaison = try fixture.open(StoreFixture.liaison)
        let page = try liaison.loadDetail(of: child.id, contactLimit: 10).contacts
        #expect(page.contacts == contacts)
        #expect(page.hiddenRestricted == 0)
    }

    @Test func policeCannotOverwriteOrUncoverARestrictedNote() throws {
        // A restricted note's id is in the change feed; a contact logged under that id must be
        // refused without the note coming back as "theirs" in a conflict.
        let police = try fixture.open(StoreFixture.police)
        let blind = Contact(
            id: contacts[1].id, child: child.id, occurredAt: Samples.when, author: police.worker.id, kind: .phone,
            summary: "overwritten")
        #expect(throws: CommandError.denied(PermissionDenied(permission: .viewRestrictedNotes, role: .police))) {
            try police.perform(.logContact(blind))
        }
        let supervisor = try fixture.open(StoreFixture.supervisor)
        #expect(try supervisor.loadDetail(of: child.id, contactLimit: 10).contacts.contacts == contacts)
    }
}
