import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The referral and catalogue commands this issue added, asserted against both stores: a new
/// referral asks the unit's own checklist questions, drafting and submitting is one step with one
/// event, consent is recorded by who recorded it, and a catalogue import saves every service or
/// none.
@Suite struct ReferralCommandsContractTests {
    @Test(arguments: StoreKind.allCases)
    func aNewReferralAsksTheUnitsQuestionsAndLandsInReviewInOneStep(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let questions = ["Unit's own first question (test)", "Unit's own second question (test)"]
        _ = try unit.supervisor.perform(.saveChecklist(ReviewChecklist(questions: questions)))
        #expect(try unit.liaison.loadCaseload().checklist?.questions == questions)
        let child = try unit.child()
        let service: Service = try unit.supervisor.performed(.saveService(Samples.service()))
        var draft = Samples.draftReferral(child: child.id, service: service.id, by: unit.protection.worker.id)
        draft.consent = .init()
        // Whatever questions the client sent, the store asks the unit's.
        draft.review.checklist = [.init(question: "A question nobody asked (test)")]
        let events = try unit.auditCount()
        let referral: Referral = try unit.protection.performed(.submitNewReferral(draft))
        #expect(referral.status == .awaitingReview, "an Indigenous youth's referral goes to review")
        #expect(referral.review.required)
        #expect(referral.review.checklist.map(\.question) == questions)
        #expect(referral.timeline == [Transition(from: .draft, to: .awaitingReview, by: unit.protection.worker.id, at: Samples.now)])
        #expect(referral.createdBy == unit.protection.worker.id && referral.createdAt == Samples.now)
        #expect(try unit.auditCount() == events + 1)
        #expect(try unit.lastEvent()?.summary == "referral drafted (urgent) and submitted: draft → awaiting review")

        // The liaison approves against those questions; the default ones are refused.
        let defaults = CulturalSafetyReview.defaultQuestions.map { CulturalSafetyReview.Item(question: $0, answer: .yes) }
        #expect(throws: CommandError.referral(.checklistChanged)) {
            try unit.liaison.perform(.applyReferral(referral.id, .approve(checklist: defaults, comment: "")))
        }
        let answers = questions.map { CulturalSafetyReview.Item(question: $0, answer: .yes) }
        let approved: Referral = try unit.liaison.performed(.applyReferral(referral.id, .approve(checklist: answers, comment: "")))
        #expect(approved.status == .readyToSend)
        #expect(try unit.lastEvent()?.summary == "referral awaiting review → ready to send")
    }

    @Test(arguments: StoreKind.allCases)
    func consentIsRecordedByWhoRecordedItAndSendingWaitsForIt(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        var service = Samples.service()
        service.culturallySpecific = false
        let saved: Service = try unit.supervisor.performed(.saveService(service))
        var draft = Samples.draftReferral(child: child.id, service: saved.id, by: unit.protection.worker.id)
        draft.consent = .init()
        var referral: Referral = try unit.protection.performed(.submitNewReferral(draft))
        referral = try unit.liaison.performed(.applyReferral(referral.id, .approve(
            checklist: referral.review.checklist.map { .init(question: $0.question, answer: .yes) }, comment: "")))
        #expect(throws: CommandError.referral(.consentNotGiven(.pending))) {
            try unit.protection.perform(.applyReferral(referral.id, .send))
        }
        // Given consent needs who gave it.
        var given = referral
        given.consent = .init(state: .given, by: " ", at: Samples.when)
        #expect(throws: CommandError.invalid(["Say who gave consent (the youth, or a guardian with the youth)."])) {
            try unit.protection.perform(.updateReferral(given))
        }
        given.consent = .init(state: .given, by: "the youth", at: Samples.when, recordedBy: unit.liaison.worker.id)
        referral = try unit.protection.performed(.updateReferral(given))
        #expect(referral.consent.recordedBy == unit.protection.worker.id, "the store names who recorded it")
        #expect(referral.consent.by == "the youth" && referral.consent.at == Samples.when)
        #expect(try unit.lastEvent()?.summary == "referral updated: consent given")
        let sent: Referral = try unit.protection.performed(.applyReferral(referral.id, .send))
        #expect(sent.status == .sent)
        #expect(sent.timeline.map(\.to) == [.awaitingReview, .readyToSend, .sent])
    }

    @Test(arguments: StoreKind.allCases)
    func theCatalogueAloneIsTheCaseloadsCatalogueWithNoChildRead(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let service: Service = try unit.supervisor.performed(.saveService(Samples.service()))
        let child = try unit.child()
        _ = try unit.protection.perform(.createReferral(Samples.draftReferral(child: child.id, service: service.id, by: unit.protection.worker.id)))
        let whole = try unit.protection.loadCaseload()
        let catalogue = try unit.protection.loadCatalogue()
        #expect(whole.children.count == 1 && whole.referrals.count == 1)
        #expect(catalogue.children.isEmpty && catalogue.referrals.isEmpty && catalogue.episodes.isEmpty)
        #expect(catalogue.services == whole.services && catalogue.services == [service])
        #expect(catalogue.workers == whole.workers && !catalogue.workers.isEmpty)
        #expect(catalogue.checklist == whole.checklist)
    }

    @Test(arguments: StoreKind.allCases)
    func aCatalogueImportSavesEveryServiceOrNone(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let existing: Service = try unit.supervisor.performed(.saveService(Samples.service()))
        var changed = existing
        changed.languages = ["English", "Oji-Cree"]
        let fresh = Service(name: "Test Youth Housing", category: .housing, provider: "Test Housing Provider", region: "Test North")
        var broken = fresh
        broken.id = .make()
        broken.name = "Test Broken Service"
        broken.provider = ""

        let footprint = try unit.footprint()
        #expect(throws: CommandError.invalid(["Test Broken Service: Name the provider."])) {
            try unit.supervisor.perform(.importServices([changed, fresh, broken]))
        }
        #expect(try unit.footprint() == footprint, "nothing written, no event")
        #expect(try unit.supervisor.loadCaseload().services == [existing])
        #expect(throws: CommandError.denied(PermissionDenied(permission: .editCatalogue, role: .childProtection))) {
            try unit.protection.perform(.importServices([fresh]))
        }

        let outcome = try unit.supervisor.perform(.importServices([changed, fresh]))
        #expect(outcome.saved.count == 2)
        #expect(outcome.summary == "services catalogue imported: 1 new, 1 updated")
        let services = try unit.liaison.loadCaseload().services
        #expect(services.map(\.name).sorted() == ["Test Healing Lodge", "Test Youth Housing"])
        #expect(services.first { $0.id == existing.id }?.languages == ["English", "Oji-Cree"])
        // An import against a service someone else changed since it was read is a conflict, and writes nothing.
        let after = try unit.footprint()
        #expect(throws: RecordConflict.self) { try unit.supervisor.perform(.importServices([changed])) }
        #expect(try unit.footprint() == after)
    }

    @Test(arguments: StoreKind.allCases)
    func theChecklistIsTheUnitsOneAndOnlySupervisorsReplaceIt(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        #expect(throws: CommandError.denied(PermissionDenied(permission: .editCatalogue, role: .liaison))) {
            try unit.liaison.perform(.saveChecklist(ReviewChecklist(questions: ["Test question"])))
        }
        #expect(throws: CommandError.owned("A unit has one review checklist.")) {
            try unit.supervisor.perform(.saveChecklist(ReviewChecklist(id: .make(), questions: ["Test question"])))
        }
        #expect(throws: CommandError.invalid(["Each checklist question may appear only once."])) {
            try unit.supervisor.perform(.saveChecklist(ReviewChecklist(questions: ["Same (test)", "Same (test) "])))
        }
        let first: ReviewChecklist = try unit.supervisor.performed(.saveChecklist(ReviewChecklist(questions: ["First test question"])))
        var second = first
        second.questions.append("Second test question")
        let saved: ReviewChecklist = try unit.supervisor.performed(.saveChecklist(second))
        #expect(saved.version == first.version + 1)
        // A stale copy is a conflict, not a silent overwrite.
        #expect(throws: RecordConflict.self) { try unit.supervisor.perform(.saveChecklist(first)) }
    }

    @Test func whatACommandHandsBackIsWhatTheStoreReadsBackAtAnyClockFraction() throws {
        // A clock between seconds: the times a command stamps must come back from the file as
        // they were handed back, or the next step on the saved referral looks like a rewrite of
        // its timeline (found in use: recording consent right after an approval was refused).
        let fixture = try StoreFixture(clock: FixedClock(Samples.now.addingTimeInterval(0.1)))
        let supervisor = try fixture.create()
        let protection = try fixture.open(StoreFixture.protection)
        let liaison = try fixture.open(StoreFixture.liaison)
        let child: Child = try protection.performed(.createChild(Samples.newChild(author: protection.worker.id)))
        let service: Service = try supervisor.performed(.saveService(Samples.service()))
        var draft = Samples.draftReferral(child: child.id, service: service.id, by: protection.worker.id)
        draft.consent = .init()
        let submitted: Referral = try protection.performed(.submitNewReferral(draft))
        let approved: Referral = try liaison.performed(.applyReferral(submitted.id, .approve(
            checklist: submitted.review.checklist.map { .init(question: $0.question, answer: .yes) }, comment: "")))
        #expect(try liaison.loadCaseload().referrals == [approved])
        var consented = approved
        consented.consent = .init(state: .given, by: "the youth", at: Samples.when)
        let updated: Referral = try liaison.performed(.updateReferral(consented))
        #expect(updated.consent.state == .given)
    }
}
