import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The case lifecycle and a transfer's steps on the sending unit's copy of the child, the same
/// on every store: each step one transaction with its audit event, the caseload following, a
/// step the table refuses leaving no trace. (The transfer *files*, sealed between units, are the
/// SQLite store's for now: `ChildTransferTests`.)
@Suite struct CaseLifecycleContractTests {
    @Test(arguments: StoreKind.allCases)
    func aRequestRejectedThenApprovedClosesTheCaseWithOneAuditEventPerStep(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let (supervisor, protection) = (unit.supervisor, unit.protection)
        let child = try unit.child()
        let episode: MissingEpisode = try protection.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        let request = LifecycleCommand.requestClosure(
            reason: ClosureReason(choice: "located and stable"), note: "Settled (test)", closeOn: DayDate(Samples.now, in: supervisor.unitInfo.timeZone))
        let before = try unit.auditCount()
        _ = try protection.perform(.lifecycle(child: child.id, request))
        #expect(try supervisor.loadCaseload().children.first?.closurePending == true)
        let footprint = try unit.footprint()
        #expect(throws: CommandError.self) {
            try supervisor.perform(.lifecycle(child: child.id, .approveClosure(comment: "", overBlocks: nil)))
        }
        #expect(try unit.footprint() == footprint, "a refused approval writes nothing")
        _ = try supervisor.perform(.lifecycle(child: child.id, .rejectClosure(comment: "She is missing; find her first (test)")))
        var located = try #require(try protection.loadDetail(of: child.id, contactLimit: 1).episodes.first { $0.id == episode.id })
        located.located = .init(at: Samples.now, place: "Test shelter", returnedTo: "Test group home")
        _ = try protection.perform(.updateMissingEpisode(located))
        _ = try protection.perform(.lifecycle(child: child.id, request))
        let closed: Child = try supervisor.performed(.lifecycle(child: child.id, .approveClosure(comment: "Agreed (test)", overBlocks: nil)))
        #expect(closed.closure?.approvedBy == supervisor.worker.id && closed.closure?.requestedBy == protection.worker.id)

        let summary = try #require(try supervisor.loadCaseload().children.first)
        #expect(!summary.isOpen && summary.closedAt == closed.closure?.at)
        let words = try supervisor.auditTrail(of: child.id).map(\.summary)
        #expect(words.filter { $0.hasPrefix("closure requested (located and stable") }.count == 2)
        #expect(words.contains("closure rejected, with a comment") && words.contains("closure approved, case closed"))
        // request, reject, located, request, approve — and the detail views between.
        #expect(try unit.auditCount() >= before + 5)

        let reopened: Child = try protection.performed(.lifecycle(child: child.id, .reopen(reason: "Disclosed new contact (test)")))
        #expect(reopened.isOpen && reopened.reopening?.by == protection.worker.id)
        #expect(try supervisor.auditTrail(of: child.id).map(\.summary).contains("case reopened, with a reason"))
    }

    @Test(arguments: StoreKind.allCases)
    func aTransferIsPendingUntilAnsweredAndARevokeOrRejectionOpensTheCaseAgain(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let supervisor = unit.supervisor
        let child = try unit.child()
        func state() throws -> TransferState {
            TransferWorkflow.state(of: try supervisor.loadDetail(of: child.id, contactLimit: 1).child)
        }
        func send(_ id: String) -> CaseCommand {
            .transfer(child: child.id, .send(id: id, toAuthority: "test-authority", toUnit: "OTH", toKey: nil, consent: "Youth agreed by phone (test)"))
        }
        // Only a supervisor sends; a refusal leaves no trace.
        let untouched = try unit.footprint()
        #expect(throws: CommandError.self) { try unit.protection.perform(send("t-1")) }
        #expect(try unit.footprint() == untouched)

        _ = try supervisor.perform(send("t-1"))
        #expect(try state() == .pending)
        #expect(try supervisor.loadCaseload().children.first { $0.id == child.id }?.isOpen == true, "the child stays this unit's while pending")
        let pending = try unit.footprint()
        #expect(throws: CommandError.self) { try supervisor.perform(send("t-2")) }
        #expect(try unit.footprint() == pending, "a second send while one is pending is refused and writes nothing")

        _ = try supervisor.perform(.transfer(child: child.id, .revoke(reason: "Family moved back (test)")))
        #expect(try state() == .revoked)
        _ = try supervisor.perform(send("t-3"))
        _ = try supervisor.perform(.transfer(child: child.id, .rejected(
            id: "t-3", fromAuthority: "test-authority", at: Samples.now, reason: "No placement here (test)")))
        #expect(try state() == .rejected)
        #expect(try supervisor.loadCaseload().children.first { $0.id == child.id }?.isOpen == true)

        _ = try supervisor.perform(send("t-4"))
        _ = try supervisor.perform(.transfer(child: child.id, .accepted(
            id: "t-4", fromAuthority: "test-authority", at: Samples.now, caseNumberThere: "OTH-2026-0007")))
        #expect(try state() == .accepted)
        #expect(try supervisor.loadCaseload().children.first { $0.id == child.id }?.isOpen == false, "accepted there: closed here")
        // One event per step, in words that name the receiving unit and no reason.
        let steps = try supervisor.auditTrail(of: child.id).map(\.summary).filter { $0.hasPrefix("transfer to ") }
        #expect(steps == [
            "transfer to OTH sent, pending its answer; consent recorded",
            "transfer to OTH revoked, with a reason; case open here",
            "transfer to OTH sent, pending its answer; consent recorded",
            "transfer to OTH rejected there, with a reason; case open here",
            "transfer to OTH sent, pending its answer; consent recorded",
            "transfer to OTH accepted there as OTH-2026-0007; case closed, this copy read-only",
        ])
    }
}
