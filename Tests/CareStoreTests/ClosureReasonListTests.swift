import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The unit's closure reasons live in the store: a supervisor's change is one audited save that
/// every worker of the unit then reads; nobody else may change them. The same on every backend
/// (`CaseUnitSettings`).
@Suite struct ClosureReasonListTests {
    private func settings(_ session: ContractUnit.Session) throws -> any CaseUnitSettings {
        try #require(session as? any CaseUnitSettings, "every store keeps the unit's settings")
    }

    @Test(arguments: StoreKind.allCases)
    func aSupervisorsListIsWhatEveryWorkerIsOffered(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let supervisor = try settings(unit.supervisor)
        let protection = try settings(unit.protection)
        #expect(try protection.closureReasonList() == nil)
        #expect(try unit.protection.loadCaseload().closureReasons == ClosureReason.standardChoices)
        let before = try unit.auditCount()
        let saved = try supervisor.setClosureReasons(["  moved to Example City (test)", "located and stable", "Located and stable", "other", ""])
        #expect(saved.reasons == ["moved to Example City (test)", "located and stable", ClosureReason.other], "trimmed, repeats and blanks dropped, other last")
        #expect(try unit.auditCount() == before + 1)
        #expect(try unit.lastEvent()?.summary == "closure reasons saved (3 reasons)")

        // Another worker's session, on another machine's config, reads the same list.
        for session in [unit.protection, unit.police] {
            #expect(try session.loadCaseload().closureReasons == saved.reasons)
        }
        // Changed again: a second save of the same record, not a second list.
        _ = try supervisor.setClosureReasons(["declined service"])
        #expect(try protection.closureReasonList()?.reasons == ["declined service", ClosureReason.other])
        #expect(try protection.closureReasonList()?.version == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func onlyASupervisorChangesThemAndAListNeedsAReason(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let supervisor = try settings(unit.supervisor)
        let footprint = try unit.footprint()
        #expect(throws: CommandError.denied(PermissionDenied(permission: .editClosureReasons, role: .childProtection))) {
            try settings(unit.protection).setClosureReasons(["located and stable"])
        }
        #expect(throws: CommandError.self) { try supervisor.setClosureReasons(["other", " "]) }
        #expect(throws: CommandError.self) { try supervisor.setClosureReasons([String(repeating: "x", count: 61)]) }
        #expect(try supervisor.closureReasonList() == nil, "nothing was saved")
        #expect(try unit.footprint() == footprint, "no event, no change in the feed")
    }
}
