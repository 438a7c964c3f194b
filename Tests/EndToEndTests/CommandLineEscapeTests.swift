import Foundation
import Testing

/// Nothing raw reaches the terminal from the command line: an account name and a record id
/// holding escape sequences (set with sqlite3, as an attacker with the file would) come out of
/// every subcommand as plain text.
@Suite struct CommandLineEscapeTests {
    /// Sets the window title, rings, clears the screen; a C1 CSI and a bidi override besides.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}2J\u{202E}"
    static let evilAccount = "demo-" + hostile
    static let forbidden: [Character] = ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"]

    static func sqlText(_ text: String) -> String {
        text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "'" ? "'\($0)'" : "char(\($0.value))" }.joined(separator: " || ")
    }

    /// A demo store whose police account and one contact's id hold the hostile text.
    func hostileStore() throws -> (scratch: String, store: String) {
        let demo = try DemoTemplate.copy()
        let evil = Self.sqlText(Self.hostile)
        try Shell.run(["sqlite3", demo.store, """
            UPDATE accounts SET account_name = 'demo-' || \(evil) WHERE account_name = 'demo-police';
            UPDATE records SET id = 'contact-' || \(evil) WHERE id = (SELECT id FROM records WHERE kind = 'contact' ORDER BY id LIMIT 1);
            PRAGMA wal_checkpoint(TRUNCATE);
            """])
        return demo
    }

    func expectClean(_ run: CareRun, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for character in Self.forbidden {
            #expect(!run.output.contains(character), "\(what) printed U+\(String(character.unicodeScalars.first!.value, radix: 16)): \(run)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func everySubcommandPrintsTheHostileNameAndIdAsPlainText() throws {
        let demo = try hostileStore()
        let environment = Fixture.environment(scratch: demo.scratch)
        func care(_ args: [String], _ inputs: [Int32: String] = [0: "demo\n"]) throws -> CareRun {
            try CareRun.run([Fixture.careBinary] + args, inputs: inputs, environment: environment)
        }
        let store = ["--store", demo.store]
        let supervisor = store + ["--as", "demo-supervisor", "--passphrase-fd", "0"]

        // A wrong passphrase under the hostile name: the refusal names it, and the failed
        // sign-in waits (in clear) to be folded into the trail with the name in its words.
        let wrong = try care(["check", "--as", Self.evilAccount, "--passphrase-fd", "0"] + store, [0: "not it\n"])
        #expect(wrong.output.contains("Wrong passphrase for account \"demo-]0;pwned[2J2J\""), "\(wrong)")
        expectClean(wrong, "check as the hostile account")

        let check = try care(["check"] + supervisor)
        #expect(check.stdout.contains("contact-]0;pwned[2J2J: added outside care"), "\(check)")
        expectClean(check, "check")

        let audit = try care(["audit"] + supervisor)
        #expect(audit.stdout.contains("failed sign-in for demo-]0;pwned[2J2J: wrong passphrase"), "\(audit)")
        expectClean(audit, "audit")

        let runs: [(String, [String], [Int32: String])] = [
            ("audit --user", ["audit", "--user", Self.evilAccount] + supervisor, [0: "demo\n"]),
            ("audit --head", ["audit", "--head"] + supervisor, [0: "demo\n"]),
            ("user list", ["user", "list"] + supervisor, [0: "demo\n"]),
            ("user role", ["user", "role", Self.evilAccount, "--role", "liaison"] + supervisor, [0: "demo\n"]),
            ("user passwd", ["user", "passwd", Self.evilAccount, "--new-passphrase-fd", "3"] + supervisor, [0: "demo\n", 3: "a new passphrase\n"]),
            ("user disable", ["user", "disable", Self.evilAccount] + supervisor, [0: "demo\n"]),
            ("user add", ["user", "add", Self.evilAccount, "--role", "police", "--new-passphrase-fd", "3"] + supervisor,
             [0: "demo\n", 3: "a new passphrase\n"]),
            ("open", ["--user", Self.evilAccount, "--passphrase-fd", "0"] + store, [0: "a new passphrase\n"]),
            ("demo", ["demo", "--no-open", "--user", Self.evilAccount] + store, [:]),
            ("init", ["init", "--unit", "TST", "--admin", Self.evilAccount, "--passphrase-fd", "0", "--store", demo.scratch + "/new.care"],
             [0: "a new passphrase\n"]),
            ("check, a hostile store path", ["check", "--as", "demo-supervisor", "--store", demo.scratch + "/" + Self.hostile + ".care"], [:]),
            ("keys", ["keys"], [:]),
        ]
        for (what, args, inputs) in runs {
            let run = try care(args, inputs)
            expectClean(run, what)
            #expect(run.signal == nil, "\(what): \(run)")
        }
        // Renamed in the file, the account no longer matches its certificate: the role change was
        // refused in words (`CertifiedAccountTests`), the new passphrase certified it again.
        let listed = try care(["user", "list"] + supervisor)
        #expect(listed.stdout.contains("demo-]0;pwned[2J2J\tpolice\tdisabled"), "\(listed)")
    }

    @Test func thePassphrasePromptShowsTheHostileNameAsPlainText() throws {
        let demo = try hostileStore()
        let tmux = try TmuxSession(
            command: "echo BEFORE-THE-PROMPT; \(Fixture.careBinary) check --store \(demo.store) --as \(Shell.quote(Self.evilAccount))",
            environment: Fixture.environment(scratch: demo.scratch))
        let screen = try tmux.waitFor(timeout: 30) { $0.contains("Passphrase for") }
        #expect(screen.contains("Passphrase for demo-]0;pwned[2J2J:"), "\(screen)")
        #expect(screen.contains("BEFORE-THE-PROMPT"), "the screen was cleared:\n\(screen)")
        #expect(try tmux.title() != "pwned")
        let raw = try tmux.capture(escapes: true)
        #expect(!raw.contains("\u{07}") && !raw.contains("\u{9B}") && !raw.contains("\u{202E}"))
    }
}
