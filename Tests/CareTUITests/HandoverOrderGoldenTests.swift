import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Issue 20: the order of a handover is a rule, the same on the screen and in print, and a
/// saved card's facts are the records' at the time of printing. A fixed night shift of the demo
/// unit: demo-cp saves the proposed handover at 21:10, police record a missing child's occurrence
/// at 21:20, another child is reported missing at 21:25 (after the save), and at 21:30
/// `care handover --format markdown` is compared with a reviewed capture.
@MainActor
@Suite struct HandoverOrderGoldenTests {
    static let savedAt = Harness.demoNow.addingTimeInterval(-20 * 60)
    static let missingAt = Harness.demoNow.addingTimeInterval(-5 * 60)

    static func store(_ user: String, _ database: MemoryDatabase, at time: Date) throws -> InMemoryCaseStore {
        try InMemoryCaseStore(database: database, account: user, passphrase: Harness.passphrase, clock: FixedClock(time))
    }

    /// The shift as it stands: the handover saved at 21:10, and the child who went missing after.
    static func shift() throws -> (database: MemoryDatabase, missing: ChildSummary) {
        let database = Harness.makeDatabase()
        let writer = try store("demo-cp", database, at: savedAt)
        let zone = writer.unitInfo.timeZone
        let window = ShiftPattern.standard.shift(containing: savedAt, zone: zone)
        let snapshot = try writer.loadCaseload()
        let contacts = try writer.contactStamps(from: window.start.addingTimeInterval(-14 * 86_400), to: window.end)
        let alerts = AlertRules.evaluate(snapshot: snapshot, now: savedAt, zone: zone)
        let proposed = HandoverBuilder.report(window: window, snapshot: snapshot, contacts: contacts, alerts: alerts, saved: nil,
                                              previous: nil, now: savedAt, zone: zone)
        _ = try writer.perform(.saveHandover(Handover(id: window.handoverID, shiftStart: window.start, shiftEnd: window.end,
                                                      entries: proposed.cards.map(\.entry))))
        let onIt = Set(proposed.cards.map(\.child))
        let missing = try #require(snapshot.children.first { child in
            child.isOpen && snapshot.openEpisode(of: child.id) == nil && !onIt.contains(child.id)
        })
        // 21:20: police record the occurrence for a child already on the saved handover.
        let reporting = try store("demo-police", database, at: missingAt.addingTimeInterval(-5 * 60))
        let onCard = try #require(proposed.cards.compactMap { snapshot.openEpisode(of: $0.child) }.first { $0.policeReport == nil })
        var reported = onCard
        reported.policeReport = .init(service: "Test Police Service (synthetic)", occurrenceNumber: "TP-2026-0020",
                                      reportedAt: missingAt.addingTimeInterval(-5 * 60))
        _ = try reporting.perform(.updateMissingEpisode(reported))
        let police = try store("demo-police", database, at: missingAt)
        _ = try police.perform(.reportMissing(MissingEpisode(
            child: missing.id, reportedMissingAt: missingAt, lastSeenAt: missingAt, lastSeenPlace: "Test park (synthetic)")))
        return (database, missing)
    }

    @Test func theOrderAndTheMarkdownOfAShiftWhereAChildGoesMissingAfterTheSave() throws {
        let (database, missing) = try Self.shift()
        let text = try HandoverExport.render(store: try Self.store("demo-supervisor", database, at: Harness.demoNow), since: nil,
                                             format: .markdown, now: Harness.demoNow)
        try Golden.assert(text.components(separatedBy: "\n").dropLast().map { $0 }, "handover-missing-after-save.md")
        // Her card is the first, urgent, and says it is not on the saved handover.
        let cards = text.components(separatedBy: "\n").filter { $0.hasPrefix("### ") }
        #expect(cards.first?.hasPrefix("### ● URGENT — \(missing.displayName) \(missing.caseNumber)") == true, "\(cards.first ?? "")")
        let severities = cards.map { $0.contains("URGENT") ? 2 : $0.contains("WATCH") ? 1 : 0 }
        #expect(severities == severities.sorted(by: >), "cards by severity")
        #expect(text.contains("- ⚠ police report recorded 21:20, after this card was written"))
        #expect(text.contains("police occurrence TP-2026-0020"), "the facts are the records' at the time of printing")

        // The screen shows the same order as the print.
        let h = try Harness(user: "demo-supervisor", database: database)
        h.press(.char("H"))
        let screen = try #require(h.app.state.screen(HandoverScreen.self)?.report)
        #expect(screen.cards.first?.child == missing.id)
        let printed = try HandoverExport.render(store: try Self.store("demo-supervisor", database, at: Harness.demoNow), since: nil,
                                                format: .json, now: Harness.demoNow)
        #expect(printed.contains("\"facts\""))
    }
}
