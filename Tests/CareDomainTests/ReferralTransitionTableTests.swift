import Foundation
import Testing
@testable import CareDomain

/// The workflow's one table against DOMAIN.md's diagram, and `apply` against the table for every
/// step, from every status, by every role: what the table allows happens, and lands where the
/// table says; everything else is refused with the reason that comes first.
@Suite("Referral transition table")
struct ReferralTransitionTableTests {
    typealias F = Fixture
    static let plainChild = F.child(1)
    static let indigenousChild = F.child(2, identity: .affiliations([Affiliation(group: .firstNations, community: "Lakeview Test First Nation")]))
    static let service = F.service()

    /// The arrows of DOMAIN.md "Referral workflow", written out by hand from the picture.
    static let diagram: Set<String> = {
        var arrows: Set<String> = [
            "submit: draft → awaiting review", "submit: draft → ready to send",
            "approve: awaiting review → ready to send", "return: awaiting review → draft",
            "override: awaiting review → ready to send",
            "send: ready to send → sent",
            "accept: sent → accepted", "waitlist: sent → waitlisted", "decline: sent → declined",
            "accept: waitlisted → accepted", "decline: waitlisted → declined",
            "start: accepted → active", "complete: active → completed",
            "require review: draft → draft",
        ]
        for status in ["draft", "awaiting review", "ready to send", "sent", "waitlisted", "accepted", "active"] {
            arrows.insert("withdraw: \(status) → withdrawn")
        }
        return arrows
    }()

    @Test("the table has exactly the diagram's arrows")
    func tableIsTheDiagram() {
        let table = Set(ReferralWorkflow.transitions.map { "\($0.step.rawValue): \($0.from.rawValue) → \($0.to.rawValue)" })
        #expect(table == Self.diagram, "only in the table: \(table.subtracting(Self.diagram)); only in the diagram: \(Self.diagram.subtracting(table))")
        #expect(ReferralWorkflow.transitions.count == Self.diagram.count, "no arrow twice")
    }

    @Test("who may take each step: only a liaison reviews, a supervisor overrides, police take none")
    func whoMay() {
        for row in ReferralWorkflow.transitions {
            let roles = Set(Role.allCases.filter { $0.may(row.permission) })
            switch row.step {
            case .approve, .return: #expect(roles == [.liaison], "\(row)")
            case .overrideApprove, .markReviewRequired: #expect(roles == [.supervisor], "\(row)")
            default: #expect(roles == [.childProtection, .liaison, .supervisor], "\(row)")
            }
        }
        // Final statuses have no way out.
        #expect(!ReferralWorkflow.transitions.contains { $0.from.isFinal })
    }

    /// A command for `step` with every word and answer it needs.
    static func command(_ step: ReferralStep) -> ReferralCommand {
        switch step {
        case .submit: .submit
        case .approve: .approve(checklist: CulturalSafetyReview.defaultQuestions.map { .init(question: $0, answer: .yes) }, comment: "")
        case .return: .return(comment: "Please ask the youth about family (test)")
        case .overrideApprove: .overrideApprove(reason: "Liaison away; start Monday (test)")
        case .send: .send
        case .waitlist: .waitlist
        case .accept: .accept
        case .decline: .decline(reason: "No space (test)")
        case .start: .start
        case .complete: .complete
        case .withdraw: .withdraw(reason: "Youth chose another service (test)")
        case .markReviewRequired: .markReviewRequired
        }
    }

    @Test("every step from every status by every role does what the table says", arguments: ReferralStep.allCases)
    func everyStep(step: ReferralStep) throws {
        for status in Referral.Status.allCases {
            for role in Role.allCases {
                for child in [Self.plainChild, Self.indigenousChild] {
                    var referral = F.referral(child, Self.service, status: status, consent: .given)
                    referral.review.required = status != .draft && child == Self.indigenousChild
                    let label = "\(step.rawValue) from \(status.rawValue) by \(role) for \(child == Self.plainChild ? "a" : "an Indigenous") youth"
                    let result = Result { () throws(ReferralError) in
                        try ReferralWorkflow.apply(Self.command(step), to: referral, child: child, service: Self.service,
                                                   actor: F.worker(role), now: F.now + F.hour)
                    }
                    let rows = ReferralWorkflow.rows(step, from: status)
                    if status.isFinal {
                        #expect(throws: ReferralError.finalStatus(status), "\(label)") { try result.get() }
                    } else if rows.isEmpty {
                        #expect(throws: ReferralError.notFromStatus(command: step.verb, status: status), "\(label)") { try result.get() }
                    } else if !role.may(rows[0].permission) {
                        // A step the permission to create covers is named by its own verb.
                        let doing = rows[0].permission == .createReferral ? "\(step.verb) a referral" : nil
                        #expect(throws: ReferralError.denied(PermissionDenied(permission: rows[0].permission, role: role, doing: doing)), "\(label)") {
                            try result.get()
                        }
                    } else {
                        let next = try result.get()
                        let expected = step == .submit ? (child == Self.indigenousChild ? Referral.Status.awaitingReview : .readyToSend) : rows[0].to
                        #expect(rows.contains { $0.to == next.status }, "\(label)")
                        #expect(next.status == expected, "\(label)")
                        if expected != status {
                            #expect(next.timeline.last == Transition(from: status, to: expected, by: F.worker(role).id, at: F.now + F.hour,
                                                                     note: next.timeline.last?.note ?? ""), "\(label)")
                            #expect(next.timeline.count == referral.timeline.count + 1, "\(label)")
                        } else {
                            #expect(next.timeline == referral.timeline, "\(label): no status change, no transition")
                        }
                    }
                    // The UI's question gives the same answer as the attempt.
                    #expect((ReferralWorkflow.refusal(step, from: status, role: role) == nil) == ((try? result.get()) != nil), "\(label)")
                }
            }
        }
    }

    @Test("a step's condition refuses it when it does not hold")
    func conditions() throws {
        let waiting = F.referral(Self.indigenousChild, Self.service, status: .awaitingReview)
        let liaison = F.worker(.liaison)
        func apply(_ command: ReferralCommand, _ referral: Referral, by actor: Worker = F.worker(.liaison)) throws(ReferralError) -> Referral {
            try ReferralWorkflow.apply(command, to: referral, child: Self.indigenousChild, service: Self.service, actor: actor, now: F.now)
        }
        // Answers to other questions than the referral's own.
        let other = ["A question this referral never asked (test)"].map { CulturalSafetyReview.Item(question: $0, answer: .yes) }
        #expect(throws: ReferralError.checklistChanged) { try apply(.approve(checklist: other, comment: ""), waiting, by: liaison) }
        // A referral drafted with the unit's own questions is approved against those.
        var unitOwn = waiting
        unitOwn.review.checklist = ["Unit question one (test)", "Unit question two (test)"].map { .init(question: $0) }
        let answered = unitOwn.review.checklist.map { CulturalSafetyReview.Item(question: $0.question, answer: .notApplicable) }
        #expect(try apply(.approve(checklist: answered, comment: ""), unitOwn).status == .readyToSend)
        #expect(throws: ReferralError.checklistChanged) {
            try apply(.approve(checklist: CulturalSafetyReview.defaultQuestions.map { .init(question: $0, answer: .yes) }, comment: ""), unitOwn)
        }
        // Sending needs consent given: pending and refused are both refused, in words.
        for state in [Referral.Consent.State.pending, .refused] {
            var ready = F.referral(Self.indigenousChild, Self.service, status: .readyToSend, consent: state)
            ready.consent.state = state
            #expect(throws: ReferralError.consentNotGiven(state)) { try apply(.send, ready, by: F.worker(.childProtection)) }
            #expect(ReferralWorkflow.refusal(.send, for: ready, role: .childProtection) == .consentNotGiven(state))
            #expect(ReferralError.consentNotGiven(state).description.contains("consent is \(state.rawValue)"))
        }
        // Marking a draft for review twice.
        var marked = F.referral(Self.plainChild, Self.service)
        marked.review.requiredBySupervisor = true
        #expect(throws: ReferralError.reviewAlreadyRequired) {
            try ReferralWorkflow.apply(.markReviewRequired, to: marked, child: Self.plainChild, service: Self.service, actor: F.worker(.supervisor), now: F.now)
        }
        #expect(ReferralWorkflow.refusal(.markReviewRequired, for: marked, role: .supervisor) == .reviewAlreadyRequired)
    }

    @Test("the steps a role is offered from each status come from the table")
    func offered() {
        #expect(ReferralWorkflow.steps(from: .awaitingReview, role: .liaison) == [.approve, .return, .withdraw])
        #expect(ReferralWorkflow.steps(from: .awaitingReview, role: .supervisor) == [.overrideApprove, .withdraw])
        #expect(ReferralWorkflow.steps(from: .sent, role: .childProtection) == [.accept, .waitlist, .decline, .withdraw])
        #expect(ReferralWorkflow.steps(from: .draft, role: .police).isEmpty)
        #expect(ReferralWorkflow.steps(from: .completed, role: .supervisor).isEmpty)
    }
}
