import CareDomain
import CareStore
import Foundation
import Testing

/// The liaison's path on the real binary, from the login screen to an approved review: lands on
/// what awaits their review, opens it, is refused a bare "no", comments, approves.
@Suite(.serialized)
struct ReferralReviewInTmuxTests {
    @Test func aLiaisonSignsInReviewsAndApprovesWithACommentOnTheirNo() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: "\(Fixture.careBinary) --store \(demo.store) --user demo-liaison", environment: demo.environment)
        try tmux.waitFor(timeout: 30) { $0.contains("sign in") && $0.contains("demo-liaison") }
        try tmux.type("demo")
        try tmux.send("Enter")
        let landed = try tmux.waitFor(timeout: 30) { $0.contains("awaiting my review)") && $0.contains("AWAITING REVIEW") }
        #expect(landed.contains("▸my review"), "the liaison lands on the referrals awaiting their review")

        try tmux.send("Enter")
        let review = try tmux.waitFor("Cultural-safety review —")
        #expect(review.contains("Youth:") && review.contains("Service:"))
        #expect(review.contains("1. Youth consulted on the choice of service"))

        // "no" on the first question, "yes" on the other five, no comment: refused.
        try tmux.send("n")
        for _ in 0..<5 { try tmux.send("Tab", "Tab", "y") }
        try tmux.send("C-s")
        let refused = try tmux.waitFor("Not approved")
        #expect(refused.contains("needs a comment"))

        try tmux.type("Youth wants to wait before family joins (synthetic)")
        try tmux.send("C-s")
        try tmux.waitFor("Saved: referral awaiting review → ready to send")

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let snapshot = try store.loadCaseload()
        let liaison = try #require(snapshot.workers.first { $0.accountName == "demo-liaison" })
        let approved = try #require(snapshot.referrals.first { $0.review.reviewer == liaison.id && $0.review.decision == .approved })
        #expect(approved.status == .readyToSend)
        #expect(approved.review.checklist.first?.answer == CulturalSafetyReview.Answer.no)
        #expect(approved.review.checklist.first?.comment == "Youth wants to wait before family joins (synthetic)")
        #expect(approved.timeline.last?.by == liaison.id)
    }

    @Test func theDemoOpensOnTheReferralsAwaitingTheLiaisonsReview() throws {
        let demo = try DemoTemplate.copy()
        let tmux = try TmuxSession(command: "\(Fixture.careBinary) demo --store \(demo.store) --user demo-liaison",
                                   environment: Fixture.environment(scratch: demo.scratch))
        let screen = try tmux.waitFor(timeout: 60) { $0.contains("Referral queue (") && $0.contains("AWAITING REVIEW") }
        #expect(screen.contains("┏ 3 Referral queue ("), "the queue has the focus (heavy border)")
        #expect(screen.contains("awaiting my review)"))
        #expect(screen.contains("▸my review"))
    }
}
