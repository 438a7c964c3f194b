import CareDomain
import Foundation
import Testing
@testable import CareStore

/// A child moving to another unit: the file opens only with the receiving unit's transfer key,
/// holds no name in clear, and the child arrives field for field in a second store that then
/// passes `care check`. The transfer is pending until the receiver's answer is read: accepted,
/// the sending copy is closed and read-only; rejected or revoked, it is an open case again.
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
        #expect(taken.child.caseNumber.unit == "OTH" && taken.child.formerCaseNumbers == [child.caseNumber])
        var expected = try #require(sent[0].as(Child.self))
        expected.caseNumber = taken.child.caseNumber
        expected.formerCaseNumbers = [child.caseNumber]
        expected.team = Team(childProtection: receiverSupervisor.worker.id)
        expected.version = taken.child.version
        #expect(taken.child == expected)
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

        // The sending copy: pending, still open and this unit's, until the answer is read.
        let waiting = try senderSupervisor.loadDetail(of: child.id, contactLimit: 1).child
        #expect(waiting.isOpen && waiting.transferredOut?.currentState == .pending && waiting.transferredOut?.toUnit == "OTH")
        #expect(waiting.transferredOut?.consent.hasPrefix("Youth agreed") == true)
        let protection = try sender.open(StoreFixture.protection)
        _ = try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 120)))

        // The acceptance, read by the sender: closed as transferred, read-only, refused in words.
        let receipt = try senderSupervisor.importTransferAnswer(try TransferAnswerFile.read(try #require(taken.answer).encoded()))
        #expect(receipt.kind == .accepted && receipt.caseNumber == child.caseNumber.description)
        let left = try senderSupervisor.loadDetail(of: child.id, contactLimit: 1).child
        #expect(!left.isOpen && left.transferredOut?.toAuthority == key.fingerprint && left.transferredOut?.currentState == .accepted)
        #expect(left.transferredOut?.outcome?.caseNumberThere == taken.child.caseNumber.description)
        do {
            _ = try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 180)))
            Issue.record("an edit of a transferred child was saved")
        } catch let error as CommandError {
            #expect(error.description.contains("transferred to OTH") && error.description.contains("read-only"), "\(error)")
        }
        #expect(throws: CommandError.self) { try senderSupervisor.perform(.lifecycle(child: child.id, .reopen(reason: "test"))) }
        let trail = try senderSupervisor.auditTrail(of: child.id).map(\.summary)
        #expect(trail.contains { $0.hasPrefix("transfer to OTH sent, pending its answer") })
        #expect(trail.contains { $0.hasPrefix("transfer to OTH accepted there as \(taken.child.caseNumber)") })
        // The same answer read twice changes nothing.
        #expect(throws: CommandError.self) { try senderSupervisor.importTransferAnswer(try #require(taken.answer)) }
    }

    @Test func consentComesFirstAndAChildMissingNowStays() throws {
        let (child, _) = try sentChild()
        let key = try receiverSupervisor.transferKey()
        #expect(throws: StoreError.self) { try senderSupervisor.exportTransfer(caseNumber: child.caseNumber, to: key, consent: " ") }
        _ = try senderSupervisor.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        #expect(throws: StoreError.self) { try senderSupervisor.exportTransfer(caseNumber: child.caseNumber, to: key, consent: "agreed (synthetic)") }
        #expect(try senderSupervisor.loadCaseload().children.first?.isOpen == true)
    }

    /// Sends `child` to the receiving unit and returns the file as the receiver reads it.
    func send(_ child: Child) throws -> ChildTransferFile {
        let key = try receiverSupervisor.transferKey()
        let file = try senderSupervisor.exportTransfer(caseNumber: child.caseNumber, to: key, consent: "Youth agreed by phone, 2026-01-10 (synthetic)")
        return try ChildTransferFile.read(try file.encoded())
    }

    func copy(_ child: Child) throws -> Child { try senderSupervisor.loadDetail(of: child.id, contactLimit: 1).child }

    @Test func aRejectionComesBackWithItsReasonAndTheChildIsOpenAgain() throws {
        let (child, _) = try sentChild()
        let file = try send(child)
        #expect(throws: StoreError.self) { try receiverSupervisor.rejectTransfer(file, reason: "  ") }
        _ = try receiverSupervisor.showTransfer(file)
        #expect(try receiverSupervisor.audit().contains { $0.summary == "transfer of \(child.caseNumber) from unit TST opened to see what arrives; nothing taken in" })
        let answer = try receiverSupervisor.rejectTransfer(file, reason: "No placement in our area for now (synthetic)")
        // Answered once: neither a second answer nor an acceptance after it.
        #expect(throws: StoreError.self) { try receiverSupervisor.acceptTransfer(file) }
        #expect(try receiverSupervisor.incomingState(try receiverSupervisor.openTransfer(file)) == .rejected)
        #expect(try receiverSupervisor.audit().contains { $0.summary.hasPrefix("transfer of \(child.caseNumber) from unit TST rejected, with a reason") })
        #expect(try receiverSupervisor.loadCaseload().children.isEmpty, "nothing taken in")

        let receipt = try senderSupervisor.importTransferAnswer(try TransferAnswerFile.read(try answer.encoded()))
        #expect(receipt.kind == .rejected && !receipt.words.contains("No placement"), "the terminal gets no reason")
        let back = try copy(child)
        #expect(back.isOpen && back.transferredOut?.currentState == .rejected)
        #expect(back.transferredOut?.outcome?.reason == "No placement in our area for now (synthetic)")
        #expect(try senderSupervisor.auditTrail(of: child.id).contains { $0.summary.hasPrefix("transfer to OTH rejected there, with a reason") })
        let protection = try sender.open(StoreFixture.protection)
        _ = try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id, at: 120)))
        // It may be sent again, to anyone.
        _ = try send(child)
        #expect(try copy(child).transferredOut?.currentState == .pending)
    }

    @Test func aRevokeOnTheSenderRefusesALaterAcceptanceInWords() throws {
        let (child, _) = try sentChild()
        let file = try send(child)
        #expect(throws: CommandError.self) { try senderSupervisor.revokeTransfer(caseNumber: child.caseNumber, reason: " ") }
        _ = try senderSupervisor.revokeTransfer(caseNumber: child.caseNumber, reason: "Youth moving back home (synthetic)")
        #expect(try copy(child).isOpen && copy(child).transferredOut?.currentState == .revoked)
        #expect(try senderSupervisor.auditTrail(of: child.id).contains { $0.summary.hasPrefix("transfer to OTH revoked, with a reason") })
        #expect(throws: StoreError.self) { try senderSupervisor.revokeTransfer(caseNumber: child.caseNumber, reason: "again (synthetic)") }

        // The receiver accepted before the revoke reached them: the sender refuses the acceptance.
        let accepted = try receiverSupervisor.acceptTransfer(file)
        do {
            _ = try senderSupervisor.importTransferAnswer(try #require(accepted.answer))
            Issue.record("an acceptance after a revoke was recorded")
        } catch let error as CommandError {
            #expect(error.description.contains("revoked before the acceptance"), "\(error)")
        }
        let kept = try copy(child)
        #expect(kept.isOpen && kept.transferredOut?.currentState == .revoked, "the child stays with the sending unit")
    }

    @Test func aRevokeReadByTheReceiverStopsTheAcceptance() throws {
        let (child, _) = try sentChild()
        let file = try send(child)
        let revoke = try senderSupervisor.revokeTransfer(caseNumber: child.caseNumber, reason: "Youth moving back home (synthetic)")
        let receipt = try receiverSupervisor.importTransferAnswer(try TransferAnswerFile.read(try revoke.encoded()))
        #expect(receipt.kind == .revoked)
        do {
            _ = try receiverSupervisor.acceptTransfer(file)
            Issue.record("a revoked transfer was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains("revoked"), "\(error)")
        }
        #expect(try receiverSupervisor.loadCaseload().children.isEmpty)
        #expect(try receiverSupervisor.audit().contains { $0.summary.hasPrefix("transfer from unit TST revoked by the sending unit") })

        // A revoke arriving after the receiver accepted is refused there, saying what to do.
        let (second, _) = try sentChild()
        let secondFile = try send(second)
        _ = try receiverSupervisor.acceptTransfer(secondFile)
        let late = try senderSupervisor.revokeTransfer(caseNumber: second.caseNumber, reason: "Too late (synthetic)")
        do {
            _ = try receiverSupervisor.importTransferAnswer(late)
            Issue.record("a revoke after the acceptance was recorded")
        } catch let error as StoreError {
            #expect(error.description.contains("accepted it already"), "\(error)")
        }
    }

    @Test func anAnswerFileOpensOnlyWithTheSendingUnitsKeyAndNamesNoOne() throws {
        let (child, _) = try sentChild()
        let file = try send(child)
        let answer = try receiverSupervisor.rejectTransfer(file, reason: "\(Samples.canary) is known to our unit (synthetic)")
        let bytes = try answer.encoded()
        for secret in [Samples.canary, "synthetic", child.caseNumber.description, "rejected"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in clear")
        }
        // Neither a third unit nor the receiver itself opens it.
        let third = try StoreFixture(fileName: "THR.care")
        let thirdSupervisor = try StoreAdmin.create(options: third.options, unit: "THR", admin: StoreFixture.supervisor, timeZone: .current)
        #expect(throws: StoreError.self) { try thirdSupervisor.importTransferAnswer(answer) }
        var readdressed = answer
        readdressed.to = try thirdSupervisor.transferKey().fingerprint
        #expect(throws: StoreError.self) { try thirdSupervisor.importTransferAnswer(readdressed) }
        #expect(throws: StoreError.self) { try receiverSupervisor.importTransferAnswer(answer) }
        // Claiming another sender breaks the seal.
        var forged = answer
        forged.from = try thirdSupervisor.transferKey().fingerprint
        #expect(throws: StoreError.self) { try senderSupervisor.importTransferAnswer(forged) }
        #expect(try copy(child).transferredOut?.currentState == .pending, "nothing was changed by the files that did not open")
        _ = try senderSupervisor.importTransferAnswer(answer)
        #expect(try copy(child).transferredOut?.currentState == .rejected)
    }

    @Test func anAnswersWordsAreCleanedAndAMalformedUnitIsRefused() throws {
        let (child, _) = try sentChild()
        let file = try send(child)
        let id = try #require(try receiverSupervisor.openTransfer(file).transferID)
        let authority = try #require(try receiverSupervisor.session.keys().authority)
        let senderKey = try senderSupervisor.transferKey()
        let malformed = TransferAnswer(transferID: id, kind: .rejected, at: Samples.now, reason: "No (test)", unit: "OTH\u{1b}[2J")
        #expect(throws: StoreError.self) {
            try senderSupervisor.importTransferAnswer(try TransferAnswerFile.seal(malformed, to: senderKey, signedBy: authority))
        }
        let hostile = TransferAnswer(transferID: id, kind: .rejected, at: Samples.now, reason: "No bed\u{1b}[31m here\u{202e} (test)", unit: "OTH")
        _ = try senderSupervisor.importTransferAnswer(try TransferAnswerFile.seal(hostile, to: senderKey, signedBy: authority))
        #expect(try copy(child).transferredOut?.outcome?.reason == "No bed[31m here (test)", "control and format characters dropped")
    }
}
