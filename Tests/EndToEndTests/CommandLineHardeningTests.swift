import CareDomain
import CareStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The attacks on a copied store file and on the command line, tried against the real binary:
/// each now fails, in words.
@Suite struct CommandLineHardeningTests {
    static let passphrase = "demo\n"

    func care(_ demo: (scratch: String, store: String), _ args: [String], input: String = passphrase) throws -> CareRun {
        try CareRun.run(
            [Fixture.careBinary] + args + ["--store", demo.store, "--passphrase-fd", "0"], inputs: [0: input],
            environment: Fixture.environment(scratch: demo.scratch))
    }

    func sql(_ store: String, _ statements: String) throws {
        try Shell.run(["sqlite3", store, statements + " PRAGMA wal_checkpoint(TRUNCATE);"])
    }

    // MARK: The audit trail's tail

    /// A cut of the trail, and what `care check` must say about it.
    struct TailCut: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let named: String
        var testDescription: String { name }

        static let all = [
            TailCut(name: "the last events deleted", sql: "DELETE FROM audit WHERE seq >= 5;",
                    named: "audit chain broken at event 5: deleted (the trail was cut"),
            TailCut(name: "every event deleted", sql: "DELETE FROM audit;",
                    named: "audit chain broken at event 1: deleted (the trail was cut"),
            TailCut(name: "the head rewritten to match a cut", sql: """
                DELETE FROM audit WHERE seq >= 5;
                UPDATE meta SET value = (SELECT zeroblob(8) || hash || zeroblob(32) FROM audit WHERE seq = 4) WHERE key = 'audit_head';
                """, named: "the head of the trail was removed or rewritten"),
        ]
    }

    @Test(arguments: TailCut.all)
    func aCutTrailIsRefusedAtSignInAndNamedByCheck(_ cut: TailCut) throws {
        let demo = try DemoTemplate.copy()
        try sql(demo.store, cut.sql)
        let events = { try Shell.run(["sqlite3", demo.store, "SELECT COUNT(*), quote(value) FROM audit, meta WHERE key = 'audit_head';"]) }
        let before = try events()

        let audit = try care(demo, ["audit", "--as", "demo-supervisor"])
        #expect(audit.exitCode != 0 && audit.output.contains("The audit trail does not reach its head"), "\(audit)")
        #expect(!audit.stdout.contains("login"), "\(audit)")
        let check = try care(demo, ["check", "--as", "demo-supervisor"])
        #expect(check.exitCode != 0 && check.stdout.contains(cut.named), "\(check)")
        // Neither run wrote an event that would anchor the cut under a new head.
        #expect(try events() == before)
    }

    @Test func auditHeadPrintsTheTrailsHeadToKeepOutsideTheStore() throws {
        let demo = try DemoTemplate.copy()
        let audit = try care(demo, ["audit", "--as", "demo-supervisor"])
        let last = try #require(audit.stdout.split(separator: "\n").last?.split(separator: "\t").first.flatMap { Int($0) })
        let head = try care(demo, ["audit", "--head", "--as", "demo-supervisor"])
        #expect(head.succeeded, "\(head)")
        let fields = Dictionary(uniqueKeysWithValues: head.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t")
            return (String(parts[0]), String(parts.last ?? ""))
        })
        // This run's own sign-in is the event after the last one listed before.
        #expect(fields["event"] == String(last + 1), "\(head)")
        #expect(fields["hash"]?.wholeMatch(of: /[0-9a-f]{64}/) != nil, "\(head)")
        #expect(fields["store"]?.wholeMatch(of: /[0-9a-f]{32}/) != nil, "\(head)")
        let stored = try Shell.run(["sqlite3", demo.store, "SELECT lower(hex(hash)) FROM audit ORDER BY seq DESC LIMIT 1;"])
        #expect(fields["hash"] == stored.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: Records

    /// A change to the records table made with sqlite3, and the words `care check` names it with.
    struct RecordTampering: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let named: String
        var testDescription: String { name }

        static let all = [
            RecordTampering(name: "a note moved to another child", sql: """
                UPDATE records SET child_id = (SELECT id FROM records WHERE kind = 'child' ORDER BY id LIMIT 1 OFFSET 5)
                WHERE id = (SELECT id FROM records WHERE kind = 'contact' ORDER BY id LIMIT 1);
                """, named: ": moved from child "),
            RecordTampering(name: "a contact deleted", sql: """
                DELETE FROM records WHERE id = (SELECT id FROM records WHERE kind = 'contact' ORDER BY id LIMIT 1);
                """, named: ": deleted (the audit trail wrote version 1)"),
            RecordTampering(name: "every missing episode deleted", sql: "DELETE FROM records WHERE kind = 'missing-episode';",
                            named: "missing-episode "),
        ]
    }

    @Test(arguments: RecordTampering.all)
    func checkNamesEachRecordChangedOutsideCare(_ tampering: RecordTampering) throws {
        let demo = try DemoTemplate.copy()
        try sql(demo.store, tampering.sql)
        let run = try care(demo, ["check", "--as", "demo-supervisor"])
        #expect(run.signal == nil && run.exitCode != 0, "\(run)")
        #expect(run.stdout.contains(tampering.named), "\(run)")
        #expect(run.stdout.contains("audit chain intact"), "\(run)")
    }

    @Test func aRecordRolledBackToAnOlderVersionIsNamed() throws {
        let demo = try DemoTemplate.copy()
        let child = try Shell.run(["sqlite3", demo.store, "SELECT id FROM records WHERE kind = 'child' ORDER BY id LIMIT 1;"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try sql(demo.store, "CREATE TABLE kept AS SELECT * FROM records WHERE id = '\(child)';")
        // A worker edits the child (through the store, as the dashboard would).
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        var edited = try store.loadDetail(of: ChildID(rawValue: child), contactLimit: 1).child
        edited.placement = "A later test placement"
        _ = try store.perform(.updateChild(edited))
        try store.close()
        // The older row put back whole: its seal still opens.
        try sql(demo.store, "DELETE FROM records WHERE id = '\(child)'; INSERT INTO records SELECT * FROM kept; DROP TABLE kept;")
        let run = try care(demo, ["check", "--as", "demo-supervisor"])
        #expect(run.exitCode != 0 && run.stdout.contains("child \(child): rolled back to version 1 (the audit trail wrote version 2)"), "\(run)")
    }

    // MARK: Sign-in throttling

    @Test func fiveWrongTriesFromTheCommandLineWaitLongerEachTime() throws {
        let demo = try DemoTemplate.copy()
        for (attempt, wait) in [1, 2, 4, 8, 16].enumerated() {
            if attempt > 0 {
                // The last wait passes (moved back in the store rather than slept through).
                try sql(demo.store, "UPDATE failed_logins SET at = at - 60;")
            }
            let wrong = try care(demo, ["check", "--as", "demo-police"], input: "wrong guess \(attempt)\n")
            #expect(wrong.exitCode != 0, "\(wrong)")
            #expect(wrong.output.contains("Wrong passphrase for account \"demo-police\". Wait \(wait) s before the next try."), "\(wrong)")
        }
        // Within the 16 s, even the right passphrase is refused with the wait, and not tried.
        let early = try care(demo, ["check", "--as", "demo-police"])
        #expect(early.exitCode != 0, "\(early)")
        #expect(early.output.contains("Too many wrong passphrases for \"demo-police\": wait "), "\(early)")
        #expect(try Shell.run(["sqlite3", demo.store, "SELECT COUNT(*) FROM failed_logins;"]) == "5\n")
        try sql(demo.store, "UPDATE failed_logins SET at = at - 60;")
        let signedIn = try care(demo, ["check", "--as", "demo-police"])
        #expect(signedIn.succeeded, "\(signedIn)")
    }

    // MARK: The previous version's store

    @Test func aStoreMadeByThePreviousVersionOpensMigratesAndPassesCheck() throws {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/KEN.care"
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CareStoreTests/Fixtures/previous-version.care").path
        try FileManager.default.copyItem(atPath: fixture, toPath: store)
        let demo = (scratch: scratch, store: store)
        let check = try care(demo, ["check", "--as", "demo-supervisor"])
        #expect(check.succeeded, "\(check)")
        #expect(check.stdout.contains("records: all 177 match the audit trail"), "\(check)")
        #expect(check.stdout.contains("audit chain intact"), "\(check)")
        let audit = try care(demo, ["audit", "--as", "demo-supervisor"])
        #expect(audit.stdout.contains("upgraded the store"), "\(audit)")
        for account in ["demo-cp", "demo-police", "demo-liaison"] {
            let run = try care(demo, ["check", "--as", account])
            #expect(run.succeeded, "\(run)")
        }
    }

    // MARK: Modes

    @Test func aReadOnlyStoreSaysSoAndIsNotWritten() throws {
        let demo = try DemoTemplate.copy()
        try sql(demo.store, "")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: demo.store + suffix) }
        _ = chmod(demo.store, 0o400)
        let before = FileManager.default.contents(atPath: demo.store)
        let run = try care(demo, ["audit", "--as", "demo-supervisor"])
        #expect(run.succeeded, "\(run)")
        #expect(run.stderr.contains("care: This store is read-only: the store file is not writable (mode 0400)."), "\(run)")
        #expect(FileManager.default.contents(atPath: demo.store) == before)
        let mode = (try FileManager.default.attributesOfItem(atPath: demo.store)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o400)
    }
}
