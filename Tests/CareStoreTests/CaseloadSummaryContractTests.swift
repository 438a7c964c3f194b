import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The caseload each backend loads (from its sealed per-child summaries on SQLite and
/// PostgreSQL, from the records in memory) is what the child's records make, for every role and
/// after every kind of change a command makes to a child: the summaries are rewritten in the
/// command's transaction, on every backend alike.
@Suite struct CaseloadSummaryContractTests {
    @Test(arguments: StoreKind.allCases)
    func everyRolesCaseloadIsWhatTheChildsRecordsMakeAfterEachKindOfChange(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let cp = unit.protection
        var child = try unit.child()
        let other = try unit.child(sequence: 43)
        let sessions: [ContractUnit.Session] = [unit.supervisor, cp, unit.police, unit.liaison]
        let cursor = try unit.police.changeCursor()
        var patched = try unit.police.loadCaseload()

        child.placement = "Test placement from the summary test"
        child = try cp.performed(.updateChild(child))
        let resolved: RiskIndicator = try cp.performed(.addIndicator(Samples.indicator(child: child.id)))
        _ = try cp.perform(.addIndicator(RiskIndicator(
            child: child.id, kind: .hotelKeyCardsOrStays, observedOn: DayDate(year: 2026, month: 4, day: 1), source: .worker)))
        _ = try cp.perform(.resolveIndicator(resolved.id, note: "Test resolution"))
        var episode: MissingEpisode = try unit.police.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        episode.located = .init(at: Samples.when.addingTimeInterval(3600), place: "Test mall", returnedTo: "Test group home")
        _ = try unit.police.perform(.updateMissingEpisode(episode))
        _ = try cp.perform(.saveSafetyPlan(Samples.plan(child: child.id)))
        _ = try cp.perform(.saveAppointment(Samples.appointment(child: child.id)))
        _ = try cp.perform(.logContact(Samples.contact(child: child.id, author: cp.worker.id, at: 0)))
        let restricted: Contact = try cp.performed(.logContact(
            Samples.contact(child: child.id, author: cp.worker.id, at: 3600, visibility: .restricted)))
        let flag = Flag(text: "Test flag from the summary test", setBy: cp.worker.id, setAt: Samples.when)
        _ = try cp.perform(.addFlag(child: child.id, flag))

        let changed = Set(try unit.police.changes(since: cursor).changes.compactMap(\.child))
        #expect(changed == [child.id])
        patched.apply(try unit.police.loadPatch(children: changed, catalogue: false))

        for session in sessions {
            let caseload = try session.loadCaseload()
            let role = session.worker.role
            // The records themselves, as the opened record reads them (never from a summary).
            let detail = try session.loadDetail(of: child.id, contactLimit: 5)
            let made = CaseloadEntry.team(
                child: detail.child, episodes: detail.episodes, indicators: detail.indicators, plan: detail.plan,
                referrals: detail.referrals, appointments: detail.appointments, lastContact: nil)
            #expect(Set(caseload.children.map(\.id)) == [child.id, other.id], "\(role)")
            #expect(caseload.children.first { $0.id == child.id } == made.child, "\(role)")
            #expect(made.child?.activeFlags.map(\.id) == [flag.id], "\(role)")
            #expect(caseload.openIndicators[child.id] ?? [] == made.openIndicators, "\(role)")
            #expect(made.openIndicators.count == 1, "\(role)")
            #expect(caseload.episodes[child.id] ?? [] == made.episodes, "\(role)")
            #expect(made.episodes.first?.located != nil, "\(role)")
            #expect(caseload.plans[child.id] == made.plan, "\(role)")
            #expect(made.plan != nil, "\(role)")
            #expect(caseload.appointments.filter { $0.child == child.id } == made.appointments, "\(role)")
            #expect(caseload.lastContact[child.id] == restricted.occurredAt, "\(role): the restricted note's time counts for every role")
            #expect(caseload.damaged.isEmpty, "\(role)")
        }
        // Another session's patch brings the same as a fresh load.
        let fresh = try unit.police.loadCaseload()
        #expect(patched.children == fresh.children)
        #expect(patched.openIndicators == fresh.openIndicators)
        #expect(patched.episodes == fresh.episodes)
        #expect(patched.plans == fresh.plans)
        #expect(patched.lastContact == fresh.lastContact)
        #expect(patched.restrictedLastContact == fresh.restrictedLastContact)
    }
}
