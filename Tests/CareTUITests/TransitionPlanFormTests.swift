import CareDomain
import Foundation
import Testing
@testable import CareTUI

/// The transition plan form: every field of every item comes back from the form as it went in,
/// and an item under way with nobody to see to it is refused beside that field.
@Suite struct TransitionPlanFormTests {
    static let child = ChildID(rawValue: "c-test")
    static let worker = Worker(id: WorkerID(rawValue: "w-test"), accountName: "t-cp", displayName: "Alex Testworker", role: .childProtection, unit: "TST")
    static let context = FormContext(now: Date(timeIntervalSince1970: 1_795_469_400), zone: .gmt, worker: worker, unit: "TST")

    /// What the form's fields open with, as the values a save would read.
    static func values(of form: TransitionPlanForm) -> [String: String] {
        Dictionary(uniqueKeysWithValues: form.fields(in: context).map { ($0.id.rawValue, $0.value) })
    }

    @Test func everyFieldRoundTrips() throws {
        var plan = TransitionPlan(revision: 3)
        for (index, item) in TransitionPlan.Item.allCases.enumerated() {
            plan.entries[index] = .init(item: item, owner: "Owner \(index) (test)", due: index.isMultiple(of: 2) ? DayDate(year: 2027, month: 1, day: 1 + index) : nil,
                                        state: TransitionPlan.State.allCases[index % 3], detail: "Detail \(index) (test)")
        }
        let form = TransitionPlanForm(child: Self.child, plan: plan)
        #expect(form.fields(in: Self.context).count == TransitionPlan.Item.allCases.count * 4)
        guard case .command(.saveTransitionPlan(let child, let saved)) = form.submit(FieldValues(Self.values(of: form)), in: Self.context) else {
            Issue.record("the plan was not saved as it was")
            return
        }
        #expect(child == Self.child)
        #expect(saved == plan)
    }

    @Test func anItemUnderWayNeedsSomeoneToSeeToIt() {
        let form = TransitionPlanForm(child: Self.child, plan: nil)
        var values = Self.values(of: form)
        values[TransitionPlanForm.Field(.doctor, .state).rawValue] = TransitionPlan.State.underway.rawValue
        guard case .problems(let problems) = form.submit(FieldValues(values), in: Self.context) else {
            Issue.record("an owner-less item under way was saved")
            return
        }
        #expect(problems.map(\.field) == [TransitionPlanForm.Field(.doctor, .owner)])
    }
}

/// The unit's closure reasons come from the store, the same for every worker: config.toml's old
/// `closure_reasons` is named as no longer read, and the form always offers "other" last.
@Suite struct ClosureReasonConfigTests {
    @Test func theConfigOptionIsNamedAsNoLongerReadAndTheFormOffersTheUnitsList() {
        let config = ConfigFile.parse("closure_reasons = [\"moved to Example City (test)\"]\n", file: "test.toml")
        #expect(config.problems.count == 1 && config.problems[0].contains("care unit closure-reasons set"))
        var snapshot = CaseloadSnapshot()
        #expect(snapshot.closureReasons == ClosureReason.standardChoices)
        snapshot.closureReasonList = ClosureReasonList(reasons: ClosureReasonList.cleaned(["moved to Example City (test)", "other", " "]))
        let form = ClosureRequestForm(child: ChildID(rawValue: "c-test"), reasons: snapshot.closureReasons, blocks: [])
        #expect(form.reasons == ["moved to Example City (test)", ClosureReason.other])
    }
}

/// The aging-out alert names the plan's items not done and, opened, opens the plan itself.
@MainActor
@Suite struct AgingOutAlertTests {
    @Test func enterOnTheAgingOutAlertOpensTheTransitionPlan() throws {
        let h = try Harness(user: "demo-cp", idleLimit: 86_400)
        let index = try #require(h.dashboard.alerts.firstIndex { $0.rule == .agingOut }, "the demo youth aging out has an alert")
        let alert = h.dashboard.alerts[index]
        #expect(alert.message.contains("transition plan not done: income, education or work, a doctor, a Youth-In-Transition worker"))
        h.press(.char("4"), .home)
        for _ in 0..<index { h.press(.down) }
        #expect(h.dashboard.selectedAlert?.id == alert.id)
        h.press(.enter)
        #expect(h.form?.title == "Transition plan")
        #expect(h.formValue(TransitionPlanForm.Field(.housing, .state).rawValue) == TransitionPlan.State.done.rawValue)
    }
}
