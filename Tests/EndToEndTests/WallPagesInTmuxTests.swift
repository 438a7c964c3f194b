import CareDomain
import CareStore
import Foundation
import Testing

/// Issue 20: the office wall at 80×24 never hides a card. It pages through every card of a
/// handover of 22 cards and the children missing beside it (a page a second here,
/// `wall_page_seconds = 1`), names masked, and a child reported missing at another terminal is
/// on its first page within three seconds.
@Suite(.serialized)
struct WallPagesInTmuxTests {
    static func caseNumbers(in text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "KEN-[0-9]{4}-[0-9]{4}")
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } })
    }

    @Test func theWallAt80x24ShowsEveryCardWithinOneTurnAndANewMissingChildOnItsFirstPage() throws {
        let demo = try DemoFixture()
        let config = demo.scratch + "/config/care"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try "wall_page_seconds = 1\n".write(toFile: config + "/config.toml", atomically: true, encoding: .utf8)

        // What the wall must show: the cards of the handover it opens (as `H` would), by case number.
        let check = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let now = Date()
        let zone = check.unitInfo.timeZone
        let current = ShiftPattern.standard.shift(containing: now, zone: zone)
        let window = now < current.start.addingTimeInterval(2 * 3_600) ? current.previous : current
        // The handover of that shift, saved by a supervisor with 22 cards (the unit's busy night).
        let before = try check.loadCaseload()
        let onIt = before.children.filter { $0.isOpen && before.openEpisode(of: $0.id) == nil }.prefix(22)
        #expect(onIt.count == 22)
        let severities: [Handover.Severity] = [.stable, .watch, .stable, .urgent]
        var handover = try check.loadHandover(window.handoverID)?.handover
            ?? Handover(id: window.handoverID, shiftStart: window.start, shiftEnd: window.end)
        handover.entries = onIt.enumerated().map { n, child in
            Handover.Entry(child: child.id, severity: severities[n % severities.count], summary: "Card \(n + 1) of 22 (synthetic test).")
        }
        _ = try check.perform(.saveHandover(handover))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: window.start)
        let since = String(format: "%04d-%02d-%02dT%02d:%02d", start.year!, start.month!, start.day!, start.hour!, start.minute!)
        let printed = try CareRun.run([Fixture.careBinary, "handover", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                       "--format", "json", "--since", since], inputs: [3: "demo\n"], environment: demo.environment)
        #expect(printed.succeeded, "\(printed)")
        let json = printed.stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cards = try #require(object["cards"] as? [[String: Any]])
        let expected = Self.caseNumbers(in: cards.compactMap { $0["caseNumber"] as? String }.joined(separator: " "))
        let caseload = try check.loadCaseload()
        let names = caseload.children.filter { expected.contains("\($0.caseNumber)") }.map(\.legalName)
        let missing = try #require(caseload.children.first { child in
            child.isOpen && caseload.openEpisode(of: child.id) == nil && !expected.contains("\(child.caseNumber)")
                && !onIt.contains { $0.id == child.id }
        })
        try check.close()
        #expect(expected.count == cards.count && cards.count >= 22, "\(cards.count) cards")

        let wall = try TmuxSession(
            command: "\(Fixture.careBinary) handover --wall --store \(demo.store) --as demo-supervisor --passphrase-fd 3 3<\(demo.passphraseFile)",
            width: 80, height: 24, environment: demo.environment)
        let first = try wall.waitFor(timeout: 60) { $0.contains("Handover (wall: read-only)") && $0.contains("page 1 of") }
        #expect(first.contains("\(cards.count) cards"))

        // One turn of the pages: every card's case number, no child's name, no worker's name.
        var seen = first
        let pages = try #require(first.range(of: "page 1 of ").map { Int(first[$0.upperBound...].prefix { $0.isNumber }) ?? 0 })
        #expect(pages > 1)
        var shown = Set<Int>([1])
        let deadline = Date().addingTimeInterval(Double(pages) * 1 + 10)
        while shown.count < pages || !Self.caseNumbers(in: seen).isSuperset(of: expected), Date() < deadline {
            let screen = try wall.waitFor(timeout: 3) { screen in !screen.isEmpty }
            seen += screen
            if let range = screen.range(of: "page "), let page = Int(screen[range.upperBound...].prefix { $0.isNumber }) { shown.insert(page) }
        }
        #expect(shown.count == pages, "pages shown: \(shown.sorted())")
        #expect(Self.caseNumbers(in: seen).isSuperset(of: expected), "never on the wall: \(expected.subtracting(Self.caseNumbers(in: seen)).sorted())")
        for name in names where name.count > 3 { #expect(!seen.contains(name), "a child's name on the wall") }
        #expect(!seen.contains("outgoing:"), "the wall names a worker")

        // A child reported missing at another terminal: on the wall's first page within 3 s.
        let worker = try TmuxSession(command: demo.openCommand(user: "demo-police"), environment: demo.environment)
        try worker.reportMissing("\(missing.caseNumber)")
        let after = try wall.waitFor(timeout: 3) { $0.contains("page 1 of") && $0.contains("\(missing.caseNumber) \(missing.initials)") }
        #expect(!after.contains(missing.legalName))
        try wall.send("q")
        try wall.waitFor("CARE-EXITED 0")
    }
}
