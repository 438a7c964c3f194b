import CareDomain
@testable import CareStore
import Foundation
import Testing

/// What reaches the terminal: text from the store never carries its own escape sequences, and a
/// monochrome session sends no colour.
@Suite(.serialized)
struct HostileTextInTmuxTests {
    static let hostileName = "Hostile\u{1B}]52;c;SGVsbG8=\u{07}Test\u{1B}[31m\u{202E}Name\u{9B}2J"

    @Test func escapeSequencesInStoredTextNeverReachTheTerminal() throws {
        let demo = try DemoFixture()
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        // Stored as a careless import might: the screen must still be safe.
        let child = Child(caseNumber: CaseNumber(unit: "KEN", year: 2026, sequence: 9_999), legalName: Self.hostileName,
                          birth: .estimated(years: 15, asOf: DayDate(year: 2026, month: 1, day: 1)), riskLevel: .critical,
                          openedOn: DayDate(year: 2026, month: 1, day: 1))
        try store.importRecords([child], summary: "test child with hostile text")
        try store.close()

        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        try tmux.send("/")
        try tmux.type("KEN-2026-9999")
        try tmux.send("Enter")
        // The printable remains are shown as plain text (visible, harmless).
        let screen = try tmux.waitFor { $0.contains("Hostile]52;c;") && $0.contains("(1 of") }
        #expect(screen.contains("KEN-2026-9999 ·"))
        let raw = try tmux.capture(escapes: true)
        #expect(!raw.contains("\u{07}"), "a BEL (the end of an OSC 52 clipboard write) reached the terminal")
        #expect(!raw.contains("\u{202E}"), "a bidi override reached the terminal")
        #expect(!raw.contains("\u{9B}"), "a C1 CSI reached the terminal")
        // Every escape is tmux's own SGR (ESC [ digits m); none is an OSC or came from the data.
        let escapes = raw.components(separatedBy: "\u{1B}").dropFirst()
        let notSGR = escapes.filter { $0.wholeMatch(of: /\[[0-9;]*m(?s:.*)/) == nil }
        #expect(notSGR.isEmpty, "escape sequences that are not SGR: \(notSGR.prefix(3))")
    }

    @Test func noColorSendsNoColour() throws {
        let demo = try DemoFixture()
        var environment = demo.environment
        environment["NO_COLOR"] = "1"
        let tmux = try TmuxSession(command: demo.openCommand(), environment: environment)
        try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        let raw = try tmux.capture(escapes: true)
        // SGR parameters 30–38, 40–48, 90–97 and 100–107 set colours; none may appear.
        let sgr = raw.matches(of: try Regex(#"\x1B\[([0-9;]*)m"#)).map { String(raw[$0.range]) }
        let colours = sgr.filter { code in
            code.dropFirst(2).dropLast().split(separator: ";").contains { part in
                guard let n = Int(part) else { return false }
                return (30...38).contains(n) || (40...48).contains(n) || (90...97).contains(n) || (100...107).contains(n)
            }
        }
        #expect(colours.isEmpty, "colour codes under NO_COLOR: \(Set(colours))")
        #expect(sgr.contains { $0.contains("7") || $0.contains("1") }, "attributes (reverse, bold) still mark things")
    }
}
