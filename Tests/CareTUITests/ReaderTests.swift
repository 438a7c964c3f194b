import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Notes, episodes, flags, plans, referrals and alerts can be read whole, searched, and never
/// copied out.
@MainActor
@Suite struct ReaderTests {
    /// A child whose newest note is longer than any pane line, written by this session.
    func longNote(_ h: Harness) throws -> (ChildSummary, String) {
        let child = try #require(h.dashboard.selectedChild)
        let words = (1...120).map { "word\($0)" }.joined(separator: " ")
        let note = "Start of a long synthetic note. \(words)\nSecond paragraph mentions the Test Mall food court.\nEnd of note."
        _ = try h.store.perform(.logContact(Contact(child: child.id, occurredAt: Harness.demoNow, author: h.store.worker.id, kind: .phone,
                                                    summary: note)))
        return (child, note)
    }

    /// Moves the open record's cursor to `item`, from the first item down.
    func moveCursor(to item: RecordItem, in h: Harness) {
        h.press(.home)
        var moves = 0
        while h.dashboard.recordItem != item, moves < 40 {
            h.press(.down)
            moves += 1
        }
    }

    @Test func enterOnANoteReadsItWholeWrappedWithWhoAndWhen() throws {
        let h = try Harness()
        let (child, _) = try longNote(h)
        h.press(.enter)
        let note = try #require(try h.store.loadDetail(of: child.id, contactLimit: 1).contacts.contacts.first)
        moveCursor(to: .contact(note.id), in: h)
        #expect(h.dashboard.recordItem == .contact(note.id))
        h.press(.enter)
        guard h.front is ReaderScreen else {
            Issue.record("Enter on a note did not open the reader")
            return
        }
        #expect(h.screen.contains("Contact note — "))
        #expect(h.screen.contains("Phone · 2026-11-23 21:30 · by Alex Testworker (demo)"))
        #expect(h.screen.contains("word1 "), "the text is there from its start")
        h.press(.char("G"))
        #expect(h.screen.contains("End of note."), "the end is reached by scrolling")
    }

    @Test func searchingHighlightsAndJumpsBetweenMatches() throws {
        let h = try Harness(size: Size(width: 120, height: 24))
        let (child, _) = try longNote(h)
        let detail = try h.store.loadDetail(of: child.id, contactLimit: 1)
        h.press(.enter)
        let note = try #require(detail.contacts.contacts.first)
        moveCursor(to: .contact(note.id), in: h)
        h.press(.enter, .char("/"))
        h.type("test mall")
        h.press(.enter)
        let line = try #require(h.line(containing: "Test Mall food court"))
        let y = try #require(h.lines.firstIndex(of: line))
        let x = try #require(line.range(of: "Test Mall").map { line.distance(from: line.startIndex, to: $0.lowerBound) })
        #expect(h.terminal.screen[x, y].style.attributes.contains(.reverse), "the match is highlighted")
        h.press(.char("n"))
        #expect(h.screen.contains("Test Mall"), "n keeps a match in view")
        h.press(.char("y"))
        #expect(h.screen.contains("Nothing is copied"))
        h.press(.escape)
        #expect(h.front == nil)
    }

    @Test func spaceReadsAnAlertWhole() throws {
        let h = try Harness()
        h.press(.char("4"))
        let alert = try #require(h.dashboard.selectedAlert)
        h.press(.char(" "))
        #expect(h.screen.contains("Alert — "))
        #expect(h.screen.contains(alert.message))
        #expect(h.screen.contains(alert.severity.word))
    }

    @Test func masksTheChildsNameInsideTheText() throws {
        let h = try Harness()
        let child = try #require(h.dashboard.selectedChild)
        let saved = try h.store.perform(.logContact(Contact(child: child.id, occurredAt: Harness.demoNow, author: h.store.worker.id,
                                                            kind: .phone, summary: "Spoke with \(child.legalName) about school")))
        h.press(.enter)
        moveCursor(to: .contact(try #require(saved.record?.as(Contact.self)).id), in: h)
        h.press(.char("M"), .enter)
        #expect(h.screen.contains("Spoke with \(child.initials) about school"))
        #expect(!h.screen.contains(child.legalName))
    }
}
