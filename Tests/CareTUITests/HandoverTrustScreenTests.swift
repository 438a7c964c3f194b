import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Issue 20, headless on the demo unit at 21:30 UTC: each defect a person met on the handover
/// screen, the wall and the alerts pane, as a test that failed on the code before the fix.
@MainActor
@Suite struct HandoverTrustScreenTests {
    static func screen(_ h: Harness) -> HandoverScreen? { h.app.state.screen(HandoverScreen.self) }
    static func cards(_ h: Harness) -> [HandoverCard] { screen(h)?.report?.cards ?? [] }

    /// A child on the caseload, open, not missing and not on the handover `h` shows.
    static func childNotOnTheHandover(_ h: Harness) throws -> ChildSummary {
        let onIt = Set(cards(h).map(\.child))
        return try #require(h.dashboard.snapshot.children.first { child in
            child.isOpen && h.dashboard.snapshot.openEpisode(of: child.id) == nil && !onIt.contains(child.id)
        })
    }

    static func reportMissing(_ child: ChildSummary, from h: Harness) throws {
        _ = try h.store.perform(.reportMissing(MissingEpisode(
            child: child.id, reportedMissingAt: Harness.demoNow, lastSeenAt: Harness.demoNow, lastSeenPlace: "Test park (synthetic)")))
    }

    // MARK: 1. Re-saving buries the newest urgent card

    @Test func aChildMissingAfterTheSaveStaysFirstWhenTheHandoverIsSavedAgain() throws {
        let h = try Harness(user: "demo-supervisor")
        let police = try Harness(user: "demo-police", database: h.database)
        h.press(.char("H"), .char("["))
        #expect(Self.screen(h)?.report?.saved != nil)
        let child = try Self.childNotOnTheHandover(h)
        try Self.reportMissing(child, from: police)
        h.clock.advance(by: 2)
        h.tick()
        #expect(Self.cards(h).first?.child == child.id && Self.cards(h).first?.isExtra == true)
        h.press(.char("S"))
        let saved = try #require(Self.screen(h)?.report?.saved)
        #expect(saved.entries.last?.child == child.id, "saved at the end of the entries")
        #expect(Self.cards(h).first?.child == child.id, "and still first: \(Self.cards(h).map(\.child))")
        #expect(Self.cards(h).first?.isExtra == false)
        let first = try #require(h.lines.firstIndex { $0.contains("● URGENT") })
        #expect(h.lines[first].contains("\(child.caseNumber)"), "\(h.lines[first])")
    }

    // MARK: 2. Anyone re-saves by accident and becomes an author

    @Test func policeReadTheHandoverAndSpaceNeverSaves() throws {
        let police = try Harness(user: "demo-police")
        police.press(.char("H"), .char(" "))
        #expect(police.message?.contains("cannot edit or acknowledge a handover") == true, "\(police.message ?? "")")
        police.press(.char("S"))
        #expect(Self.screen(police)?.report?.saved == nil)

        let cp = try Harness(database: police.database)
        cp.press(.char("H"), .char(" "))
        #expect(cp.message == "The handover is not saved yet: the outgoing worker saves it first (S), then its cards are acknowledged.",
                "\(cp.message ?? "")")
        #expect(Self.screen(cp)?.report?.saved == nil, "Space saved the handover")
        #expect(!cp.formOpen)
    }

    @Test func onlyTheOutgoingShiftSavesAndNobodyAcknowledgesTheirOwn() throws {
        let cp = try Harness()
        // The day shift's handover, written by another worker: demo-cp is its incoming worker.
        cp.press(.char("H"), .char("["), .char("S"))
        #expect(cp.message == "Only the outgoing shift's workers or a supervisor change a saved handover; you acknowledge its cards.",
                "\(cp.message ?? "")")
        cp.press(.enter)
        #expect(!cp.formOpen)
        // The night shift's, which demo-cp writes now: saved with S, and not theirs to acknowledge.
        cp.press(.char("]"), .char("S"))
        let saved = try #require(Self.screen(cp)?.report?.saved)
        #expect(saved.outgoing == [cp.app.state.worker.id])
        cp.press(.char(" "))
        #expect(cp.message == "You wrote this handover: the incoming worker acknowledges its cards.")
        #expect(!cp.formOpen)
    }

    // MARK: 3. The wall never hides a card

    @Test func theWallPagesThroughEveryCardMaskedAndNamesNoWorker() throws {
        let h = try Harness(size: Size(width: 80, height: 24), wall: true, wallDwell: 1)
        let cards = Self.cards(h)
        #expect(cards.count > 3)
        let pages = try #require(Self.screen(h)?.wallPageCount)
        #expect(pages > 1 && h.screen.contains("page 1 of \(pages)"), "\(h.lines.suffix(3))")
        var seen = ""
        for _ in 0..<pages {
            seen += h.screen
            h.clock.advance(by: 1)
            h.tick()
        }
        #expect(h.screen.contains("page 1 of \(pages)"), "one turn brings the first page back")
        for card in cards {
            let child = try #require(h.dashboard.child(card.child))
            #expect(seen.contains("\(child.caseNumber)"), "\(child.caseNumber) never on the wall")
            #expect(!seen.contains(child.legalName))
        }
        for worker in h.dashboard.snapshot.workers { #expect(!seen.contains(worker.displayName), "\(worker.displayName) on the wall") }
        let signedIn = h.app.state.worker.displayName
        #expect(!h.lines[0].contains(String(signedIn.prefix(5))), "the top line names the worker signed in: \(h.lines[0])")
    }

    @Test func aChildReportedMissingIsOnTheWallsFirstPageAndANoticeGoesAway() throws {
        let wall = try Harness(size: Size(width: 80, height: 24), wall: true, wallDwell: 1)
        let police = try Harness(user: "demo-police", database: wall.database)
        let pages = try #require(Self.screen(wall)?.wallPageCount)
        for _ in 0..<(pages / 2 + 1) {
            wall.clock.advance(by: 1)
            wall.tick()
        }
        let child = try Self.childNotOnTheHandover(wall)
        try Self.reportMissing(child, from: police)
        wall.clock.advance(by: 1)
        wall.tick()
        #expect(Self.screen(wall)?.wallPage == 0)
        #expect(wall.lines.contains { $0.contains("MISSING NOW") } && wall.screen.contains("\(child.caseNumber)"))
        wall.app.show(messages: ["A notice that nobody presses a key to clear (test)."])
        wall.tick()
        #expect(wall.screen.contains("A notice that nobody presses"))
        wall.clock.advance(by: 1)
        wall.tick()
        #expect(!wall.screen.contains("A notice that nobody presses"), "the notice stayed on the wall")
    }

    // MARK: 9. Acknowledge in order

    @Test func acknowledgingMovesOnAndAAcknowledgesEveryCardScrolledPast() throws {
        let h = try Harness(user: "demo-liaison")
        h.press(.char("H"), .char("["))
        let cards = Self.cards(h)
        let waiting = cards.indices.filter { !cards[$0].acknowledgements.contains { $0.by == h.app.state.worker.id } }
        #expect(waiting.count == cards.count && cards.count >= 3)
        h.press(.char(" "), .ctrl("s"))
        #expect(!h.formOpen)
        #expect(Self.screen(h)?.selection == 1, "the cursor moved on to the next card")
        h.press(.char(" "), .ctrl("s"))
        #expect(Self.screen(h)?.selection == 2)
        // Read to the end, then acknowledge the rest at once, after a question that counts them.
        for _ in cards.indices { h.press(.down) }
        h.press(.char("A"))
        guard h.front is QuestionScreen else { Issue.record("A did not ask first"); return }
        #expect(h.screen.contains("Acknowledge the \(cards.count - 2) cards you have scrolled past"))
        h.press(.char("y"))
        #expect(h.front is QuestionScreen, "no letter answers a question")
        h.answerYes()
        let after = Self.cards(h)
        #expect(after.allSatisfy { $0.acknowledgements.contains { $0.by == h.app.state.worker.id } })
        let records = try h.store.loadHandover(try #require(Self.screen(h)?.window.handoverID))?.acknowledgements
            .filter { $0.by == h.app.state.worker.id }
        #expect(records?.count == cards.count, "one acknowledgement record per card")
    }

    // MARK: 5, 7, 10. The alerts

    @Test func anAcknowledgedMissingChildStaysListedInWordsWithTheSameCountForEveryRole() throws {
        let h = try Harness(size: Size(width: 280, height: 40))
        let police = try Harness(user: "demo-police", database: h.database)
        #expect(Self.caseloadCounts(police) == h.dashboard.alertCounts, "the header counts differ by role")
        #expect(police.dashboard.alertCounts != h.dashboard.alertCounts, "the police also count the demo's pattern alert")
        let critical = h.dashboard.alertCounts[.critical] ?? 0
        h.press(.char("4"))
        let index = try #require(h.dashboard.alerts.firstIndex { $0.rule == .missingNow })
        for _ in 0..<index { h.press(.down) }
        let alert = try #require(h.dashboard.selectedAlert)
        h.press(.char("a"))
        #expect(h.formOpen)
        h.type("Search under way (test)")
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        #expect(h.message == "Saved: alert acknowledged (missing now).", "\(h.message ?? "")")
        #expect(h.dashboard.alerts.contains { $0.id == alert.id }, "the missing child's alert was hidden")
        #expect(h.dashboard.alertCounts[.critical] == critical)
        // Marked before the name, so the mark shows however narrow the pane; who and when at the
        // row's end, and whole in the reader.
        #expect(h.screen.contains("✓ \(h.dashboard.name(ofChild: alert.child))"))
        h.press(.char(" "))
        let reader = try #require(h.front as? ReaderScreen)
        #expect(reader.document.paragraphs.contains { $0.hasPrefix("Acknowledged 2026-11-23 21:30 by Alex Testworker (demo): Search under way (test)") },
                "\(reader.document.paragraphs)")
        h.press(.escape)
        police.clock.advance(by: 2)
        police.tick()
        #expect(police.dashboard.alerts.contains { $0.id == alert.id })
        #expect(Self.caseloadCounts(police) == h.dashboard.alertCounts)
    }

    /// The header's counts without the pattern alerts, which only police and supervisors have
    /// (they come from the investigation records, not the caseload every role reads).
    static func caseloadCounts(_ h: Harness) -> [AlertSeverity: Int] {
        var counts = h.dashboard.alertCounts
        for alert in h.dashboard.alertVisibility.shown where alert.rule == .pattern { counts[alert.severity, default: 0] -= 1 }
        return counts.filter { $0.value != 0 }
    }
}
