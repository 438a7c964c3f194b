import CareDomain
import CareStore
import Foundation
import Testing

/// Two `care` processes on one store, as on a shared host where workers ssh in.
@Suite(.serialized)
struct TwoProcessTests {
    /// The form records the time to the minute, so a contact saved "now" shows as 0 or 1 minute
    /// old depending on where in the minute the other process reads it.
    static func justContacted(_ screen: String) -> Bool {
        screen.contains("contact 0m") || screen.contains("contact 1m")
    }

    /// Waits for the dashboard, then filters its caseload down to one case number.
    func showOnly(_ caseNumber: String, in session: TmuxSession) throws {
        try session.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try session.send("/")
        try session.type(caseNumber)
        try session.send("Enter")
        try session.waitFor("(1 of")
    }

    @Test func aContactSavedInOneProcessAppearsInTheOtherWithoutAKeyPress() throws {
        let demo = try DemoFixture()
        let first = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        let second = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        // One child the demo has not made missing, so the list shows the time since the last contact.
        for session in [first, second] { try showOnly("KEN-2026-0010", in: session) }
        let before = try second.capture()
        #expect(before.contains("contact ") && !Self.justContacted(before))

        try first.send("n")
        try first.waitFor("Log contact")
        try first.send("Tab", "Tab", "Tab")
        try first.type("Synthetic e2e note")
        try first.send("C-s")
        try first.waitFor("Saved: contact logged")

        // No key is pressed in the second process: its poll must pick the save up within the
        // wait's deadline (a deadline belongs in the wait, not in an assertion).
        try second.waitFor(timeout: 3) { Self.justContacted($0) }
    }

    @Test func twoWorkersEditingOneProfileSeeTheConflictAndKeepBothChanges() throws {
        let demo = try DemoFixture()
        let first = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        let second = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        for session in [first, second] {
            try showOnly("KEN-2026-0001", in: session)
            try session.send("e")
            try session.waitFor("Edit profile")
        }
        // First worker: pronouns (third field). Second worker: gender (sixth field).
        try first.send("Tab", "Tab", "C-u")
        try first.type("xe/xem (first)")
        try first.send("C-s")
        try first.waitFor("Saved: profile updated")

        try second.send("Tab", "Tab", "Tab", "Tab", "Tab", "C-u")
        try second.type("gender-by-second")
        try second.send("C-s")
        let conflict = try second.waitFor("Another worker")
        #expect(conflict.contains("your text is kept below"))
        #expect(conflict.contains("xe/xem (first)"), "their version is shown")
        #expect(conflict.contains("gender-by-second"), "this worker's input is kept")
        try second.send("C-s")
        try second.waitFor("Saved: profile updated")

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let child = try #require(store.loadCaseload().children.first { $0.caseNumber.description == "KEN-2026-0001" })
        #expect(child.pronouns == "xe/xem (first)")
        #expect(child.gender == "gender-by-second")
        let updates = try store.audit(child: child.id, actor: nil, since: nil).filter { $0.action == .update }
        #expect(updates.count == 2)
    }
}
