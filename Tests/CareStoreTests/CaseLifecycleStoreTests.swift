import CareDomain
import Foundation
import Testing
@testable import CareStore

/// What of the lifecycle is the SQLite store's alone: an account that still holds open children
/// refused when a supervisor disables it (the PostgreSQL store changes no account but by adding
/// one). The steps themselves run over every store: `CaseLifecycleContractTests`.
@Suite struct CaseLifecycleStoreTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let protection: SQLiteCaseStore

    init() throws {
        fixture = try StoreFixture()
        supervisor = try fixture.create()
        protection = try fixture.open(StoreFixture.protection)
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
