import CareDomain
import CareStore
import CareTUI
import Foundation
import Testing
import TextUI

/// List fields (affiliations, languages, plan steps): one item per line, added with Enter and
/// removed with Backspace, saved as a list.
@MainActor
@Suite struct ListFieldTests {
    @Test func fieldKeysAddAndRemoveItems() {
        var field = FormState.Field("affiliations", "Affiliations", kind: .list)
        for c in "Métis: Test Council" { _ = field.handle(.char(c)) }
        let startedNewItem = field.handle(.enter)
        #expect(startedNewItem, "Enter after an item starts a new one")
        for c in "Inuk: Test Hamlet" { _ = field.handle(.char(c)) }
        #expect(field.items == ["Métis: Test Council", "Inuk: Test Hamlet"])
        _ = field.handle(.ctrl("u"))
        #expect(field.items == ["Métis: Test Council"])
        _ = field.handle(.backspace)
        #expect(field.lines == ["Métis: Test Council"], "Backspace on the empty line removes it")
        let again = field.handle(.enter)
        let onEmpty = field.handle(.enter)
        #expect(again)
        #expect(!onEmpty, "Enter on an empty item leaves the field")
    }

    @Test func aLiaisonAddsAndRemovesAffiliationsOnTheProfile() throws {
        let path = try Harness.makeDemoStore()
        let h = try Harness(user: "demo-liaison", path: path)
        let child = try #require(h.app.state.selectedChild)
        h.press(.char("e"))
        #expect(h.screen.contains("Identity and communities"), "a liaison edits the identity fields only")
        #expect(!h.screen.contains("Legal name"))
        // identity → affiliations: choose "affiliations", then type two lines and drop one.
        while h.formValue("identity") != "affiliations" { h.press(.right) }
        h.press(.tab, .ctrl("u"), .ctrl("u"), .ctrl("u"), .ctrl("u"))
        h.type("Métis: Northpoint Test Council")
        h.press(.enter)
        h.type("First Nations: Wrong Test Nation")
        h.press(.ctrl("u"), .backspace, .enter)
        h.type("Inuk: Tundra Test Hamlet")
        #expect(h.screen.contains("• Métis: Northpoint Test Council"))
        #expect(h.screen.contains("• Inuk: Tundra Test Hamlet"))
        h.press(.ctrl("s"))
        #expect(!h.formOpen)
        let saved = try #require(try h.store.loadCaseload().children.first { $0.id == child.id })
        #expect(saved.indigenousIdentity.affiliations.map(\.community) == ["Northpoint Test Council", "Tundra Test Hamlet"])
        #expect(saved.indigenousIdentity.affiliations.map(\.group) == [.metis, .inuk])
        #expect(saved.legalName == child.legalName, "the liaison's save changed nothing else")
    }
}
