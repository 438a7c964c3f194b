import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The child pane shows no more than the caseload row until the store has audited a preview of
/// the child; the preview is written when the selection rests, once per child per session.
@MainActor
@Suite struct PreviewAuditScreenTests {
    /// Lines only a previewed child's pane has (the row has none of them).
    static let detailMarkers = ["Team:", "Indicators:", "Whereabouts:", "Status:", "Missing, last 90 days"]

    /// The child pane's text as words, its box and wrapping taken out.
    func paneWords(_ h: Harness) -> String {
        childPane(h).split(separator: "\n").map { line in
            line.trimmingCharacters(in: CharacterSet(charactersIn: "│┃ "))
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func childPane(_ h: Harness) -> String {
        guard let area = MainScreen.paneAreas(size: h.terminal.size, focus: h.focus)[.child] else { return "" }
        return (area.y..<area.bottom).map { y in
            String(h.terminal.screen.line(y).dropFirst(area.x).prefix(area.width))
        }.joined(separator: "\n")
    }

    func showsDetails(_ h: Harness) -> Bool {
        let pane = childPane(h)
        return Self.detailMarkers.contains { pane.contains($0) }
    }

    /// Children the store holds a preview or a full view of, for this session's worker.
    func looked(_ h: Harness, _ action: AuditAction = .preview) -> [ChildID] {
        h.database.auditEvents().filter { $0.action == action && $0.actor == h.store.worker.id }.compactMap(\.child)
    }

    /// The promise: no pane shows a child's details without their event in the store.
    func expectNoUnauditedDetails(_ h: Harness, sourceLocation: SourceLocation = #_sourceLocation) {
        guard showsDetails(h), let child = h.dashboard.selectedRow?.id else { return }
        #expect(looked(h).contains(child) || looked(h, .view).contains(child), "details shown without an event", sourceLocation: sourceLocation)
    }

    @Test func theFirstFrameShowsOnlyTheRowUntilTheSelectionRests() throws {
        let h = try Harness()
        let row = try #require(h.dashboard.selectedRow)
        #expect(!showsDetails(h))
        #expect(childPane(h).contains("Details show when the selection rests here"))
        #expect(childPane(h).contains(row.displayName) && childPane(h).contains(row.risk.word))
        #expect(looked(h).isEmpty)

        h.clock.advance(by: PreviewAudit.rest - 0.01)
        h.tick()
        #expect(!showsDetails(h) && looked(h).isEmpty)
        h.clock.advance(by: 0.01)
        h.tick()
        #expect(showsDetails(h))
        #expect(looked(h) == [row.id])
    }

    @Test func arrowingThroughTwentyChildrenWritesOnePreviewPerChildRestedOn() throws {
        let h = try Harness()
        var restedOn: [ChildID] = []
        for step in 1...20 {
            h.press(.char("j"))
            expectNoUnauditedDetails(h)
            if step.isMultiple(of: 6) {
                h.rest()
                restedOn.append(try #require(h.dashboard.selectedRow?.id))
                #expect(showsDetails(h))
            } else {
                // Keys a tenth of a second apart: the selection never rests.
                h.clock.advance(by: 0.1)
                h.tick()
                #expect(!showsDetails(h))
            }
            expectNoUnauditedDetails(h)
        }
        h.rest()
        restedOn.append(try #require(h.dashboard.selectedRow?.id))
        #expect(looked(h) == restedOn)
        #expect(restedOn.count == 4)
    }

    @Test func aBurstOfKeysInOneFrameWritesOnePreview() throws {
        let h = try Harness()
        h.terminal.feed(Array(repeating: Key.char("j"), count: 15))
        h.tick()
        expectNoUnauditedDetails(h)
        h.rest()
        h.rest()
        #expect(looked(h) == [try #require(h.dashboard.selectedRow?.id)])
    }

    @Test func comingBackToAChildInTheSameSessionWritesNothingMore() throws {
        let h = try Harness()
        h.rest()
        h.press(.char("j"))
        h.rest()
        h.press(.char("k"))
        h.rest()
        #expect(showsDetails(h))
        #expect(looked(h).count == 2)
    }

    @Test func aFullViewIsOneViewedEventAndCoversThePreview() throws {
        let h = try Harness()
        let child = try #require(h.dashboard.selectedRow?.id)
        h.press(.enter)
        #expect(showsDetails(h))
        for _ in 0..<5 { h.rest() }
        #expect(looked(h, .view) == [child])
        #expect(looked(h).isEmpty)
    }

    @Test func afterTheLockEachChildIsAuditedAgain() throws {
        let h = try Harness()
        h.rest()
        h.press(.ctrl("x"))
        #expect(h.locked)
        h.type(Harness.passphrase)
        h.press(.enter)
        #expect(!h.locked)
        // The selection had rested already: the details come back with a new event.
        let child = try #require(h.dashboard.selectedRow?.id)
        #expect(showsDetails(h))
        #expect(looked(h) == [child, child])
        h.rest()
        #expect(looked(h) == [child, child])
    }

    @Test func aPreviewTheStoreCannotAuditShowsWordsNotDetails() throws {
        let h = try Harness(wrap: { RefusingPreviews($0) })
        h.rest()
        #expect(!showsDetails(h))
        // The reason wraps to the pane's width: read whole, not cut.
        #expect(paneWords(h).contains("Details not shown: The store cannot write the audit trail (test)."), "\(childPane(h))")
        // Not asked again on every tick while the selection stays.
        h.rest()
        #expect((h.store as? RefusingPreviews)?.attempts == 1)
    }
}

/// A store whose preview event cannot be written.
final class RefusingPreviews: ForwardingStore, @unchecked Sendable {
    var attempts = 0

    struct Refusal: ErrorInWords {
        var description: String { "The store cannot write the audit trail (test)." }
    }

    override func preview(of child: ChildID) throws {
        attempts += 1
        throw Refusal()
    }
}

/// Issue 22, item 8: a supervisor disables the account of an open dashboard; the store refuses
/// the session's next read (here the change feed's), and the dashboard locks with the words.
@MainActor
@Suite struct DisabledWhileOpenScreenTests {
    final class DisabledStore: ForwardingStore, @unchecked Sendable {
        var disabled = false
        override func changes(since cursor: Int64) throws -> ChangeBatch {
            if disabled { throw AccountDisabledWhileOpen(accountName: "demo-cp") }
            return try super.changes(since: cursor)
        }
    }

    @Test func theDashboardLocksWithinOnePollOfTheDisable() throws {
        var wrapped: DisabledStore?
        let h = try Harness(wrap: { store in
            let disabled = DisabledStore(store)
            wrapped = disabled
            return disabled
        })
        h.press(.enter)
        #expect(h.detailOpen)
        wrapped?.disabled = true
        for _ in 0..<20 where !h.locked {
            h.clock.advance(by: 1)
            h.tick()
        }
        #expect(h.locked)
        #expect(h.screen.contains("disabled the account"), "\(h.screen)")
        #expect(!h.detailOpen, "nothing of the record stays behind the lock")
    }
}
