import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Issue 22, build 6: an alert about a child read whole (space in the alerts pane) is a look at
/// the child. The store writes a `view` event naming the child before the reader shows anything
/// of it; a look the store cannot write closes the reader in words.
@MainActor
@Suite struct AlertViewAuditTests {
    @Test func readingAnAlertWholeWritesOneViewEventBeforeItIsShown() throws {
        let h = try Harness(user: "demo-cp")
        h.press(.char("4"))
        let alert = try #require(h.dashboard.selectedAlert)
        let child = try #require(alert.child, "the demo's first alert is about a child")
        let before = h.database.auditEvents().count
        h.press(.char(" "))
        h.tick()
        let reader = try #require(h.front as? ReaderScreen)
        #expect(reader.audited)
        #expect(h.screen.contains(alert.message), "\(h.screen)")
        let events = Array(h.database.auditEvents().dropFirst(before))
        #expect(events.map(\.action) == [.view])
        #expect(events.first?.child == child && events.first?.summary == "read an alert in full")
        // Reading it again is another look.
        h.press(.escape, .char(" "))
        h.tick()
        #expect(h.database.auditEvents().dropFirst(before).count == 2)
    }

    @Test func anAlertTheStoreCannotAuditIsNotShownAndSaysWhy() throws {
        let h = try Harness(user: "demo-cp", wrap: { RefusingAlertViews($0) })
        h.press(.char("4"))
        let alert = try #require(h.dashboard.selectedAlert)
        let name = try #require(alert.child.flatMap { h.dashboard.child($0)?.displayName })
        h.press(.char(" "))
        h.tick()
        #expect(!(h.front is ReaderScreen))
        #expect(!h.screen.contains("Alert — \(name)"))
        #expect(h.screen.contains("The store cannot write the audit trail (test)."), "\(h.screen)")
    }
}

/// A store whose alert look events cannot be written.
final class RefusingAlertViews: ForwardingStore, @unchecked Sendable {
    override func viewAlert(_ alertID: String, of child: ChildID) throws { throw RefusingReferralViews.Refusal() }
}
