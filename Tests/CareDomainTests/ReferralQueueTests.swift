import Foundation
import Testing
@testable import CareDomain

@Suite("Referral queue and funnel")
struct ReferralQueueTests {
    typealias F = Fixture
    static let otherLiaison = Worker(id: WorkerID(rawValue: "w-li2"), accountName: "t-li2", displayName: "Second Liaison (test)", role: .liaison, unit: "TST")

    func referral(_ id: String, _ status: Referral.Status, since: TimeInterval, urgent: Bool = false, child: String = "c1") -> Referral {
        var referral = F.referral(F.child(1), F.service(), status: status, since: F.now - since, id: id)
        referral.child = ChildID(rawValue: child)
        referral.priority = urgent ? .urgent : .routine
        return referral
    }

    @Test("each view holds its statuses; urgent first, then the longest waiting")
    func views() {
        let all = [
            referral("old", .awaitingReview, since: 3 * F.day),
            referral("new-urgent", .awaitingReview, since: F.hour, urgent: true),
            referral("new", .awaitingReview, since: 2 * F.hour),
            referral("theirs", .awaitingReview, since: 4 * F.day, child: "c-other"),
            referral("ready", .readyToSend, since: F.day + F.hour),
            referral("sent", .sent, since: 8 * F.day),
            referral("waitlisted", .waitlisted, since: 8 * F.day),
            referral("draft", .draft, since: F.day),
            referral("done", .completed, since: F.day),
        ]
        // c1's liaison is the test liaison; c-other's is another liaison; c-none has none.
        let liaisonOf: (ChildID) -> WorkerID? = { $0.rawValue == "c-other" ? Self.otherLiaison.id : $0.rawValue == "c1" ? F.liaison.id : nil }
        func ids(_ view: ReferralQueue.View, _ worker: Worker) -> [String] {
            ReferralQueue.referrals(all, in: view, worker: worker, liaison: liaisonOf).map(\.id.rawValue)
        }
        #expect(ids(.awaitingMyReview, F.liaison) == ["new-urgent", "old", "new"])
        #expect(ids(.awaitingMyReview, Self.otherLiaison) == ["theirs"])
        #expect(ids(.awaitingMyReview, F.supervisor) == ["new-urgent", "theirs", "old", "new"])
        #expect(ids(.readyToSend, F.cp) == ["ready"])
        #expect(ids(.sentNoResponse, F.cp) == ["sent"])
        #expect(ids(.allOpen, F.cp) == ["new-urgent", "sent", "waitlisted", "theirs", "old", "ready", "draft", "new"])
        #expect(ReferralQueue.View.first(for: .liaison) == .awaitingMyReview)
        #expect(ReferralQueue.View.first(for: .childProtection) == .allOpen)
        #expect(ReferralQueue.View.awaitingMyReview.title(for: .supervisor) == "awaiting review")
        // A youth with no liaison on the team waits in every liaison's view.
        let unassigned = [referral("nobody", .awaitingReview, since: F.hour, child: "c-none")]
        #expect(ReferralQueue.referrals(unassigned, in: .awaitingMyReview, worker: Self.otherLiaison, liaison: liaisonOf).count == 1)
    }

    @Test("the funnel counts each step reached and the median days between steps")
    func funnel() throws {
        let child = F.child(1), service = F.service()
        func walk(_ id: String, _ steps: [(ReferralCommand, TimeInterval)]) throws -> Referral {
            var referral = F.referral(child, service, consent: .given, id: id)
            for (command, at) in steps {
                referral = try ReferralWorkflow.apply(command, to: referral, child: child, service: service, actor: F.cp, now: F.now + at)
            }
            return referral
        }
        let d = F.day
        let referrals = [
            try walk("a", [(.submit, 1 * d), (.send, 2 * d), (.accept, 5 * d), (.start, 6 * d), (.complete, 20 * d)]),
            try walk("b", [(.submit, 3 * d), (.send, 4 * d), (.waitlist, 5 * d), (.accept, 9 * d)]),
            try walk("c", [(.submit, 2 * d), (.send, 5 * d), (.decline(reason: "Full (test)"), 6 * d)]),
            try walk("d", [(.submit, 1 * d)]),
            F.referral(child, service, id: "e"),
        ]
        let funnel = ReferralFunnel(referrals)
        #expect(funnel.steps.map(\.stage) == [.drafted, .reviewed, .sent, .accepted, .completed])
        #expect(funnel.steps.map(\.count) == [5, 4, 3, 2, 1])
        #expect(funnel.steps[0].medianDays == nil)
        #expect(funnel.steps[1].medianDays == 1.5, "drafted → reviewed: 1, 3, 2, 1 days")
        #expect(funnel.steps[2].medianDays == 1, "reviewed → sent: 1, 1, 3 days")
        #expect(funnel.steps[3].medianDays == 4, "sent → accepted: 3 and 5 days")
        #expect(funnel.steps[4].medianDays == 15, "accepted → completed: 15 days")
        #expect(ReferralFunnel([]).steps.allSatisfy { $0.count == 0 && $0.medianDays == nil })
    }

    @Test("the demo unit fills every view of the queue for the demo liaison and the demo worker")
    func demoCoversEveryView() throws {
        for seed in [1, 7, 2026] as [UInt64] {
            let unit = DemoGenerator.make(seed: seed, now: F.now)
            let snapshot = unit.snapshot()
            let liaisonOf: (ChildID) -> WorkerID? = { id in snapshot.children.first { $0.id == id }?.team.liaison }
            for account in ["demo-liaison", "demo-cp"] {
                let worker = try #require(unit.worker(account: account))
                for view in ReferralQueue.View.allCases {
                    let rows = ReferralQueue.referrals(snapshot.referrals, in: view, worker: worker, liaison: liaisonOf)
                    #expect(!rows.isEmpty, "seed \(seed): \(view.rawValue) is empty for \(account)")
                }
            }
            let liaison = try #require(unit.worker(account: "demo-liaison"))
            let mine = ReferralQueue.referrals(snapshot.referrals, in: .awaitingMyReview, worker: liaison, liaison: liaisonOf)
            #expect(mine.contains { id in snapshot.children.first { $0.id == id.child }?.indigenousIdentity.isIndigenous == true },
                    "seed \(seed): the liaison reviews at least one youth with a community")
            // Every demo referral asks the unit's questions.
            #expect(unit.referrals.allSatisfy { $0.review.checklist.map(\.question) == unit.checklist.questions })
        }
    }
}
