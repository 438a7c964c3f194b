import CareDomain
import CareStore
import Foundation
import Testing

/// The app core as two real processes and a real clock see it: case numbers from the store's
/// counter, times in the unit's zone whatever the process's `TZ` says.
@Suite(.serialized)
struct AppCoreInTmuxTests {
    /// Opens the new-child form and fills it, ready for Ctrl-S.
    func fillNewChild(_ name: String, in session: TmuxSession) throws {
        try session.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try session.send("N")
        try session.waitFor("New child")
        try session.type(name)
        // Legal name, preferred, pronouns, date of birth, estimated age.
        try session.send("Tab", "Tab", "Tab", "Tab")
        try session.type("15")
    }

    @Test func twoProcessesCreatingAChildAtOnceGetTwoCaseNumbers() throws {
        let demo = try DemoFixture()
        let first = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        let second = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try fillNewChild("Firsty Concurrenttest", in: first)
        try fillNewChild("Secondy Concurrenttest", in: second)
        // Both save within a few milliseconds, well inside the one-second poll: neither process
        // can have seen the other's child, so a number chosen by the screen would be the same.
        try first.send("C-s")
        try second.send("C-s")
        let one = try first.waitFor("Saved: child record created")
        let two = try second.waitFor("Saved: child record created")
        let numbers = [one, two].compactMap { $0.firstMatch(of: /created \((KEN-\d{4}-\d{4,})\)/).map { String($0.1) } }
        #expect(numbers.count == 2)
        #expect(Set(numbers).count == 2, "both got \(numbers)")

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let created = try store.loadCaseload().children.filter { $0.legalName.hasSuffix("Concurrenttest") }
        #expect(Set(created.map(\.caseNumber.description)) == Set(numbers))
    }

    @Test func aUnitInTorontoShowsTorontoTimesOnAUTCHost() throws {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/tst.care"
        let passphrase = scratch + "/pass"
        try "supervisor test passphrase\n".write(toFile: passphrase, atomically: true, encoding: .utf8)
        let created = try CareRun.care("init", "--unit", "TST", "--admin", "sup.testcase", "--store", store,
                                       "--time-zone", "America/Toronto", "--passphrase-fd", "3",
                                       inputs: [3: "supervisor test passphrase\n"])
        #expect(created.succeeded, "\(created)")
        #expect(created.stdout.contains("America/Toronto"))

        var environment = Fixture.environment(scratch: scratch)
        environment["TZ"] = "UTC"
        let command = "\(Fixture.careBinary) --store \(store) --user sup.testcase --passphrase-fd 3 3<\(passphrase)"
        let session = try TmuxSession(command: command, environment: environment)
        try fillNewChild("Zoney Testcase", in: session)
        try session.send("C-s")
        try session.waitFor("Saved: child record created")
        session.pauseBeforeTheNextCommand()
        try session.send("n")
        let form = try session.waitFor("Log contact")
        // The form offers "now" in the unit's zone; the minute may turn over between the two reads.
        let toronto = TimeZone(identifier: "America/Toronto")!
        let now = Date()
        let local = [now.addingTimeInterval(-60), now, now.addingTimeInterval(60)].map { TimeText.format($0, zone: toronto) }
        let utc = TimeText.format(now, zone: TimeZone(identifier: "UTC")!)
        #expect(local.contains { form.contains($0) }, "no Toronto time in:\n\(form)")
        #expect(!form.contains(utc), "the UTC time is shown:\n\(form)")
    }
}
