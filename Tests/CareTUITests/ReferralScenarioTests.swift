import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A referral from draft to sent, by keyboard, two workers on the same unit: the child
/// protection worker drafts it for a First Nations youth, the liaison reviews it, the worker
/// records consent and sends it; every step is on the referral's timeline with who and when.
@MainActor
@Suite struct ReferralScenarioTests {
    static let minute: TimeInterval = 60

    /// Moves the queue's selection to `referral`, from the top.
    func selectInQueue(_ referral: ReferralID, _ h: Harness) throws {
        let index = try #require(h.dashboard.queue.firstIndex { $0.id == referral }, "the referral is in the view")
        h.press(.home)
        for _ in 0..<index { h.press(.down) }
        #expect(h.dashboard.selectedReferral?.id == referral)
    }

    /// Shows the queue view `view`, pressing v.
    func show(_ view: ReferralQueue.View, _ h: Harness) {
        for _ in 0..<ReferralQueue.View.allCases.count where h.dashboard.referralView != view { h.press(.char("v")) }
    }

    func stored(_ id: ReferralID, _ h: Harness) throws -> Referral {
        try #require(try h.store.loadCaseload().referrals.first { $0.id == id })
    }

    @Test func draftedReviewedConsentedSentWithEveryStepOnTheTimeline() throws {
        let cp = try Harness(user: "demo-cp", idleLimit: 86_400)
        let child = try cp.select { row in
            cp.dashboard.child(row.id)?.indigenousIdentity.affiliations.contains { $0.group == .firstNations } == true
        }
        let before = Set(cp.dashboard.snapshot.referrals.map(\.id))

        // 1. demo-cp drafts a referral: r, choose a service by filtering, the reason, Ctrl-S.
        cp.press(.char("r"))
        guard cp.front is ServicePickerScreen else {
            Issue.record("r did not open the service picker")
            return
        }
        cp.type("youth couns")
        #expect(cp.screen.contains("1 of 12 services"))
        cp.press(.enter)
        #expect(cp.screen.contains("New referral — \(child.displayName) \(child.caseNumber)"))
        #expect(cp.screen.contains("required: the youth names an Indigenous affiliation"), "the review is required automatically")
        // The cursor is in the reason at once: typed at once, nothing is lost (issue 21).
        #expect(cp.form?.focusedField?.id == "reason")
        #expect(cp.terminal.cursor != nil, "the cursor shows where typing goes")
        cp.type("Youth asked for counselling after court (synthetic)")
        #expect(cp.formValue("reason") == "Youth asked for counselling after court (synthetic)")
        let drafted = Harness.demoNow
        cp.press(.ctrl("s"))
        #expect(!cp.formOpen, "\(cp.form?.notice ?? "") \(cp.form?.fields.compactMap(\.error) ?? [])")
        let referral = try #require(cp.dashboard.snapshot.referrals.first { !before.contains($0.id) })
        #expect(try stored(referral.id, cp).status == .awaitingReview, "it lands in awaiting review")
        #expect(referral.service == cp.dashboard.snapshot.services.first { $0.name == "Youth Counselling (demo)" }?.id)

        // 2. demo-liaison signs in on the same unit, lands on "awaiting my review", opens it.
        let liaison = try Harness(user: "demo-liaison", database: cp.database, idleLimit: 86_400)
        liaison.clock.advance(by: 30 * Self.minute)
        #expect(liaison.focus == .referrals && liaison.dashboard.referralView == .awaitingMyReview)
        #expect(liaison.screen.contains("Referral queue (") && liaison.screen.contains("awaiting my review)"))
        try selectInQueue(referral.id, liaison)
        liaison.press(.enter)
        guard let review = liaison.front as? ReviewScreen else {
            Issue.record("Enter did not open the review for the liaison")
            return
        }
        #expect(liaison.screen.contains("Cultural-safety review — \(child.displayName)"))
        for affiliation in child.indigenousIdentity.affiliations { #expect(liaison.screen.contains(affiliation.community)) }
        #expect(liaison.screen.contains("Service: Youth Counselling (demo)"))

        // One question answered "no" without a comment: refused, in words, nothing saved.
        liaison.press(.char("n"))
        for _ in 1..<review.questions.count { liaison.press(.tab, .tab, .char("y")) }
        liaison.press(.ctrl("s"))
        #expect(liaison.screen.contains("Not approved: An approval with a \"no\" needs a comment"))
        #expect(liaison.screen.contains("⚠ A \"no\" needs a comment here"))
        #expect(try stored(referral.id, liaison).status == .awaitingReview)
        guard let refused = liaison.front as? ReviewScreen else {
            Issue.record("the review closed after a refusal")
            return
        }
        #expect(refused.focus == 1, "the cursor waits in the comment that is missing")
        #expect(refused.answers().checklist.map(\.answer) == [.no] + Array(repeating: .yes, count: review.questions.count - 1),
                "every answer is kept")

        // The comment, then approve.
        liaison.type("Youth wants family involved later, not now (synthetic)")
        let reviewed = Harness.demoNow.addingTimeInterval(30 * Self.minute)
        liaison.press(.ctrl("s"))
        #expect(liaison.front == nil, "the review closes once approved")
        let approved = try stored(referral.id, liaison)
        #expect(approved.status == .readyToSend)
        #expect(approved.review.checklist[0].comment == "Youth wants family involved later, not now (synthetic)")
        #expect(liaison.dashboard.queue.allSatisfy { $0.id != referral.id }, "it leaves the liaison's view")

        // 3. demo-cp sees it ready to send (the change feed), tries to send without consent.
        cp.clock.advance(by: 60 * Self.minute)
        cp.tick()
        cp.tick()
        cp.press(.char("3"))
        show(.readyToSend, cp)
        try selectInQueue(referral.id, cp)
        cp.press(.char("S"))
        #expect(cp.front == nil, "no question is asked: sending is refused")
        #expect(cp.screen.contains("A referral can only be sent with the youth's consent given (consent is pending)."))
        #expect(try stored(referral.id, cp).status == .readyToSend)

        // Records consent: given, by the youth, now.
        cp.press(.char("c"))
        #expect(cp.screen.contains("Record consent to Youth Counselling (demo) — \(child.displayName)"), "the service is named too")
        cp.press(.char("g"), .tab)
        cp.type("the youth (synthetic)")
        let consented = Harness.demoNow.addingTimeInterval(60 * Self.minute)
        cp.press(.ctrl("s"))
        #expect(!cp.formOpen, "\(cp.form?.notice ?? "") \(cp.form?.fields.compactMap(\.error) ?? [])")

        // Sends: the question names the service and the consent; yes sends.
        cp.clock.advance(by: 5 * Self.minute)
        let sent = Harness.demoNow.addingTimeInterval(65 * Self.minute)
        cp.press(.char("S"))
        #expect(cp.screen.contains("Send the referral of \(child.displayName) to Youth Counselling (demo)?"))
        cp.answerYes()
        let final = try stored(referral.id, cp)
        #expect(final.status == .sent)

        // 4. The timeline: every step with who and when, as stored and as shown.
        let cpWorker = cp.app.state.worker, liaisonWorker = liaison.app.state.worker
        #expect(final.timeline.map(\.to) == [.awaitingReview, .readyToSend, .sent])
        #expect(final.timeline.map(\.by) == [cpWorker.id, liaisonWorker.id, cpWorker.id])
        #expect(final.timeline.map(\.at) == [drafted, reviewed, sent])
        #expect(final.consent.recordedBy == cpWorker.id && final.consent.at == consented)

        show(.sentNoResponse, cp)
        try selectInQueue(referral.id, cp)
        cp.press(.enter)
        guard cp.front is ReferralScreen else {
            Issue.record("Enter did not open the referral's screen")
            return
        }
        let zone = cp.app.state.zone
        let expected = [
            (drafted, "drafted", cpWorker.displayName),
            (drafted, "draft → awaiting review", cpWorker.displayName),
            (reviewed, "awaiting review → ready to send", liaisonWorker.displayName),
            (consented, "consent given (by the youth (synthetic))", cpWorker.displayName),
            (sent, "ready to send → sent", cpWorker.displayName),
        ]
        let timeline = try #require(cp.lines.firstIndex { $0.contains("Timeline") })
        let shown = cp.lines.dropFirst(timeline + 1).prefix(expected.count)
        for ((at, what, who), line) in zip(expected, shown) {
            #expect(line.contains("\(TimeText.format(at, zone: zone))  \(what) · \(who)"), "\(line)")
        }
        #expect(cp.screen.contains("1. NO   Youth consulted"), "the review shows every answer")
        #expect(cp.screen.contains("comment: Youth wants family involved later"))

        // Every step is in the audit trail too, by who took it, and each look at it: the
        // liaison's review and the worker's detail just now.
        let events = cp.database.auditEvents().filter { $0.targetID == referral.id.rawValue }
        #expect(events.map(\.summary) == [
            "referral drafted (routine) and submitted: draft → awaiting review",
            "viewed a referral in full",
            "referral awaiting review → ready to send",
            "referral updated: consent given",
            "referral ready to send → sent",
            "viewed a referral in full",
        ])
        #expect(events.map(\.actor) == [cpWorker.id, liaisonWorker.id, liaisonWorker.id, cpWorker.id, cpWorker.id, cpWorker.id])
    }
}
