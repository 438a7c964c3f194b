import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Attack 6: Enter on a referral in the queue shows its reason, consent, review and timeline.
/// The store writes a `view` event naming the referral before any of it is shown; a view the
/// store cannot write shows nothing of the referral and says why.
@MainActor
@Suite struct ReferralViewAuditTests {
    /// The referral the queue shows first in its "sent, no response" view (a child protection
    /// worker's Enter opens the referral screen there, not the review).
    func openFirstSent(_ h: Harness) throws -> Referral {
        h.press(.char("3"))
        for _ in ReferralQueue.View.allCases where h.dashboard.referralView != .sentNoResponse { h.press(.char("v")) }
        let referral = try #require(h.dashboard.selectedReferral)
        h.press(.enter)
        return referral
    }

    @Test func openingAReferralWritesOneViewEventBeforeItsReasonIsShown() throws {
        let h = try Harness(user: "demo-cp")
        let before = h.database.auditEvents().count
        let referral = try openFirstSent(h)
        h.tick()
        #expect(h.front is ReferralScreen)
        #expect(h.screen.contains("Timeline"))
        let events = h.database.auditEvents().dropFirst(before).filter { $0.targetID == referral.id.rawValue }
        #expect(events.map(\.action) == [.view])
        #expect(events.first?.child == referral.child && events.first?.summary == "viewed a referral in full")
    }

    @Test func aReferralViewTheStoreCannotAuditShowsNothingOfIt() throws {
        let h = try Harness(user: "demo-cp", wrap: { RefusingReferralViews($0) })
        let referral = try openFirstSent(h)
        h.tick()
        #expect(!(h.front is ReferralScreen))
        #expect(!h.screen.contains("Timeline"))
        #expect(!h.screen.contains(String(referral.reason.prefix(30))))
        #expect(h.screen.contains("The store cannot write the audit trail (test)."))
    }
}

/// The liaison's review shows the youth's identity, every community and its representative, and
/// the referral's reason: a look like the detail, audited before any of it is shown (issue 22,
/// "every look at a child is audited").
@MainActor
@Suite struct ReviewViewAuditTests {
    @Test func openingAReviewWritesOneViewEventBeforeTheYouthIsShown() throws {
        let h = try Harness(user: "demo-liaison")
        let before = h.database.auditEvents().count
        h.press(.enter)
        h.tick()
        let review = try #require(h.front as? ReviewScreen)
        #expect(review.audited)
        #expect(h.screen.contains("Youth: "))
        let events = h.database.auditEvents().dropFirst(before).filter { $0.targetID == review.referral.rawValue }
        #expect(events.map(\.action) == [.view])
    }

    @Test func aReviewTheStoreCannotAuditShowsNothingOfTheYouth() throws {
        let h = try Harness(user: "demo-liaison", wrap: { RefusingReferralViews($0) })
        h.press(.enter)
        h.tick()
        #expect(!(h.front is ReviewScreen))
        #expect(!h.screen.contains("Youth: "))
        #expect(h.screen.contains("The store cannot write the audit trail (test)."))
    }
}

/// A store whose referral view event cannot be written.
final class RefusingReferralViews: ForwardingStore, @unchecked Sendable {
    struct Refusal: ErrorInWords {
        var description: String { "The store cannot write the audit trail (test)." }
    }

    override func viewReferral(_ referral: ReferralID, of child: ChildID) throws { throw Refusal() }
}

/// Attack 6, the handover screen: every card shows a child's whereabouts and last-seen place.
/// Each card shown is a `view` event of its child, written before any card is drawn; a store
/// that cannot write them shows no card.
@MainActor
@Suite struct HandoverLookAuditTests {
    static func screen(_ h: Harness) -> HandoverScreen? { h.front as? HandoverScreen }

    @Test func openingTheHandoverWritesOneViewEventPerCardBeforeAnyCardIsShown() throws {
        let h = try Harness(size: Size(width: 120, height: 32))
        let before = h.database.auditEvents().count
        h.press(.char("H"))
        let screen = try #require(Self.screen(h))
        let cards = try #require(screen.report?.cards)
        #expect(!cards.isEmpty)
        #expect(screen.isLookAudited)
        let looks = h.database.auditEvents().dropFirst(before).filter { $0.action == .view }
        #expect(looks.map(\.child) == cards.map(\.child))
        #expect(looks.allSatisfy { $0.summary.hasPrefix("viewed the child's card on the handover of ") })
        // Reading the shift again (a tick's refresh) writes nothing more for the same cards.
        h.tick()
        #expect(h.database.auditEvents().dropFirst(before).filter { $0.action == .view }.count == cards.count)
    }

    @Test func aHandoverLookTheStoreCannotAuditShowsNoCard() throws {
        let h = try Harness(size: Size(width: 120, height: 32), wrap: { RefusingHandoverLooks($0) })
        h.press(.char("H"))
        let screen = try #require(Self.screen(h))
        let cards = try #require(screen.report?.cards)
        #expect(!screen.isLookAudited)
        #expect(h.screen.contains("Recording this look in the audit trail…"))
        for card in cards.prefix(3) {
            let name = try #require(h.dashboard.child(card.child)?.displayName)
            #expect(!h.screen.contains(name), "\(name) is not shown")
        }
    }
}

/// A store whose handover look events cannot be written.
final class RefusingHandoverLooks: ForwardingStore, @unchecked Sendable {
    override func viewHandover(children: [ChildID], shift: String) throws { throw RefusingReferralViews.Refusal() }
}
