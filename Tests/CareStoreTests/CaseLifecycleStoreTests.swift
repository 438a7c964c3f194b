import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The lifecycle through the SQLite store: each step one transaction with its audit event, the
/// caseload's summaries following, and an account that still holds open children refused when a
/// supervisor disables it.
@Suite struct CaseLifecycleStoreTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let protection: SQLiteCaseStore

    init() throws {
        fixture = try StoreFixture()
        supervisor = try fixture.create()
        protection = try fixture.open(StoreFixture.protection)
    }

    @Test func aRequestRejectedThenApprovedClosesTheCaseWithOneAuditEventPerStep() throws {
        let child: Child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id)))
        let episode: MissingEpisode = try protection.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        let request = LifecycleCommand.requestClosure(reason: ClosureReason(choice: "located and stable"), note: "Settled (test)", closeOn: DayDate(Samples.now, in: supervisor.unitInfo.timeZone))
        let before = try supervisor.auditCount()
        _ = try protection.perform(.lifecycle(child: child.id, request))
        #expect(try supervisor.loadCaseload().children.first?.closurePending == true)
        #expect(throws: CommandError.self) {
            try supervisor.perform(.lifecycle(child: child.id, .approveClosure(comment: "", overBlocks: nil)))
        }
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
        #expect(try supervisor.auditCount() >= before + 5)

        let reopened: Child = try protection.performed(.lifecycle(child: child.id, .reopen(reason: "Disclosed new contact (test)")))
        #expect(reopened.isOpen && reopened.reopening?.by == protection.worker.id)
        #expect(try supervisor.auditTrail(of: child.id).map(\.summary).contains("case reopened, with a reason"))
    }

    @Test func disablingAnAccountThatHoldsOpenChildrenIsRefusedUntilTheyAreReassigned() throws {
        let first: Child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id, sequence: 1)))
        let second: Child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id, sequence: 2)))
        #expect(throws: StoreError.self) { try supervisor.disableAccount(StoreFixture.protection.accountName) }
        do {
            try supervisor.disableAccount(StoreFixture.protection.accountName)
        } catch {
            #expect("\(error)".contains("still holds 2 open children"))
        }
        for child in [first, second] {
            _ = try supervisor.perform(.reassign(child: child.id, team: Team(childProtection: supervisor.worker.id)))
        }
        #expect(try supervisor.openCaseCount(of: protection.worker.id) == 0)
        try supervisor.disableAccount(StoreFixture.protection.accountName)
        let trail = try supervisor.auditTrail(of: first.id).map(\.summary)
        #expect(trail.contains("reassigned: child protection"))
    }
}
