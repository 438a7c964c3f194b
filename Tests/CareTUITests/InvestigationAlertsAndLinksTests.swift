import CareDomain
import Foundation
import Testing
import TextUI
@testable import CareTUI

/// The investigation records on the dashboard and kept up to date, headless on the demo unit:
/// the pattern alert for police and supervisors only, changing and removing a link from a
/// person's screen, the children missing now first there, and a screen read again when another
/// session saves.
@MainActor
@Suite struct InvestigationAlertsAndLinksTests {
    static let demoK = "Demo K. (fictional)"
    static let patternWords = "Pattern: Demo K. (fictional) linked to 4 children within 90 days"

    /// Focuses the alerts and moves to the first alert `rule` raised.
    func selectAlert(_ rule: AlertRule, in h: Harness) throws {
        h.press(.char("4"))
        let index = try #require(h.dashboard.alerts.firstIndex { $0.rule == rule })
        h.press(.home)
        for _ in 0..<index { h.press(.down) }
        #expect(h.dashboard.selectedAlert?.rule == rule)
    }

    @Test func policeSeeThePatternAlertAuditedAndEnterOpensThePerson() throws {
        let h = try Harness(user: "demo-police")
        let alert = try #require(h.dashboard.alerts.first { $0.rule == .pattern })
        #expect(alert.message == Self.patternWords && alert.child == nil && alert.severity == .warning)
        let demoK = try #require(h.database.allRecords(PersonOfInterest.self).first { $0.name == Self.demoK })
        #expect(h.database.auditEvents().contains { $0.action == .view && $0.targetKind == .personOfInterest && $0.targetID == demoK.id.rawValue },
                "the person named in the alert was audited as seen")
        try selectAlert(.pattern, in: h)
        #expect(h.screen.contains("▲ WARNING  Pattern: Demo K. (fictional) linked to 4 children"), "the pane cuts the line at its width")
        #expect(h.screen.contains("Enter open") && !h.screen.contains("go to child"), "the hint does not promise a child")
        h.press(.enter)
        #expect(h.front is InvestigationTargetScreen)
        #expect(h.screen.contains("Person of interest — \(Self.demoK)"))
        h.press(.escape)

        // The handover, which every role reads, does not carry it.
        h.press(.char("H"))
        #expect(h.front is HandoverScreen)
        #expect(!h.screen.contains("Pattern:"))
    }

    @Test(arguments: ["demo-cp", "demo-liaison"])
    func childProtectionAndLiaisonsSeeNoPatternAlert(user: String) throws {
        let h = try Harness(user: user)
        #expect(!h.dashboard.allAlerts.contains { $0.rule == .pattern })
        #expect(!h.screen.contains("Pattern:"))
        #expect(!h.database.auditEvents().contains { $0.targetKind == .personOfInterest }, "nothing was read for them")
    }

    @Test func policeChangeALinkAndRemoveAnotherOnThePersonsScreenEachAudited() throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        h.type("demo k")
        h.press(.enter)
        let screen = try #require(h.front as? InvestigationTargetScreen)
        #expect(h.screen.contains("4 children, 4 links"))
        let first = try #require(screen.selected(h.app.state.env))

        h.press(.char("c"))
        #expect(h.form?.title == "Change the link to \(Self.demoK)")
        #expect(h.formValue("note") == first.note, "the form opens with what the link says")
        h.press(.tab, .tab, .tab)
        h.type(" Confirmed by the school (test).")
        h.press(.ctrl("s"))
        #expect(h.message == "Saved: changed an investigation link.", "said: \(h.message ?? "nothing")")
        let changed = try #require(h.database.record(InvestigationLink.self, id: first.id.rawValue))
        #expect(changed.note == first.note + " Confirmed by the school (test).")
        #expect(changed.version == first.version + 1 && changed.date == first.date && changed.child == first.child)
        #expect((h.front as? InvestigationTargetScreen)?.file?.links.first { $0.id == first.id }?.note == changed.note,
                "the screen read the link again")

        h.press(.char("-"))
        #expect(h.form?.title == "Remove the link to \(Self.demoK)")
        h.press(.ctrl("s"))
        #expect(h.form != nil, "a removal needs its reason")
        h.type("Entered against the wrong child (test).")
        h.press(.ctrl("s"))
        #expect(h.message == "Saved: removed an investigation link.", "said: \(h.message ?? "nothing")")
        let removed = try #require(h.database.record(InvestigationLink.self, id: first.id.rawValue))
        #expect(removed.removal?.reason == "Entered against the wrong child (test).", "the link stays, with its removal")
        #expect(h.screen.contains("3 children, 3 links"))
        let events = h.database.auditEvents().filter { $0.targetKind == .investigationLink && $0.targetID == first.id.rawValue }
        #expect(events.map(\.action).contains(.update))
        #expect(events.contains { $0.summary.contains("changed an investigation link") })
        #expect(events.contains { $0.summary.contains("removed an investigation link") })
    }

    @Test func aChildProtectionWorkerCannotChangeALink() throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        h.type("demo k")
        h.press(.enter)
        // The screen refuses for a role without the permission (reached here as police, asked as cp).
        let screen = try #require(h.front as? InvestigationTargetScreen)
        let cp = try Harness(user: "demo-cp", database: h.database)
        #expect(screen.disabledReason(.editLink, cp.app.state.env)?.contains("cannot") == true)
        #expect(screen.disabledReason(.removeLink, cp.app.state.env)?.contains("cannot") == true)
    }

    @Test func aPersonsScreenListsTheChildrenMissingNowFirst() throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        h.type("demo k")
        h.press(.enter)
        let screen = try #require(h.front as? InvestigationTargetScreen)
        let env = h.app.state.env
        let missing = screen.links(env).map { InvestigationWords.isMissing($0.child, env: env) }
        #expect(missing.contains(true) && missing.contains(false), "the demo links Demo K. to missing children and others")
        #expect(missing == missing.sorted { $0 && !$1 }, "missing first: \(missing)")
        let rows = h.lines.filter { $0.contains(" · youth · ") || $0.contains(" · police · ") || $0.contains(" · placement · ") || $0.contains(" · worker · ") }
        #expect(rows.first?.contains("MISSING") == true, "the first row drawn is a missing child: \(rows)")
        // Among the missing and among the others, the newest link first.
        let links = screen.links(env)
        for group in [true, false] {
            let dates = zip(links, missing).filter { $0.1 == group }.map(\.0.date)
            #expect(dates == dates.sorted(by: >))
        }
    }

    /// Typed, and the persons it must find (in the list's order: most children first).
    @Test(arguments: [("kay testalias", ["Demo K. (fictional)"]), ("demo12x", ["Demo K. (fictional)"]),
                      ("Demo-12 x", ["Demo K. (fictional)"]), ("@DEMO.K", ["Demo K. (fictional)"]), ("DÉMO K", ["Demo K. (fictional)"]),
                      ("(555) 010-0177", ["Rowan Sampleperson (demo)"]), ("5550100142", ["Demo K. (fictional)", "Rowan Sampleperson (demo)"])])
    func theInvestigationScreenFindsAPersonByAliasPhonePlateOrHandle(typed: String, found: [String]) throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        h.type(typed)
        let screen = try #require(h.front as? InvestigationScreen)
        #expect(screen.entries.map(\.name) == found, "\(typed)")
        for name in found { #expect(h.line(containing: name) != nil, "\(name) listed") }
    }

    @Test func anOpenInvestigationScreenIsReadAgainWhenAnotherSessionSaves() throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        #expect(h.front is InvestigationScreen)
        #expect(!h.screen.contains("Newcomer Testalias"))
        let other = try Harness(user: "demo-supervisor", database: h.database)
        do {
            _ = try other.store.perform(.investigation(.savePerson(PersonOfInterest(
                aliases: ["Newcomer Testalias (fictional)"], createdBy: other.store.worker.id, createdAt: Harness.demoNow))))
        } catch {
            Issue.record("the other session could not save: \(error)")
        }
        let before = h.database.auditEvents().count
        h.clock.advance(by: 2)
        h.tick()
        h.tick()
        #expect(h.screen.contains("Newcomer Testalias (ficti"), "the list shows the other session's new person")
        #expect(h.database.auditEvents().dropFirst(before).contains { $0.action == .view && $0.targetKind == .personOfInterest },
                "read again, audited again")

        // The other session links Demo K. to a fifth child: the pattern alert here follows.
        let demoK = try #require(h.database.allRecords(PersonOfInterest.self).first { $0.name == Self.demoK })
        let linked = Set(h.database.allRecords(InvestigationLink.self).filter { $0.target == .person(demoK.id) }.map(\.child))
        let fifth = try #require(h.dashboard.snapshot.children.first { $0.isOpen && !linked.contains($0.id) })
        _ = try other.store.perform(.investigation(.link(InvestigationLink(
            child: fifth.id, target: .person(demoK.id), date: DayDate(Harness.demoNow, in: .gmt), source: .police,
            createdBy: other.store.worker.id, createdAt: Harness.demoNow))))
        h.clock.advance(by: 2)
        h.tick()
        h.tick()
        #expect(h.dashboard.alerts.first { $0.rule == .pattern }?.message == "Pattern: Demo K. (fictional) linked to 5 children within 90 days")
    }
}
