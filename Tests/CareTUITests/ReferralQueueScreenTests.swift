import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The referral queue pane and the screens over it, headless: where each role lands, the views,
/// every key disabled with its reason, the picker, the review, the override, the funnel.
@MainActor
@Suite struct ReferralQueueScreenTests {
    func stored(_ id: ReferralID, _ h: Harness) throws -> Referral {
        try #require(try h.store.loadCaseload().referrals.first { $0.id == id })
    }

    /// Selects the first referral of the current view that satisfies `condition`.
    @discardableResult
    func selectReferral(_ h: Harness, where condition: (Referral) -> Bool) throws -> Referral {
        let found = h.dashboard.queue.firstIndex(where: condition)
        let index = try #require(found, "no such referral in \(h.dashboard.referralView)")
        h.press(.home)
        for _ in 0..<index { h.press(.down) }
        return try #require(h.dashboard.selectedReferral)
    }

    func show(_ view: ReferralQueue.View, _ h: Harness) {
        for _ in 0..<ReferralQueue.View.allCases.count where h.dashboard.referralView != view { h.press(.char("v")) }
    }

    @Test func aLiaisonLandsOnWhatAwaitsTheirReviewOthersOnTheCaseload() throws {
        let liaison = try Harness(user: "demo-liaison")
        #expect(liaison.focus == .referrals)
        #expect(liaison.dashboard.referralView == .awaitingMyReview)
        #expect(!liaison.dashboard.queue.isEmpty)
        #expect(liaison.dashboard.queue.allSatisfy { $0.status == .awaitingReview })
        #expect(liaison.screen.contains("▸my review"))
        let cp = try Harness(user: "demo-cp")
        #expect(cp.focus == .caseload)
        #expect(cp.dashboard.referralView == .allOpen)
        #expect(PaneID.referrals.keyChain.contexts == [.referrals, .list, .dashboard, .global])
        #expect(DefaultKeymap.make().conflicts().isEmpty)
    }

    @Test func vWalksTheViewsEachSortedUrgentFirstThenLongestWaiting() throws {
        let h = try Harness(user: "demo-cp")
        h.press(.char("3"))
        var seen: [ReferralQueue.View] = []
        for _ in ReferralQueue.View.allCases {
            h.press(.char("v"))
            seen.append(h.dashboard.referralView)
            let queue = h.dashboard.queue
            #expect(!queue.isEmpty, "\(h.dashboard.referralView) is empty in the demo")
            #expect(queue == queue.sorted(by: ReferralQueue.precedes))
            #expect(h.screen.contains("Referral queue (\(queue.count) \(h.dashboard.referralView.title(for: .childProtection)))"))
            let statuses = Set(queue.map(\.status))
            switch h.dashboard.referralView {
            case .awaitingMyReview: #expect(statuses == [.awaitingReview])
            case .readyToSend: #expect(statuses == [.readyToSend])
            case .sentNoResponse: #expect(statuses == [.sent])
            case .allOpen: #expect(statuses.allSatisfy { !$0.isFinal } && statuses.contains(.draft))
            }
        }
        #expect(Set(seen) == Set(ReferralQueue.View.allCases))
        // Each row: status, age in status, child, service.
        let first = try #require(h.dashboard.queue.first)
        let row = try #require(h.line(containing: first.status.rawValue.uppercased()))
        #expect(row.contains(Durations.short(from: first.statusSince, to: Harness.demoNow)))
        #expect(row.contains(String(h.app.state.name(ofChild: first.child).prefix(8))))
    }

    @Test func everyReferralKeyIsOffWithTheTablesReasonForARoleOrStatusThatForbidsIt() throws {
        // A child protection worker on a referral awaiting review.
        let cp = try Harness(user: "demo-cp")
        cp.press(.char("3"))
        show(.awaitingMyReview, cp)
        let waiting = try selectReferral(cp) { _ in true }
        cp.press(.char("a"))
        #expect(cp.front == nil)
        #expect(cp.screen.contains("A child protection worker cannot approve or return a review; ask an Indigenous liaison."))
        cp.press(.char("x"))
        #expect(cp.screen.contains("A child protection worker cannot approve or return a review; ask an Indigenous liaison."))
        cp.press(.char("S"))
        #expect(cp.screen.contains("A referral that is awaiting review cannot be sent."))
        cp.press(.char("u"))
        #expect(cp.screen.contains("It awaits a liaison's review: a approves, x returns."))
        #expect(try stored(waiting.id, cp) == waiting, "nothing changed")

        // The help says the same beside each key, and the hint line greys them.
        cp.press(.char("?"))
        #expect(cp.screen.contains("not now: A child protection worker cannot approve or return a review"))
        cp.press(.escape)
        let hints = HintLine.hints(in: cp.app.state)
        #expect(hints.first { $0.label == "approve" }?.enabled == false)
        #expect(hints.first { $0.label == "withdraw" }?.enabled == true)

        // Police may take no step at all.
        let police = try Harness(user: "demo-police")
        police.press(.char("3"))
        try selectReferral(police) { $0.status == .readyToSend }
        // Each refusal names the act refused (issue 21: withdraw and consent said "create").
        for (key, words) in [("S", "A police officer cannot send a referral"), ("w", "A police officer cannot withdraw a referral"),
                             ("c", "A police officer cannot record a youth's consent to a referral"),
                             ("e", "A police officer cannot edit a referral"), ("u", "A police officer cannot send a referral")] {
            police.press(.char(Character(key)))
            #expect(police.front == nil, "\(key)")
            #expect(police.screen.contains(words), "\(key)")
        }
        // And r on a child's record.
        police.press(.char("1"), .char("r"))
        #expect(police.screen.contains("A police officer cannot create a referral; ask a child protection worker, an Indigenous liaison or a supervisor."))
    }

    @Test func thePickerFiltersAsYouTypeWithoutAccentsAndOnlyASupervisorEditsTheCatalogue() throws {
        let cp = try Harness(user: "demo-cp")
        cp.press(.char("r"))
        cp.type("metis")
        guard let picker = cp.front as? ServicePickerScreen else {
            Issue.record("no picker")
            return
        }
        #expect(picker.matches(cp.dashboard.snapshot.services).map(\.name) == ["Family Support Circle (demo)"], "the provider is written Métis")
        cp.type("zzz")
        #expect(cp.screen.contains("No service matches \"metiszzz\""))
        cp.press(.enter)
        #expect(cp.screen.contains("No service matches the filter."))
        cp.press(.ctrl("n"))
        #expect(cp.screen.contains("A child protection worker cannot edit the services catalogue; ask a supervisor."))
        cp.press(.escape)
        #expect(cp.front == nil)

        // A supervisor adds a service from the catalogue (C), and it is there to choose at once.
        let supervisor = try Harness(user: "demo-supervisor")
        supervisor.press(.char("C"), .ctrl("n"))
        #expect(supervisor.screen.contains("New service"))
        supervisor.type("Test Sweat Lodge Circle (synthetic)")
        supervisor.press(.tab, .char("I"), .tab)
        supervisor.type("Example Provider (synthetic)")
        supervisor.press(.tab, .right, .tab, .right, .tab, .tab)
        supervisor.type("Test North (synthetic)")
        supervisor.press(.ctrl("s"))
        #expect(!supervisor.formOpen, "\(supervisor.form?.fields.compactMap(\.error) ?? [])")
        let added = try #require(try supervisor.store.loadCaseload().services.first { $0.name == "Test Sweat Lodge Circle (synthetic)" })
        #expect(added.category == .indigenousHealing && added.indigenousLed && added.culturallySpecific)
        #expect(added.languages == ["English"] && added.region == "Test North (synthetic)")
        supervisor.type("sweat")
        #expect(supervisor.screen.contains("1 of 13 services"))
    }

    @Test func aReturnNeedsTheCommentAndLandsBackWithTheWorkerMarkedReturned() throws {
        let liaison = try Harness(user: "demo-liaison")
        let referral = try selectReferral(liaison) { _ in true }
        liaison.press(.enter)
        liaison.press(.char("y"))
        liaison.press(.ctrl("r"))
        #expect(liaison.screen.contains("Not returned: Please give a comment saying why the referral is returned."))
        #expect(try stored(referral.id, liaison).status == .awaitingReview)
        liaison.type("Please ask the youth whether an Elder should join (synthetic)")
        liaison.press(.ctrl("r"))
        #expect(liaison.front == nil)
        let returned = try stored(referral.id, liaison)
        #expect(returned.status == .draft && returned.review.decision == .returned)
        #expect(returned.timeline.last?.note == "Please ask the youth whether an Elder should join (synthetic)")
        // The answer given before returning is kept, and the next review starts from it.
        #expect(returned.review.checklist.first?.answer == .yes)
        #expect(returned.review.checklist.dropFirst().allSatisfy { $0.answer == nil })

        let cp = try Harness(user: "demo-cp", database: liaison.database)
        cp.press(.char("3"))
        let name = String(cp.app.state.name(ofChild: referral.child).prefix(6))
        #expect(cp.lines.contains { $0.contains("RETURNED") && $0.contains(name) }, "\(cp.screen)")
    }

    @Test func aSupervisorOverridesOnlyWithAReasonAndTheReferralSaysSo() throws {
        let supervisor = try Harness(user: "demo-supervisor")
        supervisor.press(.char("3"))
        show(.awaitingMyReview, supervisor)
        let referral = try selectReferral(supervisor) { _ in true }
        supervisor.press(.char("a"))
        #expect(supervisor.screen.contains("Override the review"))
        supervisor.press(.ctrl("s"))
        #expect(supervisor.formOpen, "a reason is required")
        supervisor.type("Liaison on leave; youth asked to start this week (synthetic)")
        supervisor.press(.ctrl("s"))
        #expect(!supervisor.formOpen)
        let overridden = try stored(referral.id, supervisor)
        #expect(overridden.status == .readyToSend && overridden.review.decision == .overridden)
        show(.readyToSend, supervisor)
        try selectReferral(supervisor) { $0.id == referral.id }
        supervisor.press(.enter)
        #expect(supervisor.screen.contains("SUPERVISOR OVERRIDE by Casey Supervisor-Demo (demo)"))
        #expect(supervisor.screen.contains("Reason: Liaison on leave; youth asked to start this week (synthetic)"))
        #expect(supervisor.screen.contains("awaiting review → ready to send (override)"))
    }

    @Test func theServicesAnswerAndWithdrawalGoThroughTheirFormsAndNeedTheirWords() throws {
        let h = try Harness(user: "demo-cp")
        h.press(.char("3"))
        show(.sentNoResponse, h)
        let sent = try selectReferral(h) { _ in true }
        h.press(.char("u"))
        // The title names the service as well as the child (issue 21).
        let service = try #require(h.dashboard.service(sent.service)?.name)
        #expect(h.screen.contains("Update the referral to \(service) — "), "\(h.screen)")
        // The choices are the table's steps from "sent": accepted, waitlisted, declined.
        guard let form = h.front as? FormScreen, let status = form.form as? ReferralStatusForm else {
            Issue.record("no status form")
            return
        }
        #expect(status.steps == [.accept, .waitlist, .decline])
        h.press(.right, .right)
        #expect(h.formValue("step") == "the service declined (give the reason)")
        h.press(.ctrl("s"))
        #expect(h.formOpen, "a decline without its reason is refused and the form stays")
        #expect(h.screen.contains("Please give the reason the service declined."))
        h.press(.tab)
        h.type("No space until spring (synthetic)")
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        #expect(try stored(sent.id, h).status == .declined)
        #expect(!h.dashboard.queue.contains { $0.id == sent.id }, "declined is final: it leaves the queue")

        show(.allOpen, h)
        let open = try selectReferral(h) { $0.status == .accepted }
        h.press(.char("w"), .ctrl("s"))
        #expect(h.formOpen)
        h.type("Youth moved out of the region (synthetic)")
        h.press(.ctrl("s"))
        #expect(try stored(open.id, h).status == .withdrawn)
        #expect(try stored(open.id, h).timeline.last?.note == "Youth moved out of the region (synthetic)")
    }

    /// The service's answer in its words ("intake booked…") was saved nowhere: the form took it
    /// as a reason and dropped it unless the step was a decline.
    @Test func theServicesWordsWithAnAcceptanceStayOnTheTimeline() throws {
        let h = try Harness(user: "demo-cp")
        h.press(.char("3"))
        show(.sentNoResponse, h)
        let sent = try selectReferral(h) { _ in true }
        h.press(.char("u"))
        #expect(h.formValue("step") == "the service accepted the youth")
        h.press(.tab)
        h.type("Intake booked for Tuesday 10:00 (synthetic)")
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        let accepted = try stored(sent.id, h)
        #expect(accepted.status == .accepted)
        #expect(accepted.timeline.last?.note == "Intake booked for Tuesday 10:00 (synthetic)")
    }

    /// The liaison's review cut the referral's reason and the youth's communities to half its
    /// width, with no way to read them whole; Ctrl-O opens them in the reader and Esc goes back
    /// to the answers as they were.
    @Test func theLiaisonReadsTheYouthTheServiceAndTheReasonWhole() throws {
        let liaison = try Harness(size: Size(width: 80, height: 24), user: "demo-liaison")
        liaison.press(.enter)
        guard let review = liaison.front as? ReviewScreen else {
            Issue.record("no review opened: \(liaison.screen)")
            return
        }
        let referral = try #require(liaison.dashboard.referral(review.referral))
        liaison.press(.char("n"))
        liaison.press(.ctrl("o"))
        #expect(liaison.front is ReaderScreen)
        #expect(liaison.screen.contains("Referral under review"), "\(liaison.screen)")
        let reader = try #require(liaison.front as? ReaderScreen)
        #expect(reader.document.paragraphs.contains(referral.reason))
        #expect(reader.document.paragraphs.contains { $0.hasPrefix("Languages:") } && reader.document.paragraphs.contains { $0.hasPrefix("Service:") })
        liaison.press(.escape)
        let back = try #require(liaison.front as? ReviewScreen)
        #expect(back.answers().checklist[0].answer == .no, "the answer given before reading is kept")
    }

    @Test func aReviewUnderWayIsKeptBehindTheLockAndQuitAsksFirst() throws {
        let liaison = try Harness(user: "demo-liaison")
        liaison.press(.enter, .char("n"), .tab)
        liaison.type("Needs an interpreter (synthetic)")
        liaison.press(.ctrl("x"))
        #expect(liaison.locked)
        #expect(!liaison.screen.contains("Cultural-safety review"), "nothing of the review is drawn while locked")
        for key in Harness.passphrase { liaison.press(.char(key)) }
        liaison.press(.enter)
        #expect(!liaison.locked)
        guard let review = liaison.front as? ReviewScreen else {
            Issue.record("the review did not survive the lock")
            return
        }
        #expect(review.answers().checklist[0].answer == CulturalSafetyReview.Answer.no)
        #expect(review.answers().checklist[0].comment == "Needs an interpreter (synthetic)")
        liaison.press(.char("q"))
        #expect(!liaison.app.state.quitRequested, "q is typed into the comment, not quitting")
        if let typed = liaison.front as? ReviewScreen { #expect(typed.answers().checklist[0].comment.hasSuffix("q")) }
        liaison.press(.ctrl("c"))
        #expect(liaison.screen.contains("Quit and discard the answers of the open review?"), "answers count as unsaved input")
        liaison.press(.char("y"))
        #expect(liaison.front is QuestionScreen, "no letter answers a question")
        #expect(!liaison.app.state.quitRequested)
        liaison.press(.escape)
        #expect(!liaison.app.state.quitRequested)
        liaison.press(.escape)
        #expect(liaison.screen.contains("Discard the answers of this review?"))
    }

    @Test func masksHideTheYouthsCommunitiesOnTheReview() throws {
        let liaison = try Harness(user: "demo-liaison")
        let referral = try #require(liaison.dashboard.selectedReferral)
        let child = try #require(liaison.dashboard.child(referral.child))
        liaison.press(.char("M"), .enter)
        #expect(liaison.screen.contains("Identity and communities: (masked; M shows them)"))
        for affiliation in child.indigenousIdentity.affiliations { #expect(!liaison.screen.contains(affiliation.community)) }
        #expect(!liaison.screen.contains(child.legalName))
    }

    @Test func theFunnelSitsBesideTheQueueWhenThePaneIsWideEnoughInBlocksAndNumbers() throws {
        let narrow = try Harness(size: Size(width: 80, height: 24), user: "demo-supervisor")
        narrow.press(.char("3"))
        let funnel = ReferralFunnel(narrow.dashboard.snapshot.referrals)
        let header = try #require(narrow.line(containing: "Funnel · median days per step"))
        #expect(header.contains("│"))
        for step in funnel.steps {
            let line = try #require(narrow.line(containing: step.stage.rawValue + " "), "\(step.stage)")
            #expect(line.contains(" \(step.count)"), "\(line)")
            if step.count > 0 { #expect(line.unicodeScalars.contains { (0x2588...0x258F).contains($0.value) }, "a bar of blocks: \(line)") }
            if let days = step.medianDays { #expect(line.contains(ReferralFunnelView.days(days)), "\(line)") }
        }
        // Four panes at 120 columns leave the queue too narrow for it.
        let wide = try Harness(size: Size(width: 120, height: 32), user: "demo-supervisor")
        #expect(wide.line(containing: "Funnel ·") == nil)
    }
}
