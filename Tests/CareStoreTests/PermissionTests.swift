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
        child = try supervisor.performed(.createChild(Samples.newChild(author: supervisor.worker.id)))
    }

    private func denied(_ permission: Permission, _ role: Role) -> CommandError {
        .denied(PermissionDenied(permission: permission, role: role))
    }

    @Test func policeCannotCreateOrEditAChildProfile() throws {
        let police = try fixture.open(StoreFixture.police)
        #expect(throws: denied(.createChild, .police)) {
            try police.perform(.createChild(Samples.newChild(author: police.worker.id, sequence: 7)))
        }
        var edited = child
        edited.placement = "Somewhere else"
        #expect(throws: denied(.editProfile, .police)) { try police.perform(.updateChild(edited)) }
        // What police may do: log a contact and add an indicator.
        _ = try police.perform(.logContact(Samples.contact(child: child.id, author: police.worker.id)))
        _ = try police.perform(.addIndicator(Samples.indicator(child: child.id)))
    }

    @Test func aLiaisonMayChangeOnlyIdentityFields() throws {
        let liaison = try fixture.open(StoreFixture.liaison)
        var identity = child
        identity.indigenousIdentity = .affiliations([Affiliation(group: .inuk, community: "Test Inlet")])
        identity.languages = ["Inuktitut"]
        let saved: Child = try liaison.performed(.updateChild(identity))
        #expect(saved.version == 2)

        var risk = saved
        risk.riskLevel = .low
        #expect(throws: denied(.editProfile, .liaison)) { try liaison.perform(.updateChild(risk)) }
    }

    /// A profile save closes nothing, whoever saves it: a case closes by a request a supervisor
    /// approves (`CaseLifecycle`). The team is still a supervisor's to change.
    @Test func onlyASupervisorReassignsAndNobodyClosesByAProfileSave() throws {
        let protection = try fixture.open(StoreFixture.protection)
        var closed = child
        closed.closure = Closure(on: DayDate(year: 2026, month: 5, day: 29), reason: "test closure")
        for store in [protection, supervisor] {
            #expect(throws: CommandError.owned("A case closes by a request a supervisor approves, and reopens by its own command, not in the profile.")) {
                try store.perform(.updateChild(closed))
            }
        }
        var reassigned = child
        reassigned.team.childProtection = protection.worker.id
        #expect(throws: denied(.reassign, .childProtection)) { try protection.perform(.updateChild(reassigned)) }
        #expect(throws: denied(.reassign, .childProtection)) { try protection.perform(.reassign(child: child.id, team: reassigned.team)) }
        _ = try supervisor.perform(.updateChild(reassigned))
    }

    @Test func commandsNeedTheirPermission() throws {
        let protection = try fixture.open(StoreFixture.protection)
        #expect(throws: denied(.editCatalogue, .childProtection)) { try protection.perform(.saveService(Samples.service())) }
        #expect(throws: denied(.setFlag, .police)) {
            try fixture.open(StoreFixture.police).perform(
                .addFlag(child: child.id, Flag(text: "Test flag", setBy: protection.worker.id, setAt: Samples.when)))
        }
        let service: Service = try supervisor.performed(.saveService(Samples.service()))
        let police = try fixture.open(StoreFixture.police)
        #expect(throws: denied(.createReferral, .police)) {
            try police.perform(.createReferral(Samples.draftReferral(child: child.id, service: service.id, by: police.worker.id)))
        }
    }

    @Test func aDisabledAccountsOpenSessionCanNoLongerAct() throws {
        // The store checks the account as stored now, not as at sign-in, before the rules run
        // (which would refuse it too: `CommandError.inactiveAccount`).
        let protection = try fixture.open(StoreFixture.protection)
        try supervisor.disableAccount("cp.testcase")
        #expect(throws: AccountDisabledWhileOpen(accountName: "cp.testcase")) {
            try protection.perform(.logContact(Samples.contact(child: child.id, author: protection.worker.id)))
        }
    }

    @Test func accountsAndAuditAreForSupervisors() throws {
        let protection = try fixture.open(StoreFixture.protection)
        #expect(throws: PermissionDenied(permission: .manageAccounts, role: .childProtection)) {
            try protection.addAccount(NewAccount(accountName: "x.testcase", displayName: "X Testcase", role: .police, passphrase: "long enough passphrase"))
        }
        #expect(throws: denied(.readAudit, .childProtection)) { try protection.audit() }
        #expect(throws: denied(.readAudit, .childProtection)) { try protection.auditTrail(of: child.id) }
        #expect(throws: PermissionDenied(permission: .manageAccounts, role: .childProtection)) {
            try protection.changePassphrase(account: "police.testcase", newPassphrase: "a takeover passphrase")
        }
        try protection.changePassphrase(account: "cp.testcase", newPassphrase: "my own new passphrase")
    }
}
