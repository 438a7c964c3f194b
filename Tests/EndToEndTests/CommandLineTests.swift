import Foundation
import Testing

/// The `care` subcommands as a script or a supervisor at a shell uses them: real binary, real
/// files, exit codes and the words printed. No terminal except where the terminal is the point.
@Suite struct CommandLineTests {
    static let demoPassphrase = "demo\n"

    // MARK: care demo

    @Test func demoOnAnExistingStoreLeavesEveryByteAsItIs() throws {
        let demo = try DemoTemplate.copy()
        let before = StoreBytes(of: demo.store)
        #expect(before.files[""]??.isEmpty == false)

        let run = try CareRun.care("demo", "--no-open", "--store", demo.store, environment: Fixture.environment(scratch: demo.scratch))

        #expect(run.succeeded, "\(run)")
        #expect(run.stdout.contains("left as it is"), "\(run)")
        #expect(!run.stdout.contains("Created"), "\(run)")
        #expect(StoreBytes(of: demo.store) == before)
    }

    // MARK: care check

    @Test func checkPassesOnAFreshDemoStore() throws {
        let demo = try DemoTemplate.copy()
        let run = try CareRun.care(
            "check", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "0", inputs: [0: Self.demoPassphrase])
        #expect(run.succeeded, "\(run)")
        #expect(run.stdout.contains("SQLite integrity: ok"), "\(run)")
        #expect(run.stdout.contains("audit chain intact"), "\(run)")
    }

    /// A change an attacker (or a bad disk) makes to the audit table with plain SQLite, and the
    /// event `care check` must name.
    struct Tampering: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let brokenAt: Int
        var testDescription: String { name }

        static let all = [
            Tampering(name: "one event's payload replaced",
                      sql: "UPDATE audit SET payload = randomblob(length(payload)) WHERE seq = 3;", brokenAt: 3),
            Tampering(name: "a middle event deleted", sql: "DELETE FROM audit WHERE seq = 5;", brokenAt: 5),
            Tampering(name: "two events' hash and payload swapped", sql: """
                CREATE TEMP TABLE original AS SELECT seq, hash, payload FROM audit WHERE seq IN (3, 6);
                UPDATE audit SET hash = (SELECT hash FROM original WHERE original.seq = 9 - audit.seq),
                                 payload = (SELECT payload FROM original WHERE original.seq = 9 - audit.seq)
                WHERE seq IN (3, 6);
                """, brokenAt: 3),
        ]
    }

    @Test(arguments: Tampering.all)
    func checkNamesTheFirstTamperedAuditEvent(_ tampering: Tampering) throws {
        let demo = try DemoTemplate.copy()
        // No care process has the store open; the checkpoint puts the change in the main file.
        let changes = try Shell.run(["sqlite3", demo.store, tampering.sql + " SELECT changes(); PRAGMA wal_checkpoint(TRUNCATE);"])
        #expect(changes.split(separator: "\n").first != "0", "the tampering SQL changed nothing")

        let run = try CareRun.care(
            "check", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "0", inputs: [0: Self.demoPassphrase])

        #expect(run.signal == nil && run.exitCode == 1, "\(run)")
        #expect(run.stdout.contains("audit chain broken at event \(tampering.brokenAt):"), "\(run)")
    }

    /// The check's exit code is the store's state alone: 0 healthy, 1 damaged, 2 not checked.
    @Test func checkExitsTwoWhenItCouldNotCheckAndOneOnlyForDamage() throws {
        let demo = try DemoTemplate.copy()
        func check(_ arguments: String..., passphrase: String = Self.demoPassphrase) throws -> CareRun {
            try CareRun.run([Fixture.careBinary, "check"] + arguments, inputs: [3: passphrase],
                            environment: Fixture.environment(scratch: demo.scratch))
        }
        let wrong = try check("--store", demo.store, "--as", "demo-cp", "--passphrase-fd", "3", passphrase: "wrong\n")
        #expect(wrong.exitCode == 2 && wrong.stderr.contains("Wrong passphrase"), "\(wrong)")
        let none = try check("--store", demo.scratch + "/none.care", "--as", "demo-cp", "--passphrase-fd", "3")
        #expect(none.exitCode == 2 && none.stderr.contains("No care store was found"), "\(none)")
        let usage = try check("--no-such-option")
        #expect(usage.exitCode == 2, "\(usage)")
        // A folder named as the store was said to be a disk that may be failing.
        let folder = try check("--store", demo.scratch, "--as", "demo-cp", "--passphrase-fd", "3")
        #expect(folder.exitCode == 2, "\(folder)")
        #expect(folder.stderr.contains("\(demo.scratch) is a folder, not a store's file (it holds demo.care)"), "\(folder)")
        #expect(!folder.stderr.contains("disk"), "\(folder)")

        // Not a database at all: damaged, in words that do not send the person to `care check`.
        let junk = demo.scratch + "/junk.care"
        try "not a store".write(toFile: junk, atomically: true, encoding: .utf8)
        let damaged = try check("--store", junk, "--as", "demo-cp", "--passphrase-fd", "3")
        #expect(damaged.exitCode == 1, "\(damaged)")
        #expect(damaged.stderr.contains("damaged or not a care store") && !damaged.stderr.contains("run `care check`"), "\(damaged)")
    }

    /// Another session holds the store's write lock for longer than the check waits to open it
    /// (opening checks the store's format in a write transaction): not checked, exit 2, in words.
    @Test func aCheckOfAStoreAnotherSessionHoldsIsNotCheckedAndExitsTwo() throws {
        let demo = try DemoTemplate.copy()
        let holder = try WaitingInTmuxTests.LockHolder(store: demo.store)
        try holder.hold()
        let run = try CareRun.care(
            "check", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "0", inputs: [0: Self.demoPassphrase])
        try holder.letGo()
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderr.contains("Another session held the store") && run.stderr.contains("The store was not checked."), "\(run)")
        #expect(!run.stdout.contains("audit chain"), "\(run)")
    }

    @Test func aWrongPassphraseIsRefusedInWords() throws {
        let demo = try DemoTemplate.copy()
        let run = try CareRun.care(
            "check", "--store", demo.store, "--as", "demo-cp", "--passphrase-fd", "0", inputs: [0: "wrong\n"])

        #expect(run.signal == nil && run.exitCode != 0, "\(run)")
        #expect(run.output.contains("Wrong passphrase for account \"demo-cp\""), "\(run)")
        for trace in ["Stack trace", "Fatal error", "Stack dump", "#0 ", "0x0000"] {
            #expect(!run.output.contains(trace), "\(run)")
        }
        #expect(!run.stdout.contains("audit chain"), "a check report was printed without the passphrase")
    }

    // MARK: care (open)

    @Test func noStoreSaysHowToMakeOne() throws {
        let scratch = try Fixture.scratchDirectory()
        let missing = scratch + "/nonexistent/x.care"
        let run = try CareRun.care("--store", missing, environment: Fixture.environment(scratch: scratch))

        #expect(run.signal == nil && run.exitCode != 0, "\(run)")
        #expect(run.output.contains("care demo"), "\(run)")
        #expect(run.output.contains("care init"), "\(run)")
        #expect(run.output.contains(missing), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: missing), "opening must not create a store")
    }

    // MARK: care audit

    @Test func aSupervisorReadsTheAuditTrail() throws {
        let demo = try DemoTemplate.copy()
        let run = try CareRun.care(
            "audit", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "0", inputs: [0: Self.demoPassphrase])

        #expect(run.succeeded, "\(run)")
        let lines = Self.auditFields(run.stdout)
        #expect(lines.count >= 3, "\(run)")
        // Sequence numbers 1, 2, 3, … in order, and this very sign-in as the last event.
        #expect(lines.map { Int($0[0]) } == (1...lines.count).map { Optional($0) }, "\(run)")
        let last = try #require(lines.last)
        #expect(last.count >= 4 && last[2] == "demo-supervisor" && last[3] == "login", "\(run)")
    }

    /// `care audit` lines split into their tab-separated fields: sequence, time, account, action,
    /// target, the child's case number and summary.
    static func auditFields(_ output: String) -> [[Substring]] {
        output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    @Test func aWorkerWhoIsNotASupervisorIsToldWhoMayReadTheAudit() throws {
        let demo = try DemoTemplate.copy()
        let run = try CareRun.care(
            "audit", "--store", demo.store, "--as", "demo-cp", "--passphrase-fd", "0", inputs: [0: Self.demoPassphrase])

        #expect(run.signal == nil && run.exitCode != 0, "\(run)")
        #expect(run.output.contains("cannot read the audit trail"), "\(run)")
        #expect(run.output.contains("ask a supervisor"), "\(run)")
        #expect(!run.stdout.contains("login"), "no event may be printed: \(run)")
    }

    @Test func auditFilteredByAccountShowsThatAccountsEvents() throws {
        let demo = try DemoTemplate.copy()
        let run = try CareRun.care(
            "audit", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "0", "--user", "demo-supervisor",
            inputs: [0: Self.demoPassphrase])
        #expect(run.succeeded, "\(run)")
        let actors = Self.auditFields(run.stdout).map { $0.count > 2 ? $0[2] : "" }
        #expect(actors.allSatisfy { $0 == "demo-supervisor" }, "\(run)")
        #expect(!actors.isEmpty, "\(run)")
    }

    // MARK: terminals

    @Test func withoutATerminalTheDashboardSaysSoInWords() throws {
        let demo = try DemoTemplate.copy()
        var environment = Fixture.environment(scratch: demo.scratch)
        environment["TERM"] = "nonexistent-term"
        let run = try CareRun.care("demo", "--store", demo.store, environment: environment)

        #expect(run.signal == nil && run.exitCode != 0, "\(run)")
        #expect(run.output.contains("care needs a terminal"), "\(run)")
    }

    /// In the background of a real terminal (a shell with job control runs `care demo &`: its own
    /// process group, the terminal still its input and output), care used to open /dev/tty and
    /// change its settings first, and the kernel stopped it for good (SIGTTOU): "Stopped (tty
    /// output)", and `swift test` run in a terminal hung on the test above. Now nothing touches
    /// the terminal: it says why in words, exits 1, and has written nothing to the store.
    @Test func inTheBackgroundOfATerminalTheDashboardSaysSoInWordsAndExits() throws {
        let demo = try DemoTemplate.copy()
        let before = StoreBytes(of: demo.store)
        let environment = Fixture.environment(scratch: demo.scratch).map { "\($0.key)=\(Shell.quote($0.value))" }.sorted()
        // `wait` answers when care exits, or (before) when it was stopped: 128 + SIGTTOU.
        let session = try TmuxSession(command: "set -m; env \(environment.joined(separator: " ")) "
            + "\(Fixture.careBinary) demo --store \(demo.store) & wait $!; echo CARE-STATUS $?")

        let screen = try session.waitFor(timeout: 30) { $0.contains("CARE-EXITED") }
        #expect(screen.contains("care needs a terminal in the foreground"), "\(screen)")
        // Before: 150, stopped by SIGTTOU.
        #expect(screen.split(separator: "\n").contains("CARE-STATUS 1"), "\(screen)")
        #expect(StoreBytes(of: demo.store) == before, "no sign-in was written")
    }

    /// `TERM=dumb` (Emacs' shell buffer, some consoles) has no cursor addressing: it used to get
    /// a blank screen with the raw background query printed on it.
    /// `care demo` under `term` in tmux, until it exits; the screen then, with a status line of its
    /// own (TmuxSession's "CARE-EXITED $?" follows an `echo`, so it always says 0).
    static func careDemo(term: String, demo: (scratch: String, store: String)) throws -> String {
        var environment = Fixture.environment(scratch: demo.scratch)
        environment["TERM"] = term
        let session = try TmuxSession(
            command: "\(Fixture.careBinary) demo --store \(demo.store); echo CARE-STATUS $?", environment: environment)
        return try session.waitFor(timeout: 30) { $0.contains("CARE-EXITED") }
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefusedInWordsNamingOneThatCan() throws {
        let demo = try DemoTemplate.copy()
        let before = StoreBytes(of: demo.store)
        let screen = try Self.careDemo(term: "dumb", demo: demo)
        #expect(screen.contains("The terminal type 'dumb' cannot move the cursor"), "\(screen)")
        #expect(screen.contains("xterm") && screen.contains("TERM=xterm-256color"), "\(screen)")
        #expect(screen.split(separator: "\n").contains("CARE-STATUS 1"), "\(screen)")
        #expect(!screen.contains("11;?") && !screen.contains("[c"), "the background query reached the screen: \(screen)")
        #expect(StoreBytes(of: demo.store) == before, "no sign-in was written")
    }

    @Test func anUnknownTerminalTypeIsNamedOnTheScreen() throws {
        let demo = try DemoTemplate.copy()
        let screen = try Self.careDemo(term: "nonexistent-term", demo: demo)
        #expect(screen.contains("The terminal type 'nonexistent-term' is not known here"), "\(screen)")
        #expect(screen.contains("TERM=xterm-256color"), "\(screen)")
        #expect(screen.contains("CARE-STATUS 1"), "\(screen)")
    }

    // MARK: version, help, manual, completions, install

    /// The repository's root, for its committed files.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func versionHelpCompletionsAndTheManualPageComeFromTheCommands() throws {
        let version = try CareRun.care("--version")
        #expect(version.succeeded && version.stdout.contains("(store format care-store/"), "\(version)")
        // `care --help` named no option of the default command.
        let help = try CareRun.care("--help")
        for option in ["--store <store>", "--user <user>", "--passphrase-fd <passphrase-fd>", "--theme <theme>"] {
            #expect(help.stdout.contains("  " + option), "\(option): \(help)")
        }
        let bash = try CareRun.care("--generate-completion-script", "bash")
        #expect(bash.succeeded && bash.stdout.contains("handover") && bash.stdout.contains("--passphrase-fd"), "\(bash)")
        // docs/care.1 is what the commands make now; after changing a command's help, run
        // `.build/debug/care manual > docs/care.1`.
        let manual = try CareRun.care("manual")
        let committed = try String(contentsOfFile: Self.root + "/docs/care.1", encoding: .utf8)
        #expect(manual.succeeded && manual.stdout == committed, "docs/care.1 is stale: regenerate it with `care manual > docs/care.1`")
        #expect(committed.contains(".SS care check") && committed.contains("exits 0 when the store is healthy"))
    }

    /// The README's install: the program with its themes and catalogue beside it, a link on the
    /// path, the manual page and the completions, all working from anywhere.
    @Test func theInstallScriptPutsTheProgramItsFilesTheManualAndCompletionsInPlace() throws {
        let scratch = try Fixture.scratchDirectory()
        let prefix = scratch + "/prefix"
        let said = try Shell.run(Self.root + "/scripts/install.sh", "--prefix", prefix, "--binary", Fixture.careBinary)
        #expect(said.contains("Installed care 0."), "\(said)")
        for file in ["bin/care", "lib/care/themes/default.toml", "lib/care/catalogue/services.toml", "share/man/man1/care.1",
                     "share/bash-completion/completions/care", "share/zsh/site-functions/_care", "share/fish/vendor_completions.d/care.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        // From another folder, so the catalogue found is the installed one.
        let environment = Fixture.environment(scratch: scratch).map { "\($0.key)=\(Shell.quote($0.value))" }.sorted().joined(separator: " ")
        let demo = try Shell.run("sh", "-c", "cd / && env \(environment) \(Shell.quote(prefix))/bin/care demo --no-open")
        #expect(demo.contains("Created a synthetic demo store") && demo.contains("12 services"), "\(demo)")
    }

    // MARK: care init and care user

    @Test func initRefusesAShortPassphraseAndCreatesNothing() throws {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/TST.care"
        let run = try CareRun.care(
            "init", "--store", store, "--unit", "TST", "--admin", "sup-test", "--passphrase-fd", "0", inputs: [0: "short\n"])

        #expect(run.signal == nil && run.exitCode != 0, "\(run)")
        #expect(run.output.contains("at least 10 characters"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func aSupervisorAddsListsAndDisablesAnAccount() throws {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/TST.care"
        let supervisor = "sup test passphrase\n"
        let worker = "worker test passphrase\n"
        func care(_ args: String..., inputs: [Int32: String]) throws -> CareRun {
            try CareRun.run([Fixture.careBinary] + args + ["--store", store], inputs: inputs, environment: Fixture.environment(scratch: scratch))
        }

        let created = try care("init", "--unit", "TST", "--admin", "sup-test", "--passphrase-fd", "0", inputs: [0: supervisor])
        #expect(created.succeeded, "\(created)")
        #expect(FileManager.default.fileExists(atPath: store))
        // The unit's authority key is printed to be written down (docs/security.md).
        #expect(created.stdout.contains("The unit's authority key, which certifies every account: "), "\(created)")

        let added = try care(
            "user", "add", "test-worker", "--role", "police", "--as", "sup-test", "--passphrase-fd", "3", "--new-passphrase-fd", "4",
            inputs: [3: supervisor, 4: worker])
        #expect(added.succeeded, "\(added)")

        let listed = try care("user", "list", "--as", "sup-test", "--passphrase-fd", "3", inputs: [3: supervisor])
        #expect(listed.succeeded, "\(listed)")
        #expect(Set(listed.stdout.split(separator: "\n")) == ["sup-test\tsupervisor\tactive", "test-worker\tpolice\tactive"], "\(listed)")

        // The new account works before it is disabled, so the refusal below is the disabling's doing.
        let workerCheck = try care("check", "--as", "test-worker", "--passphrase-fd", "0", inputs: [0: worker])
        #expect(workerCheck.succeeded, "\(workerCheck)")

        let disabled = try care("user", "disable", "test-worker", "--as", "sup-test", "--passphrase-fd", "0", inputs: [0: supervisor])
        #expect(disabled.succeeded, "\(disabled)")

        let refused = try care("check", "--as", "test-worker", "--passphrase-fd", "0", inputs: [0: worker])
        #expect(refused.signal == nil && refused.exitCode != 0, "\(refused)")
        #expect(refused.output.contains("\"test-worker\" is disabled"), "\(refused)")

        let stillWorks = try care("check", "--as", "sup-test", "--passphrase-fd", "0", inputs: [0: supervisor])
        #expect(stillWorks.succeeded, "\(stillWorks)")
        let after = try care("user", "list", "--as", "sup-test", "--passphrase-fd", "0", inputs: [0: supervisor])
        #expect(after.stdout.contains("test-worker\tpolice\tdisabled"), "\(after)")
    }
}
