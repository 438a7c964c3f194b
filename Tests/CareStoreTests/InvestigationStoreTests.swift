import CareDomain
import Crypto
import Foundation
import GRDB
import Testing
@testable import CareStore

/// Investigation records are held by the `investigation` key: a copy of the file and a child
/// protection worker's or a liaison's passphrase open none of them, a police officer's opens
/// them all, and a lead a liaison reported is sealed for the police, not for the liaison. (What
/// the port does with them, the same on every store, is `InvestigationContractTests`.)
@Suite struct InvestigationStoreTests {
    let start: StoreWithARestrictedNote
    var fixture: StoreFixture { start.fixture }

    static let secondLiaison = NewAccount(
        accountName: "liaison2.testcase", displayName: "Jo Liaisontest-Second", role: .liaison, passphrase: "second liaison test passphrase")

    init() throws {
        start = try StoreWithARestrictedNote()
        try start.supervisor.addAccount(Self.secondLiaison)
    }

    func row(_ kind: RecordKind, _ id: String) throws -> RecordRow {
        try #require(try fixture.raw().read { db in try SQLiteCaseStore.fetchRow(kind, id: id, db: db) })
    }

    static func person(_ author: WorkerID) -> PersonOfInterest {
        PersonOfInterest(aliases: ["Quillon Testalias"], phones: ["(555) 010-0142"], vehicles: [Vehicle(description: "van", plate: "QXZT 907")],
                         createdBy: author, createdAt: Samples.now)
    }

    @Test func aChildProtectionKeyCannotDecryptAnInvestigationRecordAndAPoliceKeyCan() throws {
        let police = try fixture.open(StoreFixture.police)
        let person: PersonOfInterest = try police.performed(.investigation(.savePerson(Self.person(police.worker.id))))
        let row = try row(.personOfInterest, person.recordID)
        #expect(row.visibility == .investigation && row.seal == .bound && row.childID == nil)

        let protection = try fixture.keyring(of: StoreFixture.protection)
        #expect(throws: StoreError.classNotHeld(.investigation)) { try RecordSealer(keyring: protection).open(row) }
        // Not under any key a child protection worker holds, whatever it is called.
        for held in protection.classes {
            var relabelled = Keyring(storeID: protection.storeID, team: protection.team)
            relabelled.add(protection.key(for: held)!, for: .investigation)
            #expect(throws: StoreError.sealBroken(kind: "person-of-interest", id: person.recordID)) {
                try RecordSealer(keyring: relabelled).open(row)
            }
        }
        let plain = try RecordSealer(keyring: try fixture.keyring(of: StoreFixture.police)).open(row)
        #expect(try RecordCoding.decoder().decode(PersonOfInterest.self, from: plain) == person)

        // The dashboard's sessions say the same.
        let cp = try fixture.open(StoreFixture.protection)
        #expect(throws: CommandError.self) { try cp.investigation(.list) }
        #expect(throws: CommandError.self) { try cp.perform(.investigation(.savePerson(Self.person(cp.worker.id)))) }
    }

    @Test func aLeadReportedByALiaisonIsReadableByPoliceAndNotByAnotherLiaison() throws {
        let liaison = try fixture.open(StoreFixture.liaison)
        let text = "Youth mentioned Quillon Testalias drives a van (test)."
        let lead: Lead = try liaison.performed(.investigation(.reportLead(Lead(
            child: start.child.id, text: text, source: .youth, reportedBy: liaison.worker.id, reportedAt: Samples.now))))
        let row = try row(.lead, lead.recordID)
        #expect(row.visibility == .investigation && row.seal == .drop && row.childID == nil)

        for account in [StoreFixture.liaison, Self.secondLiaison] {
            let keys = try fixture.keyring(of: account)
            #expect(throws: StoreError.classNotHeld(.investigation)) { try RecordSealer(keyring: keys).open(row) }
            for held in keys.classes {
                var relabelled = Keyring(storeID: keys.storeID, team: keys.team)
                relabelled.add(keys.key(for: held)!, for: .investigation)
                #expect(throws: StoreError.sealBroken(kind: "lead", id: lead.recordID)) { try RecordSealer(keyring: relabelled).open(row) }
            }
        }
        let other = try fixture.open(Self.secondLiaison)
        #expect(throws: CommandError.self) { try other.investigation(.leads) }

        let plain = try RecordSealer(keyring: try fixture.keyring(of: StoreFixture.police)).open(row)
        #expect(try RecordCoding.decoder().decode(Lead.self, from: plain).text == text)
        let police = try fixture.open(StoreFixture.police)
        #expect(try police.investigation(.leads).leads.map(\.text) == [text])

        // A lead whose columns were changed does not open: the drop seal binds them too.
        try fixture.raw().write { db in
            try db.execute(sql: "UPDATE records SET child_id = ? WHERE kind = 'lead'", arguments: [start.child.id.rawValue])
        }
        var moved = row
        moved.childID = start.child.id.rawValue
        #expect(throws: StoreError.sealBroken(kind: "lead", id: lead.recordID)) {
            try RecordSealer(keyring: try fixture.keyring(of: StoreFixture.police)).open(moved)
        }
    }

    @Test func aLeadCannotBeSealedBeforeThePoliceKeyIsPublished() throws {
        try fixture.raw().write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'lead_drop_key'") }
        let cp = try fixture.open(StoreFixture.protection)
        #expect(throws: StoreError.self) {
            try cp.perform(.investigation(.reportLead(Lead(
                child: start.child.id, text: "test lead", source: .worker, reportedBy: cp.worker.id, reportedAt: Samples.now))))
        }
        // The next police sign-in publishes it again.
        _ = try fixture.open(StoreFixture.police)
        #expect(try cp.perform(.investigation(.reportLead(Lead(
            child: start.child.id, text: "test lead", source: .worker, reportedBy: cp.worker.id, reportedAt: Samples.now)))).saved.count == 1)
    }
}
