import Foundation
import Testing
@testable import CareDomain

/// `CaseloadSnapshot.normalizeOrder` puts every part in the orders the snapshot promises,
/// whatever order a store hands them in (it sorts referrals and appointments by positions).
@Suite struct SnapshotOrderTests {
    @Test func referralsAndAppointmentsComeInTheSnapshotsOrderFromAnyOrder() throws {
        let demo = DemoGenerator.make(seed: 31, children: 80, now: Fixture.now)
        var shuffled = demo.snapshot()
        #expect(shuffled.referrals.count > 10 && shuffled.appointments.count > 3)
        // Ties on the time are broken by id: two referrals made at the same moment.
        var twin = try #require(shuffled.referrals.first)
        twin.id = ReferralID(rawValue: "zz-test-twin")
        shuffled.referrals.append(twin)
        var generator = SystemRandomNumberGenerator()
        shuffled.referrals.shuffle(using: &generator)
        shuffled.appointments.shuffle(using: &generator)
        var normalized = shuffled
        normalized.normalizeOrder()
        #expect(normalized.referrals == shuffled.referrals.sorted(by: CaseloadSnapshot.newerReferral))
        #expect(normalized.appointments == shuffled.appointments.sorted(by: CaseloadSnapshot.soonerAppointment))
        #expect(Set(normalized.referrals.map(\.id)) == Set(shuffled.referrals.map(\.id)), "nothing lost or doubled")
    }
}

/// After "located, returned to Demo Group Home A" the record still said where the child was
/// before going missing: the profile is not edited when a child comes back.
@Suite struct WhereaboutsAfterAReturnTests {
    typealias F = Fixture

    @Test func aReturnRecordedOnAnEpisodeIsWhereTheChildIsNow() {
        var child = F.child(1)
        child.whereabouts = .located(place: "Old placement (fictional)", since: F.now - 10 * F.day)
        let back = F.episode(child, lastSeen: F.now - 2 * F.day, located: F.now - F.day)
        let snapshot = CaseloadSnapshot(children: [ChildSummary(child)], episodes: [child.id: [back]])
        #expect(snapshot.whereabouts(of: snapshot.children[0]) == .located(place: "Demo Group Home A", since: F.now - F.day))
        #expect(HandoverFacts.line(of: child.id, snapshot: snapshot, now: F.now, zone: .gmt).contains("at Demo Group Home A"))
    }

    @Test func aPlaceRecordedAfterTheReturnStands() {
        var child = F.child(1)
        child.whereabouts = .located(place: "New placement (fictional)", since: F.now - F.hour)
        let back = F.episode(child, lastSeen: F.now - 2 * F.day, located: F.now - F.day)
        let snapshot = CaseloadSnapshot(children: [ChildSummary(child)], episodes: [child.id: [back]])
        #expect(snapshot.whereabouts(of: snapshot.children[0]) == child.whereabouts)
        let open = F.episode(child, lastSeen: F.now - F.hour, id: "e2")
        let missing = CaseloadSnapshot(children: [ChildSummary(child)], episodes: [child.id: [open, back]])
        #expect(missing.whereabouts(of: missing.children[0]).isMissing, "an open episode comes first")
    }
}
