import CareDomain
import CareStore
import Foundation
import Testing

/// The police path on the real binary: the investigation screen with the demo's pattern
/// warning, a person's screen, a child's linked persons and places, a new link; afterwards the
/// trail holds a `view` event for every person, place and link shown.
@Suite(.serialized)
struct InvestigationInTmuxTests {
    @Test func aPoliceOfficerFollowsAPatternAndLinksAPlaceEveryViewAudited() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(user: "demo-police"), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }

        try tmux.send("V")
        let list = try tmux.waitFor("⚠ Pattern: Demo K. (fictional) linked to 4 children")
        #expect(list.contains("Investigation — persons of interest and places of concern"))
        #expect(list.contains("Sample Inn (fictional motel)"))
        try tmux.type("demo k")
        try tmux.waitFor { !$0.contains("Sample Inn (fictional motel)  ") && $0.contains("1 of ") }
        try tmux.send("Enter")
        let person = try tmux.waitFor("Person of interest — Demo K. (fictional)")
        #expect(person.contains("4 children, 4 links"))
        #expect(person.contains("Children linked over time"))
        try tmux.close("Person of interest — Demo K.")
        try tmux.close("Investigation — persons")

        try tmux.send("L")
        try tmux.waitFor("Linked persons and places —")
        try tmux.send("L")
        try tmux.waitFor("to a person or place")
        try tmux.type("sample inn")
        try tmux.waitFor("1 of ")
        try tmux.send("Enter")
        try tmux.waitFor("Link to Sample Inn (fictional motel)")
        try tmux.send("C-s")
        try tmux.waitFor("Saved: linked the child to a place of concern")
        try tmux.waitFor { $0.contains("Linked persons and places —") && $0.contains("Sample Inn (fictional motel) (place of concern)") }
        try tmux.close("Linked persons and places —")
        try tmux.send("q")
        try tmux.waitFor(timeout: 30) { !$0.contains("1 Caseload") }

        // Every person, place and link shown has its view in the trail.
        let supervisor = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        defer { try? supervisor.close() }
        let file = try supervisor.investigation(.list, purpose: .shown)
        let police = try #require(try supervisor.loadCaseload().workers.first { $0.accountName == "demo-police" })
        let views = try supervisor.audit().filter { $0.actor == police.id && $0.action == .view }
        let viewed = Set(views.compactMap { event in event.targetID.map { "\(event.targetKind?.rawValue ?? ""):\($0)" } })
        for person in file.persons { #expect(viewed.contains("person-of-interest:\(person.id.rawValue)"), "\(person.name) viewed") }
        for place in file.places { #expect(viewed.contains("place-of-concern:\(place.id.rawValue)"), "\(place.name) viewed") }
        let demoK = try #require(file.persons.first { $0.name == "Demo K. (fictional)" })
        for link in file.activeLinks(to: .person(demoK.id)) {
            #expect(viewed.contains("investigation-link:\(link.id.rawValue)"), "Demo K.'s link on \(link.date) viewed")
        }
        let created = try supervisor.audit().filter { $0.actor == police.id && $0.action == .create && $0.targetKind == .investigationLink }
        #expect(created.count == 1)
        let newLink = try #require(created.first?.targetID)
        #expect(views.filter { $0.targetID == newLink }.count >= 1, "the new link was viewed on the child's links")
    }
}
