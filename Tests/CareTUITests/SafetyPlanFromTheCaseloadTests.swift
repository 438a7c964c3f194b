import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The caseload keeps only a safety plan's review date (`SafetyPlanSummary`); `p` opens the
/// child's record first, its view audited, and the form edits the whole plan from it.
@MainActor
@Suite struct SafetyPlanFromTheCaseloadTests {
    @Test func thePlanKeyOpensTheRecordFirstAndTheFormHoldsTheWholePlan() throws {
        let h = try Harness()
        let plans = h.database.allRecords(SafetyPlan.self).filter { !$0.steps.isEmpty && !$0.trustedAdults.isEmpty }
        let child = try h.select { row in plans.contains { $0.child == row.id } }
        let plan = try #require(plans.first { $0.child == child.id })
        #expect(!h.detailOpen)
        let views = h.database.auditEvents().filter { $0.action == .view && $0.child == child.id }.count

        h.press(.char("p"))
        #expect(h.formOpen)
        #expect(h.formValue("adults") == plan.trustedAdults.joined(separator: "\n"))
        #expect(h.formValue("steps")?.contains(plan.steps[0].text) == true)
        #expect(h.database.auditEvents().filter { $0.action == .view && $0.child == child.id }.count == views + 1,
                "the plan was shown once its view was written")

        // Saved unchanged, the plan is the one stored: nothing of it was lost on the way.
        h.press(.ctrl("s"))
        #expect(!h.formOpen, "\(h.message ?? "")")
        #expect(h.database.record(SafetyPlan.self, id: plan.id.rawValue)?.steps == plan.steps)
        #expect(h.database.record(SafetyPlan.self, id: plan.id.rawValue)?.trustedAdults == plan.trustedAdults)
    }
}
