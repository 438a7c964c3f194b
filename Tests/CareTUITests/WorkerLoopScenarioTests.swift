import CareDomain
import CareStore
import CareTUI
import Foundation
import Testing
import TextUI

/// The front-line worker's loop, by keyboard, on a real store: find, open, record, move on.
@MainActor
@Suite struct WorkerLoopScenarioTests {
    @Test func filteringMetisFindsTheChildWhoseCommunityIsWrittenMétis() throws {
        let h = try Harness()
        let metisChild = try #require(h.app.state.snapshot.children.first { child in
            child.indigenousIdentity.affiliations.contains { $0.community.contains("Métis") || $0.group == .metis }
        })
        h.press(.char("/"))
        h.type("metis")
        #expect(h.rows.contains { $0.id == metisChild.id })
        #expect(h.screen.contains(metisChild.displayName))
        #expect(h.rows.count < h.allRowCount)
        #expect(h.screen.contains("/ metis"))
    }

    @Test func loggingAContactShowsItInTheDetailAndTheCaseloadColumn() throws {
        let h = try Harness()
        // A child who is not missing, so the caseload shows time since contact.
        let index = try #require(h.app.state.rows.firstIndex { !$0.whereabouts.isMissing })
        for _ in 0..<index { h.press(.down) }
        let child = try #require(h.app.state.selectedChild)
        h.press(.enter)
        #expect(h.screen.contains("── Recent contacts"))
        h.press(.char("n"))
        #expect(h.screen.contains("Log contact"))
        // Summary is the fourth field: kind, when, location, summary.
        h.press(.tab, .tab, .tab)
        h.type("Met at drop-in centre (synthetic test note)")
        h.press(.ctrl("s"))
        #expect(!h.formOpen, "the form closes after a save")
        #expect(h.screen.contains("Met at drop-in centre"))
        let lastContact = h.app.state.rows.first { $0.id == child.id }?.lastContact
        #expect(lastContact == Harness.demoNow)
        let row = try #require(h.selectedCaseloadRow)
        #expect(row.contains(String(child.displayName.prefix(10))) && row.contains("contact 0m"), "\(row)")
        // And it is durable: a second session on the same file sees it.
        let second = try SQLiteCaseStore.open(options: StoreOptions(path: h.path), account: "demo-cp", passphrase: Harness.passphrase)
        let detail = try second.loadDetail(of: child.id, contactLimit: 5)
        #expect(detail.contacts.contacts.contains { $0.summary == "Met at drop-in centre (synthetic test note)" })
    }

    @Test func reportingMissingShowsMissingInBothPanes() throws {
        let h = try Harness()
        // Pick a child who is not missing now.
        let index = try #require(h.app.state.rows.firstIndex { !$0.whereabouts.isMissing })
        for _ in 0..<index { h.press(.down) }
        let child = try #require(h.app.state.selectedChild)
        h.press(.enter, .char("m"))
        #expect(h.screen.contains("Report missing"))
        h.press(.tab, .tab)
        h.type("Test bus depot (synthetic)")
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        let row = try #require(h.selectedCaseloadRow)
        #expect(row.contains(String(child.displayName.prefix(10))) && row.contains("MISSING 0m"), "\(row)")
        #expect(h.screen.contains("Whereabouts: MISSING since"))
    }

    @Test func aFutureDateShowsAMessageAndSavesNothing() throws {
        let h = try Harness()
        let child = try #require(h.app.state.selectedChild)
        let before = try h.store.loadDetail(of: child.id, contactLimit: 100).contacts.contacts.count
        h.press(.char("n"), .tab)
        h.press(.ctrl("u"))
        h.type("2099-01-01 10:00")
        h.press(.tab, .tab)
        h.type("A note that must not be saved")
        h.press(.ctrl("s"))
        #expect(h.formOpen, "the form stays open")
        #expect(h.screen.contains("This is in the future"))
        let after = try h.store.loadDetail(of: child.id, contactLimit: 100).contacts.contacts.count
        #expect(after == before)
    }

    @Test func escapeWithInputAsksBeforeDiscarding() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a note")
        h.press(.escape)
        #expect(h.screen.contains("Discard what you typed?"))
        h.press(.char("n"))
        #expect(h.formValue("summary") == "half a note")
        h.press(.escape, .char("y"))
        #expect(!h.formOpen)
    }

    @Test func ctrlCInAFormWithInputAsksBeforeQuitting() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("unsaved words")
        h.press(.ctrl("c"))
        #expect(h.screen.contains("Quit and discard what you typed?"))
        #expect(!h.app.state.quitRequested)
        h.press(.char("n"))
        #expect(h.formValue("summary") == "unsaved words")
        h.press(.ctrl("c"), .char("y"))
        #expect(h.app.state.quitRequested)
    }

    @Test func policeDoNotSeeRestrictedNotesAndCannotEditAProfile() throws {
        let path = try Harness.makeDemoStore()
        let cp = try Harness(path: path)
        // Find a child who has a restricted note.
        let store = cp.store
        let withRestricted = try #require(store.loadCaseload().children.first { child in
            (try? store.loadDetail(of: child.id, contactLimit: 200).contacts.contacts.contains { $0.visibility == .restricted }) == true
        })
        let police = try Harness(user: "demo-police", path: path)
        let detail = try police.store.loadDetail(of: withRestricted.id, contactLimit: 200)
        #expect(!detail.contacts.contacts.contains { $0.visibility == .restricted })
        #expect(detail.contacts.hiddenRestricted > 0)

        police.press(.char("e"))
        #expect(!police.formOpen)
        #expect(police.screen.contains("cannot edit a child's profile"))
        #expect(police.screen.contains("child protection or supervisor"))
    }
}
