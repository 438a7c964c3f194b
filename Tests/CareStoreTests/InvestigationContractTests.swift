import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Investigation records through the port (`CaseInvestigations`), the same on every backend:
/// police and supervisors read them, every record a view shows is audited in the same
/// transaction before the view is returned, an export is audited as one, and a liaison's lead
/// reaches the police without the liaison being able to read leads. What is particular to the
/// SQLite file (the rows' seals under each key) is `InvestigationStoreTests`.
@Suite struct InvestigationContractTests {
    private func investigations(_ session: ContractUnit.Session) throws -> any CaseInvestigations {
        try #require(session as? any CaseInvestigations, "every store keeps investigation records")
    }

    private static func person(_ author: WorkerID) -> PersonOfInterest {
        PersonOfInterest(aliases: ["Quillon Testalias"], phones: ["(555) 010-0142"], vehicles: [Vehicle(description: "van", plate: "QXZT 907")],
                         createdBy: author, createdAt: Samples.now)
    }

    /// A person of interest linked to a child, saved by the police.
    private func linkedPerson(_ unit: ContractUnit) throws -> (PersonOfInterest, Child) {
        let child = try unit.child()
        let person: PersonOfInterest = try unit.police.performed(.investigation(.savePerson(Self.person(unit.police.worker.id))))
        _ = try unit.police.perform(.investigation(.link(InvestigationLink(
            child: child.id, target: .person(person.id), date: DayDate(Samples.now, in: unit.police.unitInfo.timeZone), source: .police,
            createdBy: unit.police.worker.id, createdAt: Samples.now))))
        return (person, child)
    }

    @Test(arguments: StoreKind.allCases)
    func everyViewIsAuditedInTheSameTransactionBeforeItIsReturned(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let (person, child) = try linkedPerson(unit)
        let before = try unit.auditCount()
        let file = try investigations(unit.police).investigation(.person(person.id))
        #expect(file.persons == [person] && file.links.count == 1)
        #expect(try unit.auditCount() == before + 2)
        let events = try unit.supervisor.auditEvents(child: nil, actor: nil, since: nil).suffix(2)
        #expect(events.map(\.action) == [.view, .view])
        #expect(events.map(\.targetKind) == [.personOfInterest, .investigationLink])
        #expect(events.last?.child == child.id)
        #expect(events.allSatisfy { !$0.summary.contains("Quillon") && !$0.summary.contains("555") })
        // A supervisor reads them too; the view is audited as theirs.
        #expect(try investigations(unit.supervisor).investigation(.list).persons.map(\.id) == [person.id])
        #expect(try unit.lastEvent()?.actor == unit.supervisor.worker.id)
    }

    @Test(arguments: StoreKind.allCases)
    func anExportIsAuditedAsAnExportOfEachRecordItHolds(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let (person, _) = try linkedPerson(unit)
        let before = try unit.auditCount()
        let file = try investigations(unit.police).investigation(.person(person.id), purpose: .exported)
        #expect(file.persons.map(\.id) == [person.id] && file.links.count == 1)
        let events = try unit.supervisor.auditEvents(child: nil, actor: nil, since: nil).dropFirst(before)
        #expect(events.map(\.action) == [.export, .export])
        #expect(events.map(\.targetKind) == [.personOfInterest, .investigationLink])
        #expect(events.allSatisfy { $0.summary.hasPrefix("exported a ") && $0.actor == unit.police.worker.id })
    }

    @Test(arguments: StoreKind.allCases)
    func childProtectionAndLiaisonsReadNoneAndTheirRefusalLeavesNoTrace(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        _ = try linkedPerson(unit)
        let footprint = try unit.footprint()
        for session in [unit.protection, unit.liaison] {
            #expect(throws: CommandError.self) { try investigations(session).investigation(.list) }
            #expect(throws: CommandError.self) { try investigations(session).investigation(.leads) }
            #expect(throws: CommandError.self) { try session.perform(.investigation(.savePerson(Self.person(session.worker.id)))) }
        }
        #expect(try unit.footprint() == footprint)
    }

    @Test(arguments: StoreKind.allCases)
    func aLeadReportedByALiaisonReachesThePolice(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let text = "Youth mentioned Quillon Testalias drives a van (test)."
        // The liaison holds no investigation key: the lead is sealed to the police's drop.
        _ = try unit.liaison.perform(.investigation(.reportLead(Lead(
            child: child.id, text: text, source: .youth, reportedBy: unit.liaison.worker.id, reportedAt: Samples.now))))
        #expect(throws: CommandError.self) { try investigations(unit.liaison).investigation(.leads) }
        let leads = try investigations(unit.police).investigation(.leads).leads
        #expect(leads.map(\.text) == [text])
        #expect(leads.first?.child == child.id)
    }
}
