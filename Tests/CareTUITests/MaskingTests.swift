import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// With names masked, no screen shows a child's name: not the lists, the record, the forms, the
/// reader, the filter line, or the alerts.
@MainActor
@Suite struct MaskingTests {
    /// Every name of every child in the demo unit.
    func names(_ h: Harness) -> [String] {
        h.dashboard.snapshot.children.flatMap { [$0.displayName, $0.legalName, $0.preferredName] }.filter { $0.count >= 2 }
    }

    func expectNoName(_ h: Harness, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let screen = h.screen
        for name in names(h) where screen.contains(name) {
            Issue.record("\(place) shows \"\(name)\"", sourceLocation: sourceLocation)
        }
    }

    @Test func everyScreenHidesEveryName() throws {
        let h = try Harness(size: Size(width: 120, height: 40))
        h.press(.char("M"))
        // The whole caseload, page by page, and each child's pane as the selection passes.
        for _ in 0..<h.rows.count {
            expectNoName(h, "the caseload and child pane")
            h.press(.down)
        }
        h.press(.home, .enter)
        for _ in 0..<30 {
            expectNoName(h, "the open record")
            h.press(.down)
        }
        h.press(.enter)
        expectNoName(h, "the reader")
        h.press(.escape, .char("3"))
        expectNoName(h, "the referral queue")
        h.press(.char("4"))
        for _ in 0..<h.dashboard.alerts.count {
            expectNoName(h, "the alerts")
            h.press(.char(" "))
            expectNoName(h, "an alert read whole")
            h.press(.escape, .down)
        }
        h.press(.char("1"))
        for key in ["n", "m", "i", "p", "f"] {
            h.press(.char(Character(key)))
            expectNoName(h, "the form opened with \(key)")
            h.press(.escape)
            if h.front is QuestionScreen { h.answerYes() }
        }
        h.press(.char("e"))
        #expect(!h.formOpen, "the profile form shows names, so it does not open masked")
        #expect(h.screen.contains("Names are masked; press M"))
    }

    @Test func theFilterLineShowsDotsForWhatWasTyped() throws {
        let h = try Harness()
        let child = try #require(h.dashboard.selectedChild)
        h.press(.char("M"), .char("/"))
        h.type(String(child.legalName.prefix(6)))
        #expect(!h.screen.contains(String(child.legalName.prefix(6))))
        #expect(h.screen.contains("/ ••••••"))
        h.press(.enter)
        #expect(h.screen.contains("/ ••••••"))
    }

    @Test func maskedRowsShowTheWholeCaseNumber() throws {
        let h = try Harness(size: Size(width: 120, height: 32))
        h.press(.char("M"))
        for row in h.rows.prefix(10) {
            #expect(h.screen.contains(row.caseNumber.description), "\(row.caseNumber) is cut")
        }
    }

    @Test func initialsComeFromLettersOnly() {
        let child = Child(caseNumber: CaseNumber(unit: "TST", year: 2026, sequence: 1), legalName: "🌟Star 1Testcase Name",
                          birth: .estimated(years: 15, asOf: DayDate(year: 2026, month: 1, day: 1)), openedOn: DayDate(year: 2026, month: 1, day: 1))
        #expect(child.initials == "S.T.N.")
    }
}
