import CareDomain
import CareStore
import Foundation
import Testing

/// `care handover --format`: paper and email copies of the handover, from the real binary.
@Suite struct HandoverCommandTests {
    static let passphrase = "demo\n"

    func handover(_ demo: (scratch: String, store: String), as user: String, _ more: String...) throws -> CareRun {
        try CareRun.run([Fixture.careBinary, "handover", "--store", demo.store, "--as", user, "--passphrase-fd", "3"] + more,
                        inputs: [3: Self.passphrase], environment: Fixture.environment(scratch: demo.scratch))
    }

    @Test func aSupervisorPrintsEachFormatToAFileOrAPipe() throws {
        let demo = try DemoTemplate.copy()
        let markdown = try handover(demo, as: "demo-supervisor", "--format", "markdown")
        #expect(markdown.succeeded, "\(markdown)")
        #expect(markdown.stdout.hasPrefix("# Handover — KEN unit — "), "\(markdown)")
        #expect(markdown.stdout.contains("## This shift") && markdown.stdout.contains("## Cards ("))
        #expect(!markdown.stderr.contains("KEN-20") && !markdown.stderr.contains("URGENT"), "nothing about a child on stderr: \(markdown.stderr)")
        let text = try handover(demo, as: "demo-supervisor", "--format", "text", "--since", "00:00")
        #expect(text.succeeded && text.stdout.hasPrefix("Handover — KEN unit — "), "\(text)")
        let json = try handover(demo, as: "demo-supervisor", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["cards"] is [[String: Any]], "\(json)")
    }

    /// A child missing now whose record and caseload summary are both damaged: the printed
    /// handover said one fewer missing and had no card for them. Now the count holds, the card
    /// says the record does not open, and the strip counts it.
    @Test func aMissingChildWhoseRecordDoesNotOpenKeepsACardAndItsCount() throws {
        let demo = try DemoTemplate.copy()
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let snapshot = try store.loadCaseload()
        try store.close()
        let missing = snapshot.children.filter { $0.isOpen && snapshot.openEpisode(of: $0.id) != nil }
        let damaged = try #require(missing.first)
        try Shell.run(["sqlite3", demo.store, """
            UPDATE records SET payload = randomblob(length(payload)) WHERE kind = 'child' AND id = '\(damaged.id.rawValue)';
            UPDATE summaries SET payload = randomblob(length(payload)) WHERE child_id = '\(damaged.id.rawValue)';
            PRAGMA wal_checkpoint(TRUNCATE);
            """])

        let markdown = try handover(demo, as: "demo-supervisor", "--format", "markdown")
        #expect(markdown.succeeded, "\(markdown)")
        #expect(markdown.stdout.contains("| Missing now | \(missing.count) |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| Records that do not open | 1 |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("### ● URGENT — ⚠ KEN-…"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("Record does not open — run care check"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains(damaged.displayName))
    }

    @Test func otherRolesAndBadTimesAreRefusedInWords() throws {
        let demo = try DemoTemplate.copy()
        let worker = try handover(demo, as: "demo-cp", "--format", "markdown")
        #expect(!worker.succeeded && worker.stdout.isEmpty)
        #expect(worker.stderr.contains("cannot export records; ask a supervisor"), "\(worker)")
        let bad = try handover(demo, as: "demo-supervisor", "--since", "25:99")
        #expect(!bad.succeeded && bad.stdout.isEmpty)
        #expect(bad.stderr.contains("25:99 is not a time like 19:00"), "\(bad)")
    }

    @Test func aTerminalIsNotGivenTheNamesUnlessAskedFor() throws {
        let demo = try DemoFixture()
        let session = try TmuxSession(
            command: "\(Fixture.careBinary) handover --store \(demo.store) --as demo-supervisor --passphrase-fd 3 3<\(demo.passphraseFile)",
            environment: demo.environment)
        let screen = try session.waitFor("CARE-EXITED")
        #expect(screen.contains("a terminal keeps what it shows in its scrollback"), "\(screen)")
        #expect(!screen.contains("## Cards") && !screen.contains("Cards ("))
    }
}
