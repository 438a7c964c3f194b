import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A closure from request to the closed view, by keyboard, two people on the same unit: the
/// child protection worker asks to close a case a draft referral still blocks, the supervisor
/// rejects it with a comment, the worker sees the comment and withdraws the referral, asks again,
/// and the supervisor approves. The child leaves the caseload and shows in the closed view.
@MainActor
@Suite struct ClosureScenarioTests {
    /// Moves `h`'s caseload selection to `child`.
    func select(_ child: ChildID, _ h: Harness) throws {
        _ = try h.select { $0.id == child }
        #expect(h.dashboard.selectedChild?.id == child)
    }

    /// Moves the closures screen's selection to `child`'s request, from the top.
    func selectRequest(of child: ChildID, _ h: Harness) throws {
        let index = try #require(ClosuresScreen.pending(h.dashboard.snapshot).firstIndex { $0.id == child }, "the request is listed")
        h.press(.home)
        for _ in 0..<index { h.press(.down) }
    }

    /// Lets `h` read what the other session saved.
    func catchUp(_ h: Harness) {
        h.clock.advance(by: 2)
        h.tick()
    }

    @Test func requestedRejectedFixedApprovedThenClosed() throws {
        // Wide enough that the rejection's comment fits on the record's header line.
        let cp = try Harness(size: Size(width: 200, height: 40), user: "demo-cp", idleLimit: 86_400)
        let snapshot = cp.dashboard.snapshot
        // An open child, not missing, with no closure request, and a referral we draft now that
        // blocks closing until it is withdrawn.
        let summary = try #require(snapshot.children.first { child in
            child.isOpen && child.closureRequest == nil && snapshot.openEpisode(of: child.id) == nil
                && ClosureBlock.blocks(episodes: snapshot.episodes[child.id] ?? [], referrals: snapshot.referrals.filter { $0.child == child.id }).isEmpty
        })
        let service = try #require(snapshot.services.first)
        let referral: Referral = try #require(try cp.store.perform(.createReferral(Referral(
            child: summary.id, service: service.id, reason: "Test reason (synthetic)", consent: .init(state: .pending, by: "", at: Harness.demoNow),
            createdBy: cp.store.worker.id, createdAt: Harness.demoNow))).record?.as(Referral.self))
        catchUp(cp)
        try select(summary.id, cp)

        // 1. The worker asks: c, a note, Ctrl-S; the form names the block and asks before sending.
        cp.press(.char("c"))
        #expect(cp.screen.contains("Request closure"))
        #expect(cp.screen.contains("blocked: a referral is draft, not yet accepted or withdrawn"))
        cp.press(.tab, .tab)
        cp.type("Youth settled with family (synthetic)")
        cp.press(.ctrl("s"))
        #expect(cp.screen.contains("Closing is blocked"))
        cp.answerYes()
        #expect(!cp.formOpen)
        #expect(cp.record(of: summary.id)?.closureRequest?.isPending == true)
        #expect(cp.record(of: summary.id)?.closureRequest?.blocks == [.referral(referral.id, status: .draft)])

        // 2. The supervisor opens the closures (X), decides (Enter), rejects with a comment.
        let supervisor = try Harness(user: "demo-supervisor", database: cp.database, idleLimit: 86_400)
        supervisor.press(.char("X"))
        #expect(supervisor.front is ClosuresScreen)
        #expect(supervisor.screen.contains(summary.caseNumber.description))
        #expect(supervisor.screen.contains("blocked (1)"))
        try selectRequest(of: summary.id, supervisor)
        supervisor.press(.enter)
        #expect(supervisor.screen.contains("Decide closure"))
        supervisor.press(.char(" "))
        #expect(supervisor.formValue("decision") == "reject: send it back")
        supervisor.press(.ctrl("s"))
        #expect(supervisor.formOpen, "a rejection without a comment is refused")
        #expect(supervisor.form?.focusedField?.id == "comment", "the cursor goes to the comment it needs")
        supervisor.type("Withdraw the draft referral first (synthetic)")
        supervisor.press(.ctrl("s"))
        #expect(!supervisor.formOpen, "\(supervisor.form?.notice ?? "")")
        let rejected = try #require(cp.record(of: summary.id)?.closureRequest?.decision)
        #expect(!rejected.approved && rejected.comment == "Withdraw the draft referral first (synthetic)")

        // 3. The worker sees the comment on the record, fixes the block, asks again.
        catchUp(cp)
        cp.press(.enter)
        #expect(cp.screen.contains("Closure rejected by"))
        #expect(cp.screen.contains(": Withdraw the draft referral first"))
        _ = try cp.store.perform(.applyReferral(referral.id, .withdraw(reason: "Youth declined (synthetic)")))
        catchUp(cp)
        cp.press(.char("c"))
        #expect(cp.screen.contains("nothing blocks closing now"))
        cp.press(.ctrl("s"))
        #expect(!cp.formOpen)
        #expect(cp.record(of: summary.id)?.closureRequest?.isPending == true)

        // 4. The supervisor approves: Enter on the request, Ctrl-S.
        catchUp(supervisor)
        #expect(!supervisor.screen.contains("blocked (1)"))
        try selectRequest(of: summary.id, supervisor)
        supervisor.press(.enter, .ctrl("s"))
        #expect(!supervisor.formOpen, "\(supervisor.form?.notice ?? "")")
        let closed = try #require(cp.record(of: summary.id))
        #expect(!closed.isOpen && closed.closure?.approvedBy == supervisor.store.worker.id && closed.closure?.requestedBy == cp.store.worker.id)

        // 5. The child leaves the caseload and shows in the closed view (F9).
        catchUp(cp)
        #expect(!cp.rows.contains { $0.id == summary.id })
        cp.press(.function(9))
        #expect(cp.rows.contains { $0.id == summary.id })
        #expect(cp.rows.allSatisfy { !$0.isOpen })
        #expect(cp.screen.contains("closed cases"))
    }
}
