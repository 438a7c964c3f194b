import Foundation
import Testing
@testable import CareDomain

@Suite("Referral workflow")
struct ReferralWorkflowTests {
    typealias F = Fixture
    static let plainChild = F.child(1)
    static let indigenousChild = F.child(2, identity: .affiliations([Affiliation(group: .firstNations, community: "Lakeview Test First Nation")]))
    static let service = F.service()
    static let allYes = CulturalSafetyReview.defaultQuestions.map { CulturalSafetyReview.Item(question: $0, answer: .yes) }

    func apply(_ command: ReferralCommand, _ referral: Referral, by role: Role, child: Child = plainChild, service: Service = service, at offset: TimeInterval = 0) throws(ReferralError) -> Referral {
        try ReferralWorkflow.apply(command, to: referral, child: child, service: service, actor: F.worker(role), now: F.now + offset)
    }

    func draft(_ child: Child = plainChild, consent: Referral.Consent.State = .given) -> Referral {
        F.referral(child, Self.service, consent: consent)
    }

    @Test("submit goes to review when the child names an Indigenous affiliation")
    func submitIndigenous() throws {
        let submitted = try apply(.submit, draft(Self.indigenousChild), by: .childProtection, child: Self.indigenousChild)
        #expect(submitted.status == .awaitingReview)
        #expect(submitted.review.required)
        #expect(submitted.timeline == [Transition(from: .draft, to: .awaitingReview, by: F.cp.id, at: F.now)])
    }

    @Test("submit goes to review for a culturally specific service, or when a supervisor asked")
    func submitOtherReviews() throws {
        let specific = F.service(.indigenousHealing, culturallySpecific: true)
        #expect(try apply(.submit, draft(), by: .liaison, service: specific).status == .awaitingReview)
        let marked = try apply(.markReviewRequired, draft(), by: .supervisor)
        #expect(marked.timeline.isEmpty && marked.review.requiredBySupervisor)
        #expect(try apply(.submit, marked, by: .childProtection).status == .awaitingReview)
    }

    @Test("submit with no review required is ready to send; send needs consent given")
    func submitAndSend() throws {
        let ready = try apply(.submit, draft(consent: .pending), by: .childProtection)
        #expect(ready.status == .readyToSend && !ready.review.required)
        #expect(throws: ReferralError.consentNotGiven(.pending)) { try apply(.send, ready, by: .childProtection) }
        var consented = ready
        consented.consent.state = .given
        #expect(try apply(.send, consented, by: .childProtection, at: 60).status == .sent)
    }

    @Test("only a liaison approves or returns", arguments: Role.allCases)
    func reviewByRole(role: Role) throws {
        let waiting = try apply(.submit, draft(Self.indigenousChild), by: .childProtection, child: Self.indigenousChild)
        let approve = Result { () throws(ReferralError) in try apply(.approve(checklist: Self.allYes, comment: ""), waiting, by: role, child: Self.indigenousChild) }
        let giveBack = Result { () throws(ReferralError) in try apply(.return(comment: "Ask about family"), waiting, by: role, child: Self.indigenousChild) }
        if role == .liaison {
            let approved = try approve.get()
            #expect(approved.status == .readyToSend && approved.review.decision == .approved && approved.review.reviewer == F.liaison.id)
            let returned = try giveBack.get()
            #expect(returned.status == .draft && returned.review.decision == .returned && returned.timeline.last?.note == "Ask about family")
        } else {
            let expected = ReferralError.denied(PermissionDenied(permission: .reviewReferral, role: role))
            #expect(throws: expected) { try approve.get() }
            #expect(throws: expected) { try giveBack.get() }
        }
    }

    @Test("a return needs a comment; a \"no\" answer needs a comment")
    func reviewNeedsWords() throws {
        let waiting = try apply(.submit, draft(Self.indigenousChild), by: .childProtection, child: Self.indigenousChild)
        #expect(throws: ReferralError.needsText("a comment saying why the referral is returned")) {
            try apply(.return(comment: "  "), waiting, by: .liaison, child: Self.indigenousChild)
        }
        var withNo = Self.allYes
        withNo[3].answer = .no
        #expect(throws: ReferralError.noAnswerNeedsComment([withNo[3].question])) {
            try apply(.approve(checklist: withNo, comment: ""), waiting, by: .liaison, child: Self.indigenousChild)
        }
        #expect(try apply(.approve(checklist: withNo, comment: "Interpreter booked"), waiting, by: .liaison, child: Self.indigenousChild).status == .readyToSend)
        withNo[3].comment = "Interpreter booked"
        #expect(try apply(.approve(checklist: withNo, comment: ""), waiting, by: .liaison, child: Self.indigenousChild).status == .readyToSend)
        var unanswered = Self.allYes
        unanswered[0].answer = nil
        #expect(throws: ReferralError.unanswered([unanswered[0].question])) {
            try apply(.approve(checklist: unanswered, comment: "ok"), waiting, by: .liaison, child: Self.indigenousChild)
        }
    }

    @Test("a return keeps the answers given so far; a checklist of other questions is not taken")
    func aReturnKeepsPartialAnswers() throws {
        let waiting = try apply(.submit, draft(Self.indigenousChild), by: .childProtection, child: Self.indigenousChild)
        var partial = Self.allYes.map { CulturalSafetyReview.Item(question: $0.question) }
        partial[0].answer = .yes
        partial[2].answer = .no
        partial[2].comment = "  Not yet known (test)  "
        let returned = try apply(.return(comment: "Ask about family (test)", checklist: partial), waiting, by: .liaison, child: Self.indigenousChild)
        #expect(returned.status == .draft)
        #expect(returned.review.checklist.map(\.answer) == [.yes, nil, .no] + Array(repeating: nil, count: partial.count - 3))
        #expect(returned.review.checklist[2].comment == "Not yet known (test)")
        // Without a checklist, or with other questions, the referral keeps the one it had.
        let plain = try apply(.return(comment: "Ask about family (test)"), waiting, by: .liaison, child: Self.indigenousChild)
        #expect(plain.review.checklist == waiting.review.checklist)
        let foreign = [CulturalSafetyReview.Item(question: "A question not asked (test)", answer: .yes)]
        let kept = try apply(.return(comment: "Ask (test)", checklist: foreign), waiting, by: .liaison, child: Self.indigenousChild)
        #expect(kept.review.checklist == waiting.review.checklist)
    }

    @Test("a supervisor may override a review, only with a reason")
    func override() throws {
        let waiting = try apply(.submit, draft(Self.indigenousChild), by: .childProtection, child: Self.indigenousChild)
        #expect(throws: ReferralError.needsText("a reason for approving without a liaison's review")) {
            try apply(.overrideApprove(reason: ""), waiting, by: .supervisor, child: Self.indigenousChild)
        }
        #expect(throws: ReferralError.denied(PermissionDenied(permission: .overrideReview, role: .liaison))) {
            try apply(.overrideApprove(reason: "urgent"), waiting, by: .liaison, child: Self.indigenousChild)
        }
        let overridden = try apply(.overrideApprove(reason: "Liaison away; youth must start Monday"), waiting, by: .supervisor, child: Self.indigenousChild)
        #expect(overridden.status == .readyToSend)
        #expect(overridden.review.decision == .overridden && overridden.review.comment == "Liaison away; youth must start Monday")
    }

    @Test("police may not create, send or record responses to referrals")
    func policeRefused() throws {
        #expect(throws: ReferralError.denied(PermissionDenied(permission: .createReferral, role: .police, doing: "submit a referral"))) {
            try apply(.submit, draft(), by: .police)
        }
        #expect(PermissionDenied(permission: .createReferral, role: .police, doing: "withdraw a referral").description
                == "A police officer cannot withdraw a referral; ask a child protection worker, an Indigenous liaison or a supervisor.")
        let ready = try apply(.submit, draft(), by: .childProtection)
        #expect(throws: ReferralError.denied(PermissionDenied(permission: .sendReferral, role: .police))) { try apply(.send, ready, by: .police) }
    }

    @Test("the service's response: waitlist, accept, start, complete; decline needs a reason")
    func responses() throws {
        let sent = try apply(.send, apply(.submit, draft(), by: .childProtection), by: .childProtection)
        let waitlisted = try apply(.waitlist, sent, by: .childProtection)
        let accepted = try apply(.accept, waitlisted, by: .childProtection)
        let active = try apply(.start, accepted, by: .childProtection)
        let completed = try apply(.complete, active, by: .liaison)
        #expect(completed.timeline.map(\.to) == [.readyToSend, .sent, .waitlisted, .accepted, .active, .completed])
        #expect(throws: ReferralError.needsText("the reason the service declined")) { try apply(.decline(reason: ""), sent, by: .childProtection) }
        #expect(try apply(.decline(reason: "Full"), waitlisted, by: .childProtection).status == .declined)
        #expect(throws: ReferralError.notFromStatus(command: "start", status: .sent)) { try apply(.start, sent, by: .childProtection) }
    }

    @Test("withdraw from any non-final status with a reason; final statuses refuse everything")
    func withdrawAndFinal() throws {
        let ready = try apply(.submit, draft(), by: .childProtection)
        #expect(throws: ReferralError.needsText("a reason for withdrawing the referral")) { try apply(.withdraw(reason: " "), ready, by: .childProtection) }
        let withdrawn = try apply(.withdraw(reason: "Youth chose another service"), ready, by: .childProtection)
        #expect(withdrawn.status == .withdrawn)
        for command: ReferralCommand in [.submit, .send, .withdraw(reason: "again"), .accept, .markReviewRequired] {
            #expect(throws: ReferralError.finalStatus(.withdrawn)) { try apply(command, withdrawn, by: .supervisor) }
        }
    }

    @Test("a supervisor may require a review only of a draft; it goes to review when submitted")
    func markDraftOnly() throws {
        let ready = try apply(.submit, draft(), by: .childProtection)
        #expect(throws: ReferralError.notFromStatus(command: "mark for review", status: .readyToSend)) {
            try apply(.markReviewRequired, ready, by: .supervisor)
        }
        #expect(throws: ReferralError.denied(PermissionDenied(permission: .overrideReview, role: .childProtection))) {
            try apply(.markReviewRequired, draft(), by: .childProtection)
        }
        let marked = try apply(.markReviewRequired, draft(), by: .supervisor)
        #expect(marked.status == .draft && marked.timeline.isEmpty && marked.review.requiredBySupervisor)
        #expect(throws: ReferralError.reviewAlreadyRequired) { try apply(.markReviewRequired, marked, by: .supervisor) }
        #expect(try apply(.submit, marked, by: .childProtection).status == .awaitingReview)
    }

    @Test("the records passed in must be the referral's")
    func mismatch() {
        #expect(throws: ReferralError.mismatchedRecords) { try apply(.submit, draft(), by: .childProtection, child: Self.indigenousChild) }
    }

    @Test("allows() agrees with apply() for every command, status and role")
    func allowsAgrees() {
        let commands: [ReferralCommand] = [.submit, .send, .waitlist, .accept, .start, .complete, .markReviewRequired]
        for status in Referral.Status.allCases {
            for role in Role.allCases {
                for command in commands {
                    var referral = draft().withStatus(status)
                    referral.review = CulturalSafetyReview()
                    let applied = (try? apply(command, referral, by: role)) != nil
                    #expect(ReferralWorkflow.allows(command, from: status, role: role) == applied, "\(command.verb) from \(status) by \(role)")
                }
            }
        }
    }

    @Test("refusals name the role that may", arguments: [ReferralError.denied(PermissionDenied(permission: .sendReferral, role: .police))])
    func words(error: ReferralError) {
        #expect(error.description == "A police officer cannot send a referral; ask a child protection worker, an Indigenous liaison or a supervisor.")
    }
}

extension Referral {
    /// A copy put in `status` directly, for testing what each status permits.
    func withStatus(_ status: Status) -> Referral {
        var copy = self
        copy.status = status
        return copy
    }
}

/// The service's answer in its words ("intake booked for Tuesday 10:00") was thrown away with
/// every step but a decline: it is kept on the timeline beside the step it came with.
@Suite("Referral steps with the service's words")
struct ReferralNotedStepTests {
    typealias F = Fixture

    @Test func theServicesWordsStayOnTheTimelineBesideTheStep() throws {
        let child = F.child(1), service = F.service()
        let sent = F.referral(child, service, status: .sent)
        let accepted = try ReferralWorkflow.apply(.noted(.accept, note: "  Intake booked for Tuesday 10:00 (test)  "), to: sent, child: child,
                                                  service: service, actor: F.cp, now: F.now)
        #expect(accepted.status == .accepted)
        #expect(accepted.timeline.last == Transition(from: .sent, to: .accepted, by: F.cp.id, at: F.now, note: "Intake booked for Tuesday 10:00 (test)"))
        let plain = try ReferralWorkflow.apply(.accept, to: sent, child: child, service: service, actor: F.cp, now: F.now)
        #expect(plain.timeline.last?.note == "", "without words nothing is added")
    }

    @Test func wordsDoNotLetAStepThroughThatTheTableRefuses() {
        let child = F.child(1), service = F.service()
        let draft = F.referral(child, service, status: .draft)
        #expect(throws: ReferralError.self) {
            try ReferralWorkflow.apply(.noted(.accept, note: "Intake booked (test)"), to: draft, child: child, service: service, actor: F.cp, now: F.now)
        }
        #expect(ReferralCommand.noted(.accept, note: "x").step == .accept)
    }
}
