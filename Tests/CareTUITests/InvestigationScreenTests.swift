import CareDomain
import Foundation
import Testing
import TextUI
@testable import CareTUI

/// The investigation screens headless, on the generated demo unit: police link a person to a
/// second child and see both on the person's screen; a child protection worker has no
/// investigation screen and reports a lead instead.
@MainActor
@Suite struct InvestigationScreenTests {
    /// The demo's second person of interest, linked to one child only.
    static let rowan = "Rowan Sampleperson (demo)"

    @Test func policeLinkAPersonToASecondChildAndTheirScreenListsBoth() throws {
        let h = try Harness(user: "demo-police")
        let demo = h.database
        let rowan = try #require(demo.allRecords(PersonOfInterest.self).first { $0.name == Self.rowan })
        let first = try #require(demo.allRecords(InvestigationLink.self).first { $0.target == .person(rowan.id) }).child
        let second = try h.select { $0.id != first && !$0.isDamagedChild }

        h.press(.char("L"))
        #expect(h.front is InvestigationTargetScreen)
        #expect(h.screen.contains("Linked persons and places"))
        h.press(.char("L"))
        #expect(h.front is InvestigationScreen)
        h.type("rowan")
        #expect(h.screen.contains(Self.rowan))
        h.press(.enter)
        #expect(h.form != nil, "the link form opens")
        h.press(.ctrl("s"))
        #expect(h.message?.contains("Saved: linked the child to a person of interest") == true, "said: \(h.message ?? "nothing")")
        #expect(h.front is InvestigationTargetScreen, "back on the child's links")
        #expect(h.screen.contains(Self.rowan))

        let before = demo.auditEvents().count
        h.press(.enter)
        #expect(h.screen.contains("Person of interest — \(Self.rowan)"))
        for child in [first, second.id] {
            let number = try #require(h.dashboard.child(child)?.caseNumber.description)
            #expect(h.screen.contains(number), "the person's screen lists \(number)")
        }
        let views = demo.auditEvents().dropFirst(before)
        #expect(views.contains { $0.action == .view && $0.targetKind == .personOfInterest && $0.targetID == rowan.id.rawValue })
        #expect(views.filter { $0.targetKind == .investigationLink }.count == 2)

        // Enter goes to the child, closing the investigation screens.
        h.press(.enter)
        #expect(h.app.state.screens.isEmpty)
        #expect(h.dashboard.selectedRow.map { [first, second.id].contains($0.id) } == true)
    }

    @Test func thePatternWarningShowsOnThePoliceInvestigationScreen() throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        #expect(h.front is InvestigationScreen)
        #expect(h.screen.contains("⚠ Pattern: Demo K. (fictional) linked to 4 children within 90 days"))
        #expect(h.screen.contains("consider merging"), "the shared phone number proposes a merge")
        h.type("555 010 0177")
        #expect(h.screen.contains(Self.rowan) && !h.screen.contains("Sample Inn"), "found by a phone number, digits only")
    }

    @Test func aProposedMergeIsMadeOnlyWhenAskedAndKeepsBothHistories() throws {
        let h = try Harness(user: "demo-police")
        h.press(.char("V"))
        h.type("demo k")
        h.press(.ctrl("g"))
        #expect(h.front is QuestionScreen, "a merge asks first")
        h.answerYes()
        #expect(h.message?.hasPrefix("Saved: merged person of interest") == true, "said: \(h.message ?? "nothing")")
        #expect(!h.screen.contains("consider merging"))
        h.press(.ctrl("u"))
        #expect(!h.screen.contains(Self.rowan + "  "), "the merged person is listed under the one kept")
        #expect(h.line(containing: "Demo K. (fictional)  ")?.contains("5 children") == true, "both histories: \(h.screen)")
        let persons = h.database.allRecords(PersonOfInterest.self)
        #expect(persons.count == 2, "nobody is deleted")
        #expect(persons.first { $0.name == Self.rowan }?.mergedInto != nil)
    }

    @Test func aChildProtectionWorkerHasNoInvestigationScreenAndReportsALead() throws {
        let h = try Harness(user: "demo-cp")
        h.press(.char("V"))
        #expect(!(h.front is InvestigationScreen))
        #expect(h.message?.contains("cannot see persons of interest") == true, "said: \(h.message ?? "nothing")")
        let child = try h.select { !$0.isDamagedChild }
        h.press(.char("L"))
        #expect(h.front == nil)
        h.press(.char("R"))
        #expect(h.form?.title.contains("Report a lead") == true)
        h.type("Youth mentioned a new older friend with a van (test).")
        h.press(.ctrl("s"))
        #expect(h.message == "Saved: reported a lead to the police (youth).")
        #expect(h.form == nil)
        let reported = try #require(h.database.allRecords(Lead.self).first { $0.child == child.id })
        #expect(reported.reportedBy == h.store.worker.id)
        #expect(!h.screen.contains("older friend"), "the reporter sees only that they reported it")
        #expect(throws: CommandError.self) { try (h.store as? any CaseInvestigations)?.investigation(.leads) }

        // The police read it on the investigation screen, its view audited.
        let police = try Harness(user: "demo-police", database: h.database)
        police.press(.char("V"))
        #expect(police.screen.contains("1 lead from workers"))
        #expect(police.screen.contains("✉ Lead 2026-11-23 21:30 from Alex Testworker (demo) (youth) about"))
        // Whole, on the child's linked persons and places.
        police.press(.escape)
        _ = try police.select { $0.id == child.id }
        police.press(.char("L"))
        #expect(police.screen.contains("older friend with a van (test)."))
        #expect(h.database.auditEvents().contains { $0.action == .view && $0.targetKind == .lead && $0.targetID == reported.id.rawValue })
    }
}
