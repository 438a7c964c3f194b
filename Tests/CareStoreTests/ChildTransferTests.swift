import CareDomain
import Foundation
import Testing
@testable import CareStore

/// A child moving to another unit: the file opens only with the receiving unit's transfer key,
/// holds no name in clear, and the child arrives field for field in a second store that then
/// passes `care check`; the sending copy is closed and read-only.
@Suite struct ChildTransferTests {
    let sender: StoreFixture
    let receiver: StoreFixture
    let senderSupervisor: SQLiteCaseStore
    let receiverSupervisor: SQLiteCaseStore

    init() throws {
        sender = try StoreFixture()
        senderSupervisor = try sender.create()
        receiver = try StoreFixture(fileName: "OTH.care")
        receiverSupervisor = try StoreAdmin.create(options: receiver.options, unit: "OTH", admin: StoreFixture.supervisor, timeZone: .current)
    }

    /// A child with a contact (one restricted), an indicator and a plan in the sending store.
    func sentChild() throws -> (Child, [AnyRecord]) {
        let protection = try sender.open(StoreFixture.protection)
        let child: Child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id)))
        var records: [AnyRecord] = [.child(child)]
        for (offset, visibility) in [(0.0, Contact.Visibility.team), (60, .restricted)] {
            records.append(try #require(try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: offset, visibility: visibility))).record))
        }
        records.append(try protection.perform(.addIndicator(RiskIndicator(child: child.id, kind: .hotelKeyCardsOrStays, observedOn: DayDate(year: 2026, month: 1, day: 6), source: .worker))).record!)
        return (child, records)
    }

    @Test func theFileOpensOnlyForTheReceivingUnitHoldsNoNameAndArrivesFieldForField() throws {
        let (child, sent) = try sentChild()
        let key = try receiverSupervisor.transferKey()
        #expect(try TransferKey(text: key.text) == key)
        let file = try senderSupervisor.exportTransfer(caseNumber: child.caseNumber, to: key, consent: "Youth agreed in person, 2026-01-10 (synthetic)")
        let bytes = try file.encoded()

        // No name, note or community in clear.
        for secret in [Samples.canary, Samples.syllabics, Samples.community, "Testcase", "synthetic"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in clear")
        }
        // Another unit's key does not open it, nor does the sending unit's own.
        let third = try StoreFixture(fileName: "THR.care")
        let thirdSupervisor = try StoreAdmin.create(options: third.options, unit: "THR", admin: StoreFixture.supervisor, timeZone: .current)
        #expect(throws: StoreError.self) { try thirdSupervisor.openTransfer(file) }
        var readdressed = file
        readdressed.to = try thirdSupervisor.transferKey().fingerprint
        #expect(throws: StoreError.self) { try thirdSupervisor.openTransfer(readdressed) }
        #expect(throws: StoreError.self) { try senderSupervisor.openTransfer(file) }
        var tampered = file
        tampered.from = "0000 0000"
        #expect(throws: StoreError.self) { try receiverSupervisor.openTransfer(tampered) }

        // Accepted: every record as sent; the child renumbered, the old number kept.
        let taken = try receiverSupervisor.acceptTransfer(try ChildTransferFile.read(bytes))
        #expect(taken.caseNumber.unit == "OTH" && taken.formerCaseNumbers == [child.caseNumber])
        var expected = try #require(sent[0].as(Child.self))
        expected.caseNumber = taken.caseNumber
        expected.formerCaseNumbers = [child.caseNumber]
        expected.team = Team(childProtection: receiverSupervisor.worker.id)
        expected.version = taken.version
        #expect(taken == expected)
        let detail = try receiverSupervisor.loadDetail(of: child.id, contactLimit: 10)
        for record in sent.dropFirst() {
            switch record {
            case .contact(let contact): #expect(detail.contacts.contacts.contains { $0 == contact }, "contact \(contact.id)")
            case .indicator(let indicator): #expect(detail.indicators.contains { $0 == indicator })
            default: break
            }
        }
        let check = try StoreInspection.open(options: receiver.options, account: StoreFixture.supervisor.accountName,
                                             passphrase: StoreFixture.supervisor.passphrase)
        defer { try? check.close() }
        let report = try check.verify()
        #expect(report.isHealthy, "\(report)")

        // The sending copy: closed as transferred, read-only, the transfer audited.
        let left = try #require(try senderSupervisor.loadDetail(of: child.id, contactLimit: 1).child)
        #expect(!left.isOpen && left.transferredOut?.toAuthority == key.fingerprint && left.transferredOut?.consent.hasPrefix("Youth agreed") == true)
        let protection = try sender.open(StoreFixture.protection)
        #expect(throws: CommandError.self) {
            try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 120)))
        }
        #expect(throws: CommandError.self) { try senderSupervisor.perform(.lifecycle(child: child.id, .reopen(reason: "test"))) }
        let trail = try senderSupervisor.auditTrail(of: child.id).map(\.summary)
        #expect(trail.contains { $0.hasPrefix("transferred to another unit (authority \(key.fingerprint))") })
    }

    @Test func consentComesFirstAndAChildMissingNowStays() throws {
        let (child, _) = try sentChild()
        let key = try receiverSupervisor.transferKey()
        #expect(throws: StoreError.self) { try senderSupervisor.exportTransfer(caseNumber: child.caseNumber, to: key, consent: " ") }
        _ = try senderSupervisor.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        #expect(throws: StoreError.self) { try senderSupervisor.exportTransfer(caseNumber: child.caseNumber, to: key, consent: "agreed (synthetic)") }
        #expect(try senderSupervisor.loadCaseload().children.first?.isOpen == true)
    }
}
