import Foundation

extension DemoBuilder {
    /// The case lifecycle's set pieces (issue 27), after everything else and with no random
    /// draws, so the rest of the demo is what it was: the youth aging out has a transition plan
    /// half done, one quiet case of the first child protection worker waits for a supervisor to
    /// approve its closure, and another waits for a neighbouring (synthetic) unit to answer its
    /// transfer. The transfer's keys are the store's to make (`DemoStore`): this names the unit.
    mutating func makeLifecycle() {
        let worker = cpWorkers[0]
        let agingOut = DemoScenario.agingOut.rawValue
        if result.children.indices.contains(agingOut) {
            var plan = TransitionPlan()
            let states: [TransitionPlan.Item: (TransitionPlan.State, String, String)] = [
                .housing: (.done, "the youth", "Sample Youth Residence (demo), room from the 18th birthday"),
                .income: (.underway, worker.displayName, "Ontario Works application started (demo)"),
                .educationOrWork: (.underway, "the youth", "Demo College bridging course (demo)"),
                .documents: (.done, worker.displayName, "Health card and birth certificate in hand (demo)"),
                .trustedPerson: (.done, "the youth", "Aunt, demo line 555-0199 (demo)"),
            ]
            plan.entries = plan.entries.map { entry in
                guard let (state, owner, detail) = states[entry.item] else { return entry }
                return TransitionPlan.Entry(item: entry.item, owner: owner, due: CivilDays.dayDate(today + 45), state: state, detail: detail)
            }
            plan.revision = 1
            plan.updatedBy = result.children[agingOut].team.childProtection
            plan.updatedAt = now.addingTimeInterval(-2 * Self.day)
            result.children[agingOut].transitionPlan = plan
        }
        let blocked = Set(result.episodes.filter(\.isOpen).map(\.child) + result.referrals.filter { $0.status.blocksClosure }.map(\.child))
        guard let index = result.children.indices.first(where: {
            $0 >= DemoScenario.allCases.count && result.children[$0].isOpen && !blocked.contains(result.children[$0].id)
                && result.children[$0].team.childProtection == worker.id && result.children[$0].riskLevel <= .medium
        }) else { return }
        let asked = now.addingTimeInterval(-20 * Self.hour)
        result.children[index].closureRequest = ClosureRequest(
            reason: ClosureReason(choice: "located and stable"), note: "Stable at home for three months; safety plan goals met (demo)",
            closeOn: DayDate(asked, in: zone), requestedBy: worker.id, requestedAt: asked)
        guard let moving = result.children.indices.first(where: {
            $0 > index && result.children[$0].isOpen && !blocked.contains(result.children[$0].id) && result.children[$0].closureRequest == nil
                && result.children[$0].team.childProtection == worker.id
        }), let supervisor else { return }
        result.children[moving].transferredOut = TransferOut(
            id: "demo-transfer-1", toAuthority: "demo 0000 0000 0000", toUnit: DemoUnit.neighbouringUnit,
            consent: "Youth agreed in person with the worker, moving to live with an aunt (demo)", by: supervisor.id,
            at: now.addingTimeInterval(-2 * Self.day), state: .pending)
    }

}

extension DemoUnit {
    /// The synthetic unit the demo's pending transfer is addressed to.
    public static let neighbouringUnit = "DEMO2"
}
