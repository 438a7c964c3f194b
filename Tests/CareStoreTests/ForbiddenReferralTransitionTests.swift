import CareDomain
import Foundation
import Testing
@testable import CareStore

/// A referral's status changes only through its workflow steps. A forbidden transition is
/// refused whichever public path it is sent through, and nothing is written: the referral is as
/// it was, the audit trail and the change feed did not move.
@Suite struct ForbiddenReferralTransitionTests {
    /// A unit with a culturally specific service and a draft referral of an Indigenous youth
    /// (so a liaison's review is required).
    struct Setup {
        let unit: ContractUnit
        let child: Child
        let service: Service
        let draft: Referral

        init(_ kind: StoreKind) throws {
            unit = try ContractUnit(kind)
            child = try unit.child()
            service = try unit.supervisor.performed(.saveService(Samples.service()))
            draft = try unit.protection.performed(
                .createReferral(Samples.draftReferral(child: child.id, service: service.id, by: unit.protection.worker.id)))
        }

        /// The referral as stored, read without writing anything.
        func stored(_ id: ReferralID) throws -> Referral? {
            try unit.supervisor.loadCaseload().referrals.first { $0.id == id }
        }

        /// Sends `command`, expects `refusal`, and checks nothing was written.
        func expectRefused(
            _ command: CaseCommand, by session: ContractUnit.Session, with refusal: CommandError, referral id: ReferralID,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let before = try stored(id)
            let footprint = try unit.footprint()
            #expect(throws: refusal, sourceLocation: sourceLocation) { try session.perform(command) }
            #expect(try stored(id) == before, "the referral is unchanged", sourceLocation: sourceLocation)
            #expect(try unit.footprint() == footprint, "no audit event, no change in the feed", sourceLocation: sourceLocation)
        }
    }

    static let owned = CommandError.owned("A referral's status, timeline and review change only through its workflow steps.")

    @Test(arguments: StoreKind.allCases)
    func sendingADraftIsRefused(_ kind: StoreKind) throws {
        let setup = try Setup(kind)
        try setup.expectRefused(
            .applyReferral(setup.draft.id, .send), by: setup.unit.protection,
            with: .referral(.notFromStatus(command: "send", status: .draft)), referral: setup.draft.id)
    }

    @Test(arguments: StoreKind.allCases)
    func aChildProtectionWorkerCannotApproveAReview(_ kind: StoreKind) throws {
        let setup = try Setup(kind)
        let awaiting: Referral = try setup.unit.protection.performed(.applyReferral(setup.draft.id, .submit))
        #expect(awaiting.status == .awaitingReview)
        let answers = awaiting.review.checklist.map { CulturalSafetyReview.Item(question: $0.question, answer: .yes) }
        try setup.expectRefused(
            .applyReferral(awaiting.id, .approve(checklist: answers, comment: "")), by: setup.unit.protection,
            with: .referral(.denied(PermissionDenied(permission: .reviewReferral, role: .childProtection))), referral: awaiting.id)
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateCannotChangeTheStatus(_ kind: StoreKind) throws {
        let setup = try Setup(kind)
        var sent = setup.draft
        sent.status = .sent
        try setup.expectRefused(.updateReferral(sent), by: setup.unit.protection, with: Self.owned, referral: sent.id)
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateCannotWriteTheTimeline(_ kind: StoreKind) throws {
        let setup = try Setup(kind)
        var rewritten = setup.draft
        rewritten.timeline.append(Transition(from: .draft, to: .readyToSend, by: setup.unit.protection.worker.id, at: Samples.when))
        try setup.expectRefused(.updateReferral(rewritten), by: setup.unit.protection, with: Self.owned, referral: rewritten.id)
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateCannotWriteTheReview(_ kind: StoreKind) throws {
        let setup = try Setup(kind)
        var approved = setup.draft
        approved.review.decision = .approved
        approved.review.reviewer = setup.unit.liaison.worker.id
        approved.review.decidedAt = Samples.when
        // Not even a liaison, who may approve, may do it by editing the referral.
        try setup.expectRefused(.updateReferral(approved), by: setup.unit.liaison, with: Self.owned, referral: approved.id)
    }

    @Test(arguments: StoreKind.allCases, Referral.Status.allCases.filter { $0 != .draft })
    func aReferralIsCreatedOnlyAsADraft(_ kind: StoreKind, status: Referral.Status) throws {
        let setup = try Setup(kind)
        var skipped = Samples.draftReferral(child: setup.child.id, service: setup.service.id, by: setup.unit.protection.worker.id)
        skipped.status = status
        try setup.expectRefused(
            .createReferral(skipped), by: setup.unit.protection,
            with: .owned("A new referral starts as a draft; its steps are taken one by one."), referral: skipped.id)
        #expect(try setup.stored(skipped.id) == nil)
    }

    @Test func anImportCannotReplaceAReferral() throws {
        // The SQLite store's other public way in: an import only adds records, so a referral
        // already in the store cannot be brought back in a later status.
        let setup = try Setup(.sqlite)
        let store = try #require(setup.unit.supervisor as? SQLiteCaseStore)
        var sent = setup.draft
        sent.status = .sent
        sent.timeline = [Transition(from: .draft, to: .sent, by: store.worker.id, at: Samples.when)]
        let before = try setup.stored(sent.id)
        let footprint = try setup.unit.footprint()
        #expect(throws: StoreError.invalid("The import holds referral \(sent.id), which is already in the store.")) {
            try store.importRecords([sent])
        }
        #expect(try setup.stored(sent.id) == before)
        #expect(try setup.unit.footprint() == footprint)
    }
}
