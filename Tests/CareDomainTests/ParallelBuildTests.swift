import Foundation
import Testing
@testable import CareDomain

/// The dashboard's rows and alerts of a large caseload are built on every core and the search
/// keys are folded straight into bytes; both must give exactly what the plain, one-at-a-time
/// computation gives, in the same order.
@Suite("Building the caseload on every core")
struct ParallelBuildTests {
    typealias F = Fixture

    /// A unit large enough to be split between workers (`ParallelMap.minimumChunk`), with
    /// children whose names and communities take every folding path: no preferred name, no name
    /// at all, accents typed either way, syllabics, Greek, a symbol, several affiliations; and a
    /// worker with no name and a team member who is no worker.
    static let snapshot: CaseloadSnapshot = {
        var snapshot = DemoGenerator.make(seed: 31, children: 2_600, now: F.now, contactsPerChild: 1).snapshot()
        let names: [(preferred: String, legal: String)] = [
            ("", "Riley Démo-Sample"), ("", ""), ("Zoe\u{301} Test", "Zoé Test"), ("ᓴᕋ", "Tess Testcase"),
            ("Ωmega Example", "ΩMEGA EXAMPLE"), ("Quinn ½ Placeholder", "Quinn Placeholder"),
        ]
        for (offset, name) in names.enumerated() {
            let index = 100 + offset * 401
            snapshot.children[index].preferredName = name.preferred
            snapshot.children[index].legalName = name.legal
            snapshot.children[index].indigenousIdentity = .affiliations([
                Affiliation(group: .metis, community: "Lakeview Me\u{301}tis Test Council"),
                Affiliation(group: .firstNations, community: ""),
                Affiliation(group: .metis, community: "Birch Point Ωtest"),
            ])
        }
        snapshot.children[2_000].team.police = WorkerID(rawValue: "w-nobody")
        snapshot.workers[0].displayName = ""
        return snapshot
    }()

    @Test("positions are mapped in order, on one thread or several, and ranges cover every position once")
    func parallelMapKeepsOrder() {
        for count in [0, 1, 1_023, 2_048, 5_001] {
            #expect(ParallelMap.map(count: count) { $0 * 3 } == (0..<count).map { $0 * 3 })
            let ranges = ParallelMap.mapRanges(count: count) { $0 }
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "count \(count)")
        }
    }

    @Test("the rows built on every core are the rows built one by one, in the children's order")
    func rowsEqualOneByOne() {
        let snapshot = Self.snapshot
        #expect(ParallelMap.workers(for: snapshot.children.count) > 1 || ProcessInfo.processInfo.activeProcessorCount == 1)
        var names: [WorkerID: String] = [:]
        for worker in snapshot.workers { names[worker.id] = worker.displayName }
        let rows = CaseloadRow.rows(from: snapshot, today: F.today)
        #expect(rows == snapshot.children.map { CaseloadRow(child: $0, snapshot: snapshot, workerNames: names, today: F.today) })
    }

    @Test("each row's search key, packed on every core, and its sort name are the folded search parts and display name")
    func searchKeysEqualFoldedParts() {
        let snapshot = Self.snapshot
        var names: [WorkerID: String] = [:]
        for worker in snapshot.workers { names[worker.id] = worker.displayName }
        let index = CaseloadIndex(snapshot: snapshot, today: F.today)
        #expect(index.rows.count == snapshot.children.count)
        for (position, child) in snapshot.children.enumerated() {
            // A child with no name: an empty first part, so the name sort puts it first.
            let nameless: [UInt8] = child.displayName.isEmpty ? [0x1F] : []
            #expect(index.key(at: position).bytes == nameless + FoldedText(joining: CaseloadRow.searchParts(of: child, workerNames: names)).bytes, "\(child.id)")
            #expect(index.sortName(at: position).bytes == Array(TextFold.fold(child.displayName).utf8), "\(child.id)")
        }
    }

    @Test("the alerts worked out on every core are each child's alerts, in the rules' order")
    func alertsEqualChildByChild() {
        let snapshot = Self.snapshot
        let alerts = AlertRules.evaluate(snapshot: snapshot, now: F.now, zone: .gmt)
        #expect(!alerts.isEmpty)
        var oneByOne: [Alert] = []
        for child in snapshot.children {
            oneByOne += AlertRules.evaluate(children: [child.id], snapshot: snapshot, now: F.now, zone: .gmt)
        }
        #expect(alerts == oneByOne.sorted(by: AlertRules.precedes))
    }
}
