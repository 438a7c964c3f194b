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
