import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The unit's closure reasons live in the store: a supervisor's change is one audited save that
/// every worker of the unit then reads; nobody else may change them.
@Suite struct ClosureReasonListTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let protection: SQLiteCaseStore

    init() throws {
        fixture = try StoreFixture()
        supervisor = try fixture.create()
        protection = try fixture.open(StoreFixture.protection)
    }

    @Test func aSupervisorsListIsWhatEveryWorkerIsOffered() throws {
        #expect(try protection.closureReasonList() == nil)
        #expect(try protection.loadCaseload().closureReasons == ClosureReason.standardChoices)
        let before = try supervisor.auditCount()
        let saved = try supervisor.setClosureReasons(["  moved to Example City (test)", "located and stable", "Located and stable", "other", ""])
        #expect(saved.reasons == ["moved to Example City (test)", "located and stable", ClosureReason.other], "trimmed, repeats and blanks dropped, other last")
        #expect(try supervisor.auditCount() == before + 1)
        #expect(try supervisor.audit().last?.summary == "closure reasons saved (3 reasons)")

        // Another worker's session, on another machine's config, reads the same list.
        let police = try fixture.open(StoreFixture.police)
        for store in [protection, police] {
            #expect(try store.loadCaseload().closureReasons == saved.reasons)
        }
        // Changed again: a second save of the same record, not a second list.
        _ = try supervisor.setClosureReasons(["declined service"])
        #expect(try protection.closureReasonList()?.reasons == ["declined service", ClosureReason.other])
    }

    @Test func onlyASupervisorChangesThemAndAListNeedsAReason() throws {
        #expect(throws: CommandError.denied(PermissionDenied(permission: .editClosureReasons, role: .childProtection))) {
            try protection.setClosureReasons(["located and stable"])
        }
        #expect(throws: CommandError.self) { try supervisor.setClosureReasons(["other", " "]) }
        #expect(throws: CommandError.self) { try supervisor.setClosureReasons([String(repeating: "x", count: 61)]) }
        #expect(try supervisor.closureReasonList() == nil, "nothing was saved")
    }
}
