import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// List fields (affiliations, languages, plan steps): one item per line, added with Enter and
/// removed with Backspace, saved as a list.
@MainActor
@Suite struct ListFieldTests {
    @Test func fieldKeysAddAndRemoveItems() throws {
        let h = try Harness()
        h.press(.char("p"), .tab)
        // Trusted adults, cleared first.
        while !(h.formValue("adults") ?? "").isEmpty { h.press(.ctrl("u")) }
        h.type("Aunt Testcase")
        h.press(.enter)
        h.type("Coach Testcase")
        #expect(h.formValue("adults") == "Aunt Testcase\nCoach Testcase")
        h.press(.ctrl("u"))
        #expect(h.formValue("adults") == "Aunt Testcase\n")
        h.press(.backspace)
        #expect(h.formValue("adults") == "Aunt Testcase", "Backspace on the empty line removes it")
        h.press(.enter)
        #expect(h.form?.focus == 1, "Enter after an item starts a new one in the same field")
        h.press(.enter)
        #expect(h.form?.focus == 2, "Enter on an empty item leaves the field")
    }

    @Test func aLiaisonAddsAndRemovesAffiliationsOnTheProfile() throws {
        let database = Harness.makeDatabase()
        let h = try Harness(user: "demo-liaison", database: database)
        let child = try #require(h.dashboard.selectedChild)
        // A liaison signs in to the referral queue; the profile is edited from the caseload.
        h.press(.char("1"), .char("e"))
        #expect(h.screen.contains("Identity and communities"), "a liaison edits the identity fields only")
        #expect(!h.screen.contains("Legal name"))
        while h.formValue("identity") != "affiliations" { h.press(.right) }
        h.press(.tab)
        while !(h.formValue("affiliations") ?? "").isEmpty { h.press(.ctrl("u")) }
        h.type("Métis: Northpoint Test Council")
        h.press(.enter)
        h.type("First Nations: Wrong Test Nation")
        h.press(.ctrl("u"), .backspace, .enter)
        h.type("Inuk: Tundra Test Hamlet; Hamlet test office")
        #expect(h.screen.contains("Métis: Northpoint Test Council"))
        #expect(h.screen.contains("Inuk: Tundra Test Hamlet"))
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        let saved = try #require(try h.store.loadCaseload().children.first { $0.id == child.id })
        #expect(saved.indigenousIdentity.affiliations.map(\.community) == ["Northpoint Test Council", "Tundra Test Hamlet"])
        #expect(saved.indigenousIdentity.affiliations.map(\.group) == [.metis, .inuk])
        #expect(saved.indigenousIdentity.affiliations.last?.representativeContact == "Hamlet test office")
        #expect(saved.legalName == child.legalName, "the liaison's save changed nothing else")
    }
}
