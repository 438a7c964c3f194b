import CareDomain
import CareStore
import Foundation
import Testing

/// Issue 20, as a worker would do it in the real binary: a contact note with the placement for
/// a child missing now meets the missing alert's step, and a profile edit is said on the
/// handover card as which fields changed — in the worker's session and in a police officer's.
@Suite(.serialized)
struct WhatChangedInTmuxTests {
    @Test func aPlacementContactAndAProfileEditAreOnTheHandoverForEveryRole() throws {
        let demo = try DemoFixture()
        // The child most recently gone: the first card of the handover.
        let check = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let snapshot = try check.loadCaseload()
        let zone = check.unitInfo.timeZone
        try check.close()
        let child = try #require(snapshot.children.filter { snapshot.openEpisode(of: $0.id) != nil }
            .max { snapshot.openEpisode(of: $0.id)!.lastSeenAt < snapshot.openEpisode(of: $1.id)!.lastSeenAt })
        #expect(snapshot.openEpisode(of: child.id)?.placementContact == nil)
        // In the first two hours of a shift H opens the one that ended: `]` steps to this one.
        let now = Date()
        let current = ShiftPattern.standard.shift(containing: now, zone: zone)
        let toThisShift = now < current.start.addingTimeInterval(2 * 3_600) ? ["]"] : []

        let worker = try TmuxSession(command: demo.openCommand(user: "demo-cp"), environment: demo.environment)
        try worker.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try worker.send("/")
        try worker.type("\(child.caseNumber)")
        try worker.send("Enter")
        try worker.waitFor("(1 of")
        try worker.send("n")
        try worker.waitFor("Log contact")
        try worker.send("Left")
        try worker.waitFor("◀ placement/caregiver ▶")
        try worker.send("Tab", "Tab", "Tab")
        try worker.type("Rang the placement (synthetic): not back yet")
        try worker.send("C-s")
        try worker.waitFor("placement contact noted on the missing episode")
        worker.pauseBeforeTheNextCommand()

        try worker.send("e")
        try worker.waitFor("Edit profile")
        try worker.send("C-u")
        try worker.type("Renamedtest Synthetic")
        try worker.send("C-s")
        try worker.waitFor("Saved: profile updated")
        worker.pauseBeforeTheNextCommand()

        try worker.send(["H"] + toThisShift)
        let card = try worker.waitFor { $0.contains("legal name changed") }
        #expect(card.contains("placement contacted"), "\(card)")
        #expect(!card.contains(child.legalName), "the card says which field changed, not what it was")
        try worker.send("Escape")

        let police = try TmuxSession(command: demo.openCommand(user: "demo-police"), environment: demo.environment)
        try police.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try police.send(["H"] + toThisShift)
        let seen = try police.waitFor { $0.contains("legal name changed") }
        #expect(seen.contains("placement contacted"), "\(seen)")
        try police.send("q")
        try worker.send("q")
    }
}
