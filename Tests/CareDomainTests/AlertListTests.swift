import CareDomain
import Foundation
import Testing

/// `AlertList` keeps the dashboard's alerts once, with their split by the answers kept as
/// positions and their children as keys beside them. Whatever sequence of changes it goes
/// through, it must hold what a list built and split afresh from the same alerts holds, and
/// split them as `AlertVisibility` does.
@Suite struct AlertListTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let hour: TimeInterval = 3_600

    /// The children alerts are about in these tests; an alert of `owner` nil is about no child.
    struct World {
        let children = (0..<40).map { ChildID(rawValue: "test-child-\($0)") }
        /// Every answer given so far; each refers to an alert id the steps may raise.
        var responses: [AlertResponse] = []

        /// A few alerts about `owner` (a child's position in `children`, or nil): ids of the
        /// owner's own, each at most once, one of them a child missing now (listed even when
        /// answered). Their causes take few values, so an answer given to one alert often holds
        /// for the alert raised again in its place.
        func alerts(of owner: Int?, count: Int, _ stream: inout SeededRandom) -> [Alert] {
            let child = owner.map { children[$0] }
            let name = owner.map { "child-\($0)" } ?? "unit"
            let rules: [AlertRule] = owner == nil ? [.handoverNotAcknowledged, .pattern, .pattern]
                : [.missingNow, .contactOverdue, .safetyPlanDue, .flag, .courtSoon, .referralNoResponse]
            let keys = Array(rules.indices.shuffled(using: &stream).prefix(count))
            return keys.map { key in
                let rule = rules[key]
                return Alert(id: "test-\(rule.rawValue):\(name)-\(key)", rule: rule, severity: rule == .flag ? .critical : rule.defaultSeverity,
                             child: child, message: "Test alert \(key) (synthetic)",
                             since: AlertListTests.now - Double(stream.int(1...3)) * AlertListTests.hour, level: stream.int(0...1))
            }
        }

        /// An answer, mostly to one of `listed`: for the cause it has now or a lesser one,
        /// acknowledged, or snoozed until a time before or after now.
        mutating func answer(_ stream: inout SeededRandom, among listed: [Alert]) {
            let owner = stream.chance(0.2) ? nil : stream.int(0...(children.count - 1))
            guard let alert = listed.isEmpty || stream.chance(0.2) ? alerts(of: owner, count: 1, &stream).first : stream.pick(listed) else { return }
            let snoozed = stream.chance(0.4)
            responses.append(AlertResponse(
                id: AlertResponseID(rawValue: "test-response-\(responses.count)"), alertID: alert.id, child: alert.child,
                since: alert.since, kind: snoozed ? .snoozed : .acknowledged,
                until: snoozed ? AlertListTests.now + Double(stream.int(-2...2)) * AlertListTests.hour : nil,
                note: "Test note (synthetic)", by: WorkerID(rawValue: "test-worker"),
                at: AlertListTests.now - Double(stream.int(1...50)) * 60, gravity: stream.chance(0.2) ? nil : alert.gravity - stream.int(0...1)))
        }
    }

    /// Random changes, seeded so a failure names a step to replay: some children's alerts
    /// replaced (few, placed one by one, or many, merged), those about no child with them,
    /// the answers changed and everything split again.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func keptChangesEqualAListSplitAfresh(seed: UInt64) {
        var stream = SeededRandom(seed: seed)
        var world = World()
        var current: [Int?: [Alert]] = [:]
        for owner in [nil] + world.children.indices.map(Optional.some) {
            current[owner] = world.alerts(of: owner, count: stream.int(0...3), &stream)
        }
        for _ in 0..<60 { world.answer(&stream, among: Self.ordered(current)) }
        var list = AlertList(Self.ordered(current), responses: world.responses, now: Self.now)
        var merged = 0, hidden = 0
        for step in 0..<80 {
            switch stream.int(0...9) {
            case 0:
                for _ in 0..<stream.int(1...6) { world.answer(&stream, among: list.all) }
                list.split(responses: world.responses, now: Self.now)
            default:
                // One to three children (a save), or most of them at once (the clock at midnight).
                let many = stream.chance(0.15)
                let owners = Set((0..<(many ? 30 : stream.int(1...3))).map { _ in stream.int(0...(world.children.count - 1)) })
                let aboutNoChild = stream.chance(0.3)
                var fresh: [Alert] = []
                for owner in owners.sorted() {
                    current[owner] = world.alerts(of: owner, count: stream.int((many ? 3 : 0)...(many ? 6 : 3)), &stream)
                    fresh += current[owner]!
                }
                if aboutNoChild {
                    current[nil] = world.alerts(of: nil, count: stream.int(0...2), &stream)
                    fresh += current[nil]!
                }
                let match = ChildIDMatch(Set(owners.map { world.children[$0] }))
                let gone = list.positions(of: match, aboutNoChild: aboutNoChild)
                #expect(gone == list.all.indices.filter { list.all[$0].child.map(match.contains) ?? aboutNoChild })
                list.replace(gone, with: fresh.shuffled(using: &stream), responses: world.responses, now: Self.now)
                if fresh.count > AlertList.placedOneByOne { merged += 1 }
            }
            hidden = max(hidden, list.hiddenCount)
            let failures = Self.differences(list, from: Self.ordered(current), world.responses)
            #expect(failures.isEmpty, "seed \(seed), step \(step): \(failures.joined(separator: "; "))")
            if !failures.isEmpty { return }
        }
        // Both ways in were taken: placed one by one, and merged.
        #expect(merged > 0, "seed \(seed): no change came with more than \(AlertList.placedOneByOne) alerts")
        #expect(hidden >= 5, "seed \(seed): at most \(hidden) alerts hidden at once")
    }

    /// The shown alerts are the rest once the hidden ones are passed over, wherever those stand:
    /// at the start, the end, side by side, or all of them.
    @Test(arguments: [[Int](), [0], [0, 1, 2], [9], [3, 4, 7], Array(0..<10)])
    func theShownAreTheAlertsNotHiddenInOrder(hiddenAt: [Int]) {
        let alerts = (0..<10).map { index in
            Alert(id: "test-alert:\(index)", rule: .contactOverdue, severity: .warning, child: ChildID(rawValue: "test-child-\(index)"),
                  message: "Test alert (synthetic)", since: Self.now - Double(10 - index) * Self.hour)
        }
        let responses = hiddenAt.map { index in
            AlertResponse(alertID: alerts[index].id, child: alerts[index].child, since: alerts[index].since, kind: .acknowledged,
                          note: "", by: WorkerID(rawValue: "test-worker"), at: Self.now)
        }
        let list = AlertList(alerts, responses: responses, now: Self.now)
        #expect(Array(list.shown) == alerts.indices.filter { !hiddenAt.contains($0) }.map { alerts[$0] })
        #expect(list.hidden == hiddenAt.map { alerts[$0] })
        #expect(Array(list.listed(includingHidden: true)) == alerts)
        #expect(list.counts == (hiddenAt.count == 10 ? [:] : [.warning: 10 - hiddenAt.count]))
    }

    /// A child missing now is never hidden: an answer marks the alert, it stays listed and counted.
    @Test func aMissingChildAnsweredStaysListedAndCounted() {
        let child = ChildID(rawValue: "test-child-missing")
        let missing = Alert(id: "missing:test-episode", rule: .missingNow, severity: .critical, child: child,
                            message: "missing 5h (synthetic)", since: Self.now - 5 * Self.hour, level: 2)
        let answer = AlertResponse(alertID: missing.id, child: child, since: missing.since, kind: .acknowledged, note: "",
                                   by: WorkerID(rawValue: "test-worker"), at: Self.now, gravity: missing.gravity)
        var list = AlertList()
        list.replace([], with: [missing], responses: [answer], now: Self.now)
        #expect(Array(list.shown) == [missing])
        #expect(!list.isHidden(missing))
        #expect(list.answered[missing.id] == answer)
        #expect(list.counts == [.critical: 1])
    }

    static func ordered(_ current: [Int?: [Alert]]) -> [Alert] {
        current.values.flatMap { $0 }.sorted(by: AlertRules.precedes)
    }

    /// What `list` holds that a list split afresh from `alerts` does not, in words.
    static func differences(_ list: AlertList, from alerts: [Alert], _ responses: [AlertResponse]) -> [String] {
        var failures: [String] = []
        let fresh = AlertList(alerts, responses: responses, now: now)
        let visibility = AlertVisibility(alerts, responses: responses, now: now)
        if list.all != alerts { failures.append("the alerts: \(list.all.map(\.id)) against \(alerts.map(\.id))") }
        if list != fresh { failures.append("the list differs from one split afresh") }
        if list.visibility != visibility { failures.append("the split differs from AlertVisibility's") }
        if Array(list.shown) != visibility.shown { failures.append("the shown alerts") }
        var counts: [AlertSeverity: Int] = [:]
        for alert in visibility.shown { counts[alert.severity, default: 0] += 1 }
        if list.counts != counts { failures.append("the counts: \(list.counts) against \(counts)") }
        for alert in alerts where list.isHidden(alert) != visibility.hidden.contains(alert) { failures.append("isHidden(\(alert.id))") }
        if list.all.contains(where: { $0.rule == .missingNow && list.isHidden($0) }) { failures.append("a missing child hidden") }
        return failures
    }
}
