import CareDomain
import CareStore
import Foundation
import Testing

/// A paste through a real terminal lands whole in the field, and nothing in it runs as a key.
@Suite(.serialized)
struct PasteInTmuxTests {
    @Test func fourPastedLinesAreOneNoteAndNothingElseChanges() throws {
        let demo = try DemoFixture()
        let before = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let child = try #require(before.loadCaseload().children.first { $0.caseNumber.description == "KEN-2026-0010" })
        let eventsBefore = try before.auditEvents(child: nil, actor: nil, since: nil).count
        let childrenBefore = try before.loadCaseload().children.count
        try before.close()

        let session = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try session.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try session.send("/")
        try session.type("KEN-2026-0010")
        try session.send("Enter")
        try session.waitFor("(1 of")
        try session.send("n")
        try session.waitFor("Log contact")
        try session.send("Tab", "Tab", "Tab")
        // Letters that are keys on the dashboard (q quits, N is a new child, e edits) and a line
        // break on every line: none of them may act.
        let lines = ["Pasted line one, q for quit", "N and e and f are keys elsewhere", "third line (synthetic)", "last line"]
        try session.paste(lines.joined(separator: "\n"))
        try session.waitFor("last line")
        try session.send("C-s")
        try session.waitFor("Saved: contact logged")

        let after = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let note = try #require(after.loadDetail(of: child.id, contactLimit: 1).contacts.contacts.first)
        #expect(note.summary == lines.joined(separator: "\n"))
        let events = try after.auditEvents(child: nil, actor: nil, since: nil)
        // The care session's sign-in, the contact, this check's sign-in and view: nothing else.
        let added = events.dropFirst(eventsBefore).map(\.action)
        #expect(added.filter { $0 == .create || $0 == .update }.count == 1, "\(added)")
        #expect(try after.loadCaseload().children.count == childrenBefore, "no child was created")
    }
}
