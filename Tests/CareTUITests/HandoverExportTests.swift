import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// `care handover --format`: the demo unit's handover at a fixed time against a reviewed
/// Markdown capture, the permission it needs, its audit event, and hostile text kept out.
@MainActor
@Suite struct HandoverExportTests {
    static func store(_ user: String = "demo-supervisor", database: MemoryDatabase = Harness.makeDatabase()) throws -> InMemoryCaseStore {
        try InMemoryCaseStore(database: database, account: user, passphrase: Harness.passphrase, clock: FixedClock(Harness.demoNow))
    }

    @Test func theDemoHandoverAsMarkdownMatchesTheReviewedCapture() throws {
        let text = try HandoverExport.render(store: try Self.store(), since: nil, format: .markdown, now: Harness.demoNow)
        try Golden.assert(text.components(separatedBy: "\n").dropLast().map { $0 }, "handover-demo.md")
        #expect(text.hasPrefix("# Handover — KEN unit — 2026-11-23 night shift 19:00–07:00\n"))
    }

    @Test func sinceAClockTimeCountsFromThereAndShowsThatShiftsSavedHandover() throws {
        let store = try Self.store()
        let since = try #require(TimeText.parse("15:00", zone: .gmt, now: Harness.demoNow))
        let text = try HandoverExport.render(store: store, since: since, format: .text, now: Harness.demoNow)
        #expect(text.hasPrefix("Handover — KEN unit — 2026-11-23 day shift 15:00–19:00\n"))
        #expect(text.contains("Saved handover."), "15:00 is in the day shift, whose handover the demo saved")
        #expect(text.contains("Acknowledged by Alex Testworker (demo) at 2026-11-23 19:20: “Will call OPP first (demo).”"))
    }

    @Test func onlyASupervisorPrintsAndEachPrintIsAudited() throws {
        let database = Harness.makeDatabase()
        #expect(throws: PermissionDenied.self) { try HandoverExport.render(store: try Self.store("demo-cp", database: database), since: nil, format: .json, now: Harness.demoNow) }
        let store = try Self.store(database: database)
        _ = try HandoverExport.render(store: store, since: nil, format: .json, now: Harness.demoNow)
        let exports = try store.auditEvents(child: nil, actor: nil, since: nil).filter { $0.action == .export }
        #expect(exports.map(\.summary) == ["handover of 2026-11-23 night shift 19:00–07:00 printed as json"])
    }

    @Test func jsonHoldsEveryCardAndNoEscapeSequenceLeavesInAnyFormat() throws {
        let database = Harness.makeDatabase()
        let store = try Self.store(database: database)
        let window = ShiftPattern.standard.shift(containing: Harness.demoNow, zone: .gmt)
        // A child not missing: a missing child's card is urgent whatever was written (issue 20).
        let caseload = try store.loadCaseload()
        let child = try #require(caseload.children.first { caseload.openEpisode(of: $0.id) == nil })
        let hostile = "Summary \u{1B}]0;owned\u{07} with \u{1B}[2J escapes and a \u{9B}31m C1 (test)"
        _ = try store.perform(.saveHandover(Handover(id: window.handoverID, shiftStart: window.start, shiftEnd: window.end, entries: [
            .init(child: child.id, severity: .watch, summary: hostile, actions: [.init(text: "Act \u{1B}[31m now (test)", owner: "Sam\u{07}")],
                  contingencies: [.init(condition: "If \u{1B}[1m", response: "then \u{0}(test)")]),
        ])))
        for format in HandoverDocument.Format.allCases {
            let text = try HandoverExport.render(store: store, since: nil, format: format, now: Harness.demoNow)
            #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(format)")
            #expect(text.contains("escapes and a"), "\(format)")
        }
        let json = try HandoverExport.render(store: store, since: nil, format: .json, now: Harness.demoNow)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cards = try #require(object["cards"] as? [[String: Any]])
        // The children missing now who are not on the saved handover come first, marked so.
        let extra = cards.filter { ($0["reasons"] as? [String])?.contains(HandoverBuilder.notOnSavedHandover) == true }
        let own = cards.filter { ($0["reasons"] as? [String])?.contains(HandoverBuilder.notOnSavedHandover) != true }
        #expect(own.count == 1 && own[0]["severity"] as? String == "watch" && object["saved"] as? Bool == true)
        // The name and the case number apart: a program reading it does not split a string.
        #expect(own.first?["child"] as? String == child.displayName)
        #expect(own.first?["caseNumber"] as? String == child.caseNumber.description)
        #expect(!extra.isEmpty && cards.prefix(extra.count).allSatisfy { ($0["reasons"] as? [String])?.first == "missing now" })
    }
}
