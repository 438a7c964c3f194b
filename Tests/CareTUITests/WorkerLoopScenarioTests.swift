import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The front-line worker's loop, by keyboard: find, open, record, move on.
@MainActor
@Suite struct WorkerLoopScenarioTests {
    @Test func filteringMetisFindsTheChildWhoseCommunityIsWrittenMétis() throws {
        let h = try Harness()
        let metisChild = try #require(h.dashboard.snapshot.children.first { child in
            child.indigenousIdentity.affiliations.contains { $0.community.contains("Métis") || $0.group == .metis }
        })
        h.press(.char("/"))
        h.type("metis")
        #expect(h.rows.contains { $0.id == metisChild.id })
        #expect(h.screen.contains(metisChild.displayName))
        #expect(h.rows.count < h.allRowCount)
        #expect(h.screen.contains("/ metis"))
    }

    @Test func theFilterLineEditsLikeAField() throws {
        let h = try Harness()
        h.press(.char("/"))
        h.type("mtsi")
        h.press(.left, .backspace, .home, .right, .char("e"))
        #expect(h.dashboard.query.text == "meti")
        #expect(h.terminal.cursor != nil, "the cursor shows where the next letter goes")
        h.press(.enter)
        #expect(!h.dashboard.filterEditing)
        #expect(h.screen.contains("/ meti"))
    }

    @Test func loggingAContactShowsItInTheDetailAndTheCaseloadColumn() throws {
        let h = try Harness()
        // A child who is not missing, so the caseload shows time since contact.
        let child = try h.select { !$0.whereabouts.isMissing }
        h.press(.enter)
        #expect(h.screen.contains("── Recent contacts"))
        h.press(.char("n"))
        #expect(h.screen.contains("Log contact — \(child.displayName) \(child.caseNumber)"), "the form names whose record it writes to")
        // Summary is the fourth field: kind, when, location, summary.
        h.press(.tab, .tab, .tab)
        h.type("Met at drop-in centre (synthetic test note)")
        h.press(.ctrl("s"))
        #expect(!h.formOpen, "the form closes after a save")
        #expect(h.screen.contains("Met at drop-in"))
        let lastContact = h.rows.first { $0.id == child.id }?.lastContact
        #expect(lastContact == Harness.demoNow)
        let row = try #require(h.selectedCaseloadRow)
        #expect(row.contains(String(child.displayName.prefix(10))) && row.contains("contact 0m"), "\(row)")
        // Another worker's session on the same data sees it.
        let second = try h.store.loadDetail(of: child.id, contactLimit: 5)
        #expect(second.contacts.contacts.contains { $0.summary == "Met at drop-in centre (synthetic test note)" })
    }

    @Test func aNoteKeepsItsLines() throws {
        let h = try Harness()
        let child = try h.select { _ in true }
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("First line of a synthetic note")
        h.press(.enter)
        h.type("Second line")
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        let detail = try h.store.loadDetail(of: child.id, contactLimit: 5)
        #expect(detail.contacts.contacts.first?.summary == "First line of a synthetic note\nSecond line")
    }

    @Test func reportingMissingShowsMissingInBothPanes() throws {
        let h = try Harness()
        let child = try h.select { !$0.whereabouts.isMissing }
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

    @Test func aPoliceReportCanBeAddedToAnOpenEpisode() throws {
        let h = try Harness()
        let child = try h.select { row in
            row.isMissing && h.dashboard.snapshot.openEpisode(of: row.id)?.policeReport == nil
        }
        let before = h.dashboard.allAlerts.filter { $0.child == child.id && $0.message.contains(" — no police report —") }.count
        h.press(.char("m"))
        #expect(h.screen.contains("Missing since "))
        h.type("Test Police Service")
        h.press(.tab)
        h.type("TP-2026-0001")
        h.press(.tab)
        h.type("20:40")
        h.press(.ctrl("s"))
        #expect(!h.formOpen, "\(h.form?.fields.compactMap(\.error) ?? [])")
        let episode = try #require(h.dashboard.snapshot.openEpisode(of: child.id))
        #expect(episode.policeReport?.occurrenceNumber == "TP-2026-0001")
        #expect(episode.isOpen, "the child is still missing")
        let after = h.dashboard.allAlerts.filter { $0.child == child.id && $0.message.contains(" — no police report —") }.count
        #expect(after == 0 && after <= before)
    }

    @Test func aFutureDateShowsAMessageAndSavesNothing() throws {
        let h = try Harness()
        let child = try #require(h.dashboard.selectedChild)
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

    @Test func escapeWithInputAsksNothingAndKeepsADraft() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a note")
        h.press(.escape)
        #expect(!h.formOpen, "Esc closes the form without a question")
        #expect(!(h.front is QuestionScreen))
        #expect(h.message?.hasPrefix("Kept as a draft: contact note") == true, "\(h.message ?? "")")
        #expect(try h.store.drafts().first?.fields["summary"] == "half a note")
    }

    @Test func ctrlCInAFormWithInputKeepsADraftAndQuits() throws {
        let h = try Harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("unsaved words")
        h.press(.ctrl("c"))
        #expect(h.app.state.quitRequested)
        #expect(try h.store.drafts().first?.fields["summary"] == "unsaved words")
    }

    @Test func policeDoNotSeeRestrictedNotesAndCannotEditAProfile() throws {
        let database = Harness.makeDatabase()
        let cp = try Harness(database: database)
        // Find a child who has a restricted note.
        let store = cp.store
        let withRestricted = try #require(try store.loadCaseload().children.first { child in
            (try? store.loadDetail(of: child.id, contactLimit: 200).contacts.contacts.contains { $0.visibility == .restricted }) == true
        })
        let police = try Harness(user: "demo-police", database: database)
        let detail = try police.store.loadDetail(of: withRestricted.id, contactLimit: 200)
        #expect(!detail.contacts.contacts.contains { $0.visibility == .restricted })
        #expect(detail.contacts.hiddenRestricted > 0)

        police.press(.char("e"))
        #expect(!police.formOpen)
        #expect(police.screen.contains("cannot edit a child's profile"))
        #expect(police.screen.contains("a child protection worker or a supervisor"))

        police.press(.char("n"))
        #expect(police.form?.fields.first { $0.id == "visibility" }?.kind == .choice(["team"]), "police are not offered restricted notes")
    }
}

/// Words a person needs are never cut at 80 columns.
@MainActor
@Suite struct EightyColumnTests {
    @Test func aLongRefusalWrapsAtTheFootOfTheScreen() throws {
        let h = try Harness(size: Size(width: 80, height: 24), user: "demo-police")
        h.press(.char("e"))
        let refusal = "A police officer cannot edit a child's profile; ask a child protection worker or a supervisor."
        let foot = h.lines.suffix(3).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(foot.contains(refusal), "\(h.lines.suffix(3))")
        h.press(.char("j"))
        #expect(h.lines.last?.contains("Tab next pane") == true, "the next key puts the hints back")
    }
}
