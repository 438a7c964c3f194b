import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// `care handover --wall`: the handover read-only, names masked, refreshed from other sessions'
/// saves; only q and M act, and M asks for the passphrase before it shows a name.
@MainActor
@Suite struct WallModeTests {
    static func report(_ h: Harness) -> HandoverReport? {
        (h.app.state.screens.first as? HandoverScreen)?.report
    }

    /// Every open child's full name, none of which a masked wall may show.
    static func names(_ h: Harness) -> [String] {
        h.dashboard.snapshot.children.filter(\.isOpen).map(\.legalName).filter { $0.count > 3 }
    }

    @Test func theWallShowsTheHandoverMaskedAndTakesNoOtherKey() throws {
        let h = try Harness(wall: true)
        #expect(h.screen.contains("Handover (wall: read-only)"))
        let report = try #require(Self.report(h))
        #expect(!report.cards.isEmpty)
        for name in Self.names(h) { #expect(!h.screen.contains(name), "\(name) is on the wall") }
        #expect(h.lines.last?.contains("M show names") == true && h.lines.last?.contains("q quit") == true)
        let before = h.lines
        for key: Key in [.char("j"), .enter, .char(" "), .char("+"), .char("-"), .char("S"), .char("H"), .escape, .char("?"), .char("n"), .ctrl("x"), .tab] {
            h.press(key)
        }
        #expect(h.app.state.screens.count == 1, "a key opened something on the wall")
        #expect(h.lines == before)
        #expect(!h.locked)
        h.press(.char("q"))
        #expect(h.app.state.quitRequested)
    }

    @Test func aMissingEpisodeSavedInAnotherSessionAppearsMasked() throws {
        let wall = try Harness(wall: true)
        let worker = try Harness(user: "demo-police", database: wall.database)
        let onWall = Set(Self.report(wall)?.cards.map(\.child) ?? [])
        let child = try #require(worker.dashboard.snapshot.children.first { candidate in
            candidate.isOpen && worker.dashboard.snapshot.openEpisode(of: candidate.id) == nil && !onWall.contains(candidate.id)
        })
        let missingBefore = try #require(Self.report(wall)).strip.missingNow
        _ = try worker.store.perform(.reportMissing(MissingEpisode(
            child: child.id, reportedMissingAt: Harness.demoNow, lastSeenAt: Harness.demoNow, lastSeenPlace: "Test park (synthetic)")))
        wall.clock.advance(by: 2)
        wall.tick()
        let report = try #require(Self.report(wall))
        #expect(report.strip.missingNow == missingBefore + 1)
        let card = try #require(report.cards.first { $0.child == child.id })
        #expect(card.reasons.contains("missing now"))
        #expect(wall.screen.contains("\(child.caseNumber) \(child.initials)") || report.cards.firstIndex(of: card)! > 2)
        #expect(!wall.screen.contains(child.legalName))
    }

    @Test func namesShowOnlyAfterThePassphraseAndMaskAgainWhenIdle() throws {
        let h = try Harness(idleLimit: 300, wall: true)
        let first = try #require(Self.report(h)?.cards.first)
        let name = try #require(h.dashboard.child(first.child)?.displayName)
        #expect(!h.screen.contains(name))
        h.press(.char("M"))
        guard h.front is RevealScreen else { Issue.record("M did not ask for the passphrase"); return }
        h.type("wrong-passphrase")
        h.press(.enter)
        #expect(h.screen.contains("Passphrase") && !h.screen.contains("wrong-passphrase"))
        #expect(!h.screen.contains(name), "a wrong passphrase showed names")
        h.clock.advance(by: 30)
        h.type(Harness.passphrase)
        h.press(.enter)
        #expect(h.app.state.screens.count == 1)
        #expect(h.screen.contains(name), "the right passphrase did not show names")
        h.clock.advance(by: 301)
        h.tick()
        #expect(!h.screen.contains(name), "names stayed on the wall after the idle limit")
        #expect(!h.locked, "the wall masks rather than locks")
        h.press(.char("M"))
        h.press(.escape)
        #expect(h.app.state.screens.count == 1 && !h.screen.contains(name))
    }
}
