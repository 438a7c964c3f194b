import CareDomain
import CareStore
import CareTestFixtures
import Foundation
import Testing

/// The hostile-text corpus typed, pasted (bracketed and as keys) and imported through the real
/// binary in tmux: nothing crashes, nothing freezes, no escape sequence but the program's own
/// styling reaches the terminal, and the layout holds.
@Suite(.serialized)
struct HostileCorpusInTmuxTests {
    static let corpus = HostileCorpus.shared

    func assertClean(_ tmux: TmuxSession, _ what: String, width: Int = 120) throws {
        let raw = try tmux.capture(escapes: true)
        #expect(ScreenChecks.foreignEscapes(raw).isEmpty, "\(what): \(ScreenChecks.foreignEscapes(raw).prefix(3))")
        let plain = try tmux.capture()
        #expect(ScreenChecks.forbiddenScalars(plain).isEmpty, "\(what): \(ScreenChecks.forbiddenScalars(plain).prefix(5))")
        #expect(ScreenChecks.brokenRows(plain, width: width).isEmpty, "\(what): rows\n\(ScreenChecks.brokenRows(plain, width: width).joined(separator: "\n"))")
        #expect(try tmux.title() != "Synthetic title", "\(what): the window title was set")
    }

    @Test func theCorpusPastedAndTypedIntoANoteNeverReachesTheTerminalRaw() throws {
        let demo = try DemoFixture()
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("Enter")
        try tmux.waitFor("── Recent contacts")
        try tmux.send("n")
        try tmux.waitFor("Log contact")
        try tmux.send("Tab", "Tab")
        // Location (one line): typed as keys, escape bytes and all.
        try tmux.type("Loc\u{1B}[2Jation\u{1B}]0;Synthetic title\u{07}\u{202E}x\u{200B}y")
        try tmux.send("Tab")
        for entry in Self.corpus.short {
            try tmux.paste(bytes: entry.bytes)
            try tmux.send("Enter")
        }
        try tmux.waitFor { $0.contains("Synthetic") || $0.contains("Cleared") }
        try assertClean(tmux, "the form with the corpus in it")
        try tmux.send("C-s")
        try tmux.waitFor("Saved: contact logged")
        try assertClean(tmux, "the record with the note")
        // Read it whole in the reader, after a person's pause (letters typed at once after a form
        // closed are typing that ran on).
        tmux.pauseBeforeTheNextCommand()
        try tmux.send("2", "Enter")
        try tmux.waitFor(timeout: 5) { $0.contains("Cleared") }
        try assertClean(tmux, "the note in the reader")
        // Esc then q in one send would reach care as Alt-q: wait for the reader to close.
        try tmux.send("Escape")
        try tmux.waitFor(timeout: 5) { !$0.contains("Esc close") }
        // Ctrl-C: a letter just after a screen closed is typing that ran on, not a command.
        try tmux.send("C-c")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
    }

    /// Without bracketed paste (TERM=screen-256color has none), a 100,000-character paste arrives
    /// as 100,000 keys: one insertion up to the note's limit, not one pass over the note per key
    /// (that froze the screen for seconds).
    @Test func aHundredThousandCharacterPasteWithoutBracketedPasteDoesNotFreezeTheScreen() throws {
        let demo = try DemoFixture()
        var environment = demo.environment
        environment["TERM"] = "screen-256color"
        let tmux = try TmuxSession(command: demo.openCommand(), environment: environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("Enter", "n")
        try tmux.waitFor("Log contact")
        try tmux.send("Tab", "Tab", "Tab")
        try tmux.paste(bytes: Array(try #require(Self.corpus.long).string.utf8))
        try tmux.waitFor(timeout: 15) { $0.contains("Summary holds at most 20,000 characters;") }
        // And it answers keys at once afterwards.
        try tmux.send("Escape")
        try tmux.waitFor(timeout: 10) { $0.contains("Kept as a draft") }
        try assertClean(tmux, "after the long paste")
        try tmux.send("C-c")
        try tmux.waitFor(timeout: 10) { $0.contains("CARE-EXITED 0") }
    }

    /// Every column of a services catalogue file carrying hostile text: the import cleans it, and
    /// neither `care services list` nor the dashboard's catalogue shows it raw.
    @Test func hostileTextInEveryImportColumnIsCleanedOnTheWayIn() throws {
        let demo = try DemoFixture()
        let hostile = Self.corpus.short.filter { $0.base64 == nil }.map(\.string)
        func toml(_ text: String) -> String {
            "\"" + text.unicodeScalars.map { scalar in
                switch scalar.value {
                case 0x22: "\\\""
                case 0x5C: "\\\\"
                case 0x00...0x1F, 0x7F: String(format: "\\u%04X", scalar.value)
                default: String(scalar)
                }
            }.joined() + "\""
        }
        var file = ""
        for (index, text) in hostile.enumerated() {
            let short = String(text.prefix(200))
            file += """
                [[service]]
                name = \(toml("Hostile \(index) " + short))
                category = "counselling"
                provider = \(toml(short))
                region = \(toml(short))
                languages = [\(toml(short)), "English"]
                indigenous_led = false
                culturally_specific = false


                """
        }
        let path = demo.scratch + "/hostile-services.toml"
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        let imported = try CareRun.care("services", "import", path, "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                        inputs: [3: "demo\n"], environment: demo.environment)
        #expect(imported.signal == nil, "\(imported)")
        #expect(imported.succeeded, "\(imported)")
        let listed = try CareRun.care("services", "list", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                      inputs: [3: "demo\n"], environment: demo.environment)
        #expect(listed.succeeded)
        #expect(listed.stdout.contains("Hostile 0"), "\(listed.stdout.prefix(400))")
        #expect(!listed.stdout.contains("\u{1B}") && ScreenChecks.forbiddenScalars(listed.stdout.replacingOccurrences(of: "\t", with: " ")).isEmpty)

        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        for service in try store.loadCaseload().services where service.name.hasPrefix("Hostile") {
            for text in [service.name, service.provider, service.region] + service.languages {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) },
                        "stored raw: \(text.unicodeScalars.prefix(20).map { String($0.value, radix: 16) })")
            }
        }
        try store.close()

        let tmux = try TmuxSession(command: demo.openCommand(user: "demo-supervisor"), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("C")
        try tmux.waitFor(timeout: 5) { $0.contains("Hostile") }
        try assertClean(tmux, "the services catalogue")
    }
}
