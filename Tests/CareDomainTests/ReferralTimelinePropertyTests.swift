import Foundation
import Testing
@testable import CareDomain

/// Whatever people try, in whatever order, the timeline stays a consistent story.
@Suite("Referral timeline property")
struct ReferralTimelinePropertyTests {
    typealias F = Fixture

    static func randomCommand(_ rng: inout SeededRandom) -> ReferralCommand {
        let yes = CulturalSafetyReview.defaultQuestions.map { CulturalSafetyReview.Item(question: $0, answer: .yes) }
        var withNo = yes
        withNo[2].answer = .no
        let words = ["", "reason given"]
        return switch rng.int(0...11) {
        case 0: .submit
        case 1: .approve(checklist: rng.chance(0.5) ? yes : withNo, comment: rng.pick(words))
        case 2: .return(comment: rng.pick(words))
        case 3: .overrideApprove(reason: rng.pick(words))
        case 4: .send
        case 5: .waitlist
        case 6: .accept
        case 7: .decline(reason: rng.pick(words))
        case 8: .start
        case 9: .complete
        case 10: .withdraw(reason: rng.pick(words))
        default: .markReviewRequired
        }
    }

    @Test("500 random command sequences keep from == previous to, times in order, last to == status")
    func randomSequences() {
        var rng = SeededRandom(seed: 0xC0FFEE)
        let children = [F.child(1), F.child(2, identity: .affiliations([Affiliation(group: .inuk, community: "Tundra Example Inuit Community")]))]
        let services = [F.service(), F.service(.elder, culturallySpecific: true, id: "s2")]
        var reachedStatuses = Set<Referral.Status>()
        var refusals = 0
        for sequence in 0..<500 {
            let child = rng.pick(children), service = rng.pick(services)
            var referral = F.referral(child, service, consent: rng.pick([.given, .given, .pending, .refused]), id: "r\(sequence)")
            var now = F.now
            for _ in 0..<rng.int(1...25) {
                now += Double(rng.int(0...600)) * F.minute
                let before = referral
                do {
                    referral = try ReferralWorkflow.apply(Self.randomCommand(&rng), to: referral, child: child, service: service,
                                                          actor: rng.pick(F.workers), now: now)
                } catch {
                    refusals += 1
                    #expect(referral == before)
                }
            }
            reachedStatuses.insert(referral.status)
            var previous = Referral.Status.draft
            var last = F.now
            for transition in referral.timeline {
                #expect(transition.from == previous, "sequence \(sequence)")
                #expect(transition.at >= last, "sequence \(sequence)")
                #expect(transition.from != transition.to)
                previous = transition.to
                last = transition.at
            }
            #expect(previous == referral.status, "sequence \(sequence)")
            if referral.status == .sent || referral.timeline.contains(where: { $0.to == .sent }) {
                #expect(referral.consent.state == .given)
            }
            let pastReview: Set<Referral.Status> = [.readyToSend, .sent, .waitlisted, .accepted, .active, .completed]
            if referral.review.required, pastReview.contains(referral.status) {
                #expect(referral.review.decision == .approved || referral.review.decision == .overridden)
            }
        }
        // The property means little unless the random walks reach far into the workflow.
        #expect(reachedStatuses.count >= 8, "reached only \(reachedStatuses)")
        #expect(refusals > 0)
    }
}
