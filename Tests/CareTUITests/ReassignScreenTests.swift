import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A supervisor hands a departing worker's caseload to another: R, a filter, Enter on whose
/// children, a filter, Enter on who takes them, then one question naming how many, answered by
/// Enter on its button. Each child is its own audited change; a letter answers nothing.
@MainActor
@Suite struct ReassignScreenTests {
    @Test func aWholeCaseloadMovesOneAuditedChangePerChild() throws {
        let h = try Harness(user: "demo-supervisor", idleLimit: 86_400)
        let snapshot = h.dashboard.snapshot
        let giver = try #require(snapshot.workers.first { $0.accountName == "demo-cp-2" })
        let taker = try #require(snapshot.workers.first { $0.accountName == "demo-cp-3" })
        let moving = snapshot.children.filter { snapshot.isOnCaseload($0) && $0.team.childProtection == giver.id }.map(\.id)
        #expect(moving.count > 1)

        h.press(.char("W"))
        #expect(h.front is ReassignScreen)
        #expect(h.screen.contains("whose children move?"))
        h.type("demo-cp-2")
        h.press(.enter)
        #expect(h.screen.contains("who takes them?"))
        h.type("demo-cp-3")
        h.press(.enter)
        #expect(h.screen.contains("Move \(moving.count) children from \(giver.displayName) to \(taker.displayName)?"))
        // A letter typed now answers nothing and moves nothing.
        h.type("y")
        #expect(h.front is QuestionScreen)
        #expect(moving.allSatisfy { h.record(of: $0)?.team.childProtection == giver.id })
        h.answerYes()
        #expect(moving.allSatisfy { h.record(of: $0)?.team.childProtection == taker.id })
        for child in moving {
            #expect(try h.store.auditTrail(of: child).filter { $0.summary == "reassigned: child protection" }.count == 1)
        }
        #expect(h.message == "Reassigned.")
    }

    @Test func onlyASupervisorReassigns() throws {
        let h = try Harness(user: "demo-cp")
        h.press(.char("W"))
        #expect(!(h.front is ReassignScreen))
        #expect(h.message?.contains("cannot reassign a case; ask a supervisor") == true)
    }
}
