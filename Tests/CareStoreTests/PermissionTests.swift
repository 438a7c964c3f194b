import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The store refuses what the role table refuses, whatever the UI let through.
@Suite struct PermissionTests {
    let fixture: StoreFixture
    let supervisor: SQLiteCaseStore
    let child: Child

    init() throws {
        fixture = try StoreFixture()
        supervisor = try fixture.create()
        child = try supervisor.save(Samples.child(author: supervisor.worker.id), summary: "opened")
    }

    @Test func policeCannotCreateOrEditAChildProfile() throws {
        let police = try fixture.open(StoreFixture.police)
        #expect(throws: PermissionDenied(permission: .createChild, role: .police)) {
            try police.save(Samples.child(author: police.worker.id, sequence: 7), summary: "opened")
        }
        var edited = child
        edited.placement = "Somewhere else"
        #expect(throws: PermissionDenied(permission: .editProfile, role: .police)) { try police.save(edited, summary: "edit") }
        // What police may do: log a contact and add an indicator.
        _ = try police.save(Samples.contact(child: child.id, author: police.worker.id), summary: "note")
        _ = try police.save(Samples.indicator(child: child.id), summary: "indicator")
    }

    @Test func aLiaisonMayChangeOnlyIdentityFields() throws {
        let liaison = try fixture.open(StoreFixture.liaison)
        var identity = child
        identity.indigenousIdentity = .affiliations([Affiliation(group: .inuk, community: "Test Inlet")])
        identity.languages = ["Inuktitut"]
        let saved = try liaison.save(identity, summary: "identity")
        #expect(saved.version == 2)

        var risk = saved
        risk.riskLevel = .low
        #expect(throws: PermissionDenied(permission: .editProfile, role: .liaison)) { try liaison.save(risk, summary: "risk") }
    }

    @Test func onlyASupervisorClosesOrReassigns() throws {
        let protection = try fixture.open(StoreFixture.protection)
        var closed = child
        closed.closure = Closure(on: DayDate(year: 2026, month: 6, day: 1), reason: "test closure")
        #expect(throws: PermissionDenied(permission: .closeCase, role: .childProtection)) { try protection.save(closed, summary: "close") }
        _ = try supervisor.save(closed, summary: "close")
    }

    @Test func kindsNeedTheirPermission() throws {
        let protection = try fixture.open(StoreFixture.protection)
        #expect(throws: PermissionDenied(permission: .editCatalogue, role: .childProtection)) {
            try protection.save(Samples.service(), summary: "service")
        }
        #expect(throws: PermissionDenied(permission: .manageAccounts, role: .childProtection)) {
            try protection.save(Samples.worker(), summary: "worker")
        }
        let police = try fixture.open(StoreFixture.police)
        #expect(throws: PermissionDenied(permission: .createReferral, role: .police)) {
            try police.save(Samples.referral(child: child.id, service: .make(), by: police.worker.id), summary: "referral")
        }
    }

    @Test func accountsAndAuditAreForSupervisors() throws {
        let protection = try fixture.open(StoreFixture.protection)
        #expect(throws: PermissionDenied(permission: .manageAccounts, role: .childProtection)) {
            try protection.addAccount(NewAccount(accountName: "x.testcase", displayName: "X Testcase", role: .police, passphrase: "long enough passphrase"))
        }
        #expect(throws: PermissionDenied(permission: .readAudit, role: .childProtection)) { try protection.audit() }
        #expect(throws: PermissionDenied(permission: .manageAccounts, role: .childProtection)) {
            try protection.changePassphrase(account: "police.testcase", newPassphrase: "a takeover passphrase")
        }
        try protection.changePassphrase(account: "cp.testcase", newPassphrase: "my own new passphrase")
    }
}
