import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The opened record: every section, scrolling, lazy loading of older contacts, the audit trail.
@MainActor
@Suite struct ChildRecordTests {
    @Test func anOpenedRecordShowsEverySection() throws {
        let h = try Harness(size: Size(width: 120, height: 60))
        h.press(.enter)
        for section in ["── Identity and communities", "── Care and case", "── Missing episodes", "── Indicators", "── Safety plan",
                        "── Referrals", "── Contacts, newest first"] {
            #expect(h.screen.contains(section), "no \(section) section")
        }
        #expect(h.screen.contains("Legal name: "))
    }

    @Test func scrollingToTheEndLoadsOlderContacts() throws {
        let h = try Harness(size: Size(width: 120, height: 32))
        h.press(.enter)
        let firstPage = try #require(h.dashboard.detail?.contacts)
        #expect(firstPage.hasMore, "the demo child has more than one page of contacts")
        let shown = firstPage.contacts.count
        h.press(.end)
        let after = h.dashboard.detail?.contacts.contacts.count ?? 0
        #expect(after > shown)
        let scrolled = h.dashboard.recordScroll
        #expect(scrolled > 0)
        #expect(h.screen.contains("2 Child"))
        // Moving in the open record does not move the caseload selection.
        let selection = h.dashboard.caseloadScroll.selection
        #expect(selection == 0)
    }

    @Test func theAuditTrailIsForSupervisorsAndListsTheView() throws {
        let database = Harness.makeDatabase()
        let cp = try Harness(database: database)
        cp.press(.char("a"))
        #expect(cp.front == nil)
        #expect(cp.screen.contains("cannot read the audit trail"))

        let supervisor = try Harness(user: "demo-supervisor", database: database)
        supervisor.press(.enter, .char("a"))
        guard let overlay = supervisor.front as? AuditTrailScreen else {
            Issue.record("no audit trail in front")
            return
        }
        #expect(overlay.events?.contains { $0.action == .view } == true)
        #expect(supervisor.screen.contains("Audit trail"))
        #expect(supervisor.screen.contains("demo-supervisor"))
        supervisor.press(.char("z"))
        #expect(supervisor.front == nil)
    }

    @Test func quickFiltersNarrowTheListAndSaySo() throws {
        let h = try Harness()
        let all = h.rows.count
        h.press(.function(6))
        #expect(!h.rows.isEmpty && h.rows.count < all)
        let allMissing = h.rows.allSatisfy { $0.isMissing }
        #expect(allMissing)
        #expect(h.screen.contains("missing now"))
        h.press(.function(6))
        #expect(h.rows.count == all)
        h.press(.function(5))
        let me = h.app.state.worker.id
        let allMine = h.rows.allSatisfy { $0.team.includes(me) }
        #expect(allMine)
    }
}

/// The audit trail says what changed, with the old and the new value.
@MainActor
@Suite struct AuditChangesTests {
    @Test func aProfileChangeNamesTheFieldWithOldAndNewValues() throws {
        let h = try Harness(user: "demo-supervisor")
        let child = try #require(h.dashboard.selectedChild.flatMap { h.record(of: $0.id) })
        var changed = child
        changed.riskLevel = child.riskLevel == .low ? .medium : .low
        changed.placement = "Test Foster Home B"
        _ = try h.store.perform(.updateChild(changed))
        h.clock.advance(by: 2)
        h.tick()
        h.press(.enter, .char("a"))
        #expect(h.screen.contains("risk level: \(child.riskLevel.rawValue) → \(changed.riskLevel.rawValue)"))
        #expect(h.screen.contains("placement: \(child.placement) →"))
        #expect(h.screen.contains("Test Foster Home B"), "a long summary wraps rather than being cut")
    }
}

/// Restricted notes the reader does not see are counted, and the words say why: police may not
/// read them; an account of another role has not been given their key yet.
@MainActor
@Suite struct HiddenRestrictedNotesTests {
    final class HidingStore: ForwardingStore, @unchecked Sendable {
        override func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
            var detail = try base.loadDetail(of: child, contactLimit: contactLimit)
            detail.contacts.hiddenRestricted = 2
            return detail
        }
    }

    @Test(arguments: [("demo-police", "2 restricted notes are hidden from the police role."),
                      ("demo-cp", "2 restricted notes are not shown yet: this account has not been given their key")])
    func theWordsSayWhyTheNotesAreNotShown(_ user: String, _ words: String) throws {
        let h = try Harness(size: Size(width: 160, height: 200), user: user, wrap: { HidingStore($0) })
        h.press(.enter)
        #expect(h.screen.contains(words), "\(h.screen)")
    }
}
