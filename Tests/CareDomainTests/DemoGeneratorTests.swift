import Foundation
import Testing
@testable import CareDomain

@Suite("Demo generator")
struct DemoGeneratorTests {
    typealias F = Fixture
    static let unit = DemoGenerator.make(seed: 2026, now: F.now)

    @Test("the same seed gives the same unit, ids included; another seed does not")
    func determinism() {
        let again = DemoGenerator.make(seed: 2026, now: F.now)
        #expect(again == Self.unit)
        let other = DemoGenerator.make(seed: 2027, now: F.now)
        #expect(other.children.map(\.id) != Self.unit.children.map(\.id))
        #expect(other.contacts.map(\.occurredAt) != Self.unit.contacts.map(\.occurredAt))
    }

    @Test("ids are unique across every record")
    func uniqueIDs() {
        let ids = Self.unit.allRecords.map { "\(type(of: $0).kind.rawValue):\($0.recordID)" }
        #expect(Set(ids).count == ids.count)
        #expect(Self.unit.allRecords.count == ids.count)
    }

    @Test("one account per role with the documented account names")
    func accounts() throws {
        for (account, role) in [("demo-cp", Role.childProtection), ("demo-police", .police), ("demo-liaison", .liaison), ("demo-supervisor", .supervisor)] {
            let worker = try #require(Self.unit.worker(account: account))
            #expect(worker.role == role)
            #expect(worker.displayName.hasSuffix("(demo)"))
        }
    }

    @Test("the caseload covers every risk level, exploitation status and referral status")
    func coverage() {
        let open = Self.unit.children.filter(\.isOpen)
        #expect(open.count >= 36)
        #expect(Set(open.map(\.riskLevel)) == Set(RiskLevel.allCases))
        #expect(Set(open.map(\.exploitationStatus)) == Set(ExploitationStatus.allCases))
        #expect(Set(Self.unit.referrals.map(\.status)) == Set(Referral.Status.allCases))
        #expect(Set(Self.unit.services.map(\.category)) == Set(Service.Category.allCases))
        #expect(Self.unit.services.contains { $0.indigenousLed && $0.culturallySpecific })
        #expect(Self.unit.handovers.count == 1)
    }

    @Test("two or three children are missing now, one without a police report for over 2 h")
    func missing() {
        let snapshot = Self.unit.snapshot()
        let missing = snapshot.children.filter { $0.isOpen && snapshot.whereabouts(of: $0).isMissing }
        #expect((2...3).contains(missing.count))
        let open = Self.unit.episodes.filter(\.isOpen)
        #expect(open.contains { $0.policeReport != nil })
        #expect(open.contains { $0.policeReport == nil && F.now.timeIntervalSince($0.reportedMissingAt) > 2 * F.hour })
    }

    @Test("about a third name an Indigenous affiliation, across seeds", arguments: [1, 2, 3, 2026] as [UInt64])
    func indigenousShare(seed: UInt64) {
        let children = DemoGenerator.make(seed: seed, now: F.now).children
        let share = Double(children.filter(\.indigenousIdentity.isIndigenous).count) / Double(children.count)
        #expect(share > 0.2 && share < 0.5, "share \(share)")
    }

    @Test("names mix ASCII, accented Latin and syllabics")
    func names() {
        let names = Self.unit.children.flatMap { [$0.legalName, $0.preferredName] }
        let syllabics = names.filter { $0.unicodeScalars.contains { (0x1400...0x167F).contains($0.value) } }
        #expect(!syllabics.isEmpty)
        #expect(names.contains { !$0.isEmpty && $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(names.contains { $0.unicodeScalars.contains { (0xC0...0x17F).contains($0.value) } })
    }

    @Test("case numbers run from UNIT-YEAR-0001 and survive a round trip")
    func caseNumbers() {
        #expect(Self.unit.children.first?.caseNumber.description == "KEN-2026-0001")
        for child in Self.unit.children { #expect(CaseNumber(child.caseNumber.description) == child.caseNumber) }
    }

    @Test("about twenty notes per child over the last 90 days, some restricted, none in the future")
    func contacts() {
        let perChild = Double(Self.unit.contacts.count) / Double(Self.unit.children.count)
        #expect(perChild > 15 && perChild < 25)
        #expect(Self.unit.contacts.allSatisfy { $0.occurredAt <= F.now && $0.occurredAt >= F.now - 90 * F.day })
        let restricted = Self.unit.contacts.filter { $0.visibility == .restricted }.count
        #expect(restricted > 0 && restricted < Self.unit.contacts.count / 4)
    }

    @Test("every referral timeline is one the workflow could produce")
    func referralTimelines() {
        for referral in Self.unit.referrals {
            var previous = Referral.Status.draft
            for transition in referral.timeline {
                #expect(transition.from == previous)
                previous = transition.to
            }
            #expect(previous == referral.status)
        }
    }

    @Test("the set pieces raise every child alert the table has")
    func alerts() {
        let alerts = AlertRules.evaluate(snapshot: Self.unit.snapshot(), now: F.now, handover: Self.unit.handovers.first.map { handover in
            HandoverState(handover: handover, acknowledgements: Self.unit.handoverAcknowledgements.filter { $0.handover == handover.id })
        }, zone: .gmt)
        let rules = Set(alerts.map(\.rule))
        // Every rule but a record that does not open or cannot be trusted, which only damage or tampering on disk raises, and
        // "police not told", which the one missing alert of an episode now says (issue 20), and the pattern alert, which comes
        // from the investigation records (police and supervisors), not from the caseload.
        #expect(rules == Set(AlertRule.allCases).subtracting([.recordDoesNotOpen, .recordUntrusted, .missingPoliceNotTold, .pattern]))
        let investigation = InvestigationFile(persons: Self.unit.persons, places: Self.unit.places, links: Self.unit.investigationLinks)
        #expect(PatternAlert.alerts(investigation, zone: .gmt).map(\.rule) == [.pattern], "the demo's person linked to four children")
        #expect(alerts.contains { $0.rule == .missingNow && $0.message.contains(" — no police report —") })
        #expect(alerts.filter { $0.rule == .agingOut }.count == 1)
        #expect(alerts.first?.severity == .critical)
    }

    @Test("the lifecycle set pieces: one closure waiting, one transfer pending to DEMO2 on another open child not missing")
    func lifecycleSetPieces() {
        let children = Self.unit.children
        #expect(children.count { $0.closureRequest?.isPending == true } == 1)
        let moving = children.filter { $0.transferredOut != nil }
        #expect(moving.count == 1)
        guard let child = moving.first, let transfer = child.transferredOut else { return }
        #expect(transfer.currentState == .pending && transfer.toUnit == DemoUnit.neighbouringUnit && child.isOpen && child.closureRequest == nil)
        #expect(!Self.unit.episodes.contains { $0.child == child.id && $0.isOpen }, "a child missing now is never sent away")
        #expect(children.contains { $0.transitionPlan.map { !$0.isDone && $0.undone.count < TransitionPlan.Item.allCases.count } ?? false },
                "the youth aging out has a plan half done")
    }

    @Test("\"metis\" finds the Métis set piece in the demo caseload")
    func metisSearch() {
        let snapshot = Self.unit.snapshot()
        let found = CaseloadIndex(snapshot: snapshot, today: F.today).matching(CaseloadQuery(text: "metis"))
        #expect(found.contains { $0.legalName == "Zoé Démo-Tremblay" })
        let communities = { (row: CaseloadRow) in
            snapshot.children.first { $0.id == row.child }?.indigenousIdentity.affiliations.map(\.community) ?? []
        }
        #expect(found.allSatisfy { communities($0).contains { TextFold.fold($0).contains("metis") } })
    }

    @Test("a large unit keeps case numbers valid and unique past 9,999 children")
    func large() {
        let big = DemoGenerator.make(seed: 9, children: 12_000, now: F.now, contactsPerChild: 1)
        #expect(big.children.count == 12_000)
        let numbers = big.children.map(\.caseNumber)
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { CaseNumber($0.description) == $0 })
        #expect(Set(big.referrals.map(\.status)) == Set(Referral.Status.allCases))
    }
}
