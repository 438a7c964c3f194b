import Foundation
import Testing
@testable import CareDomain

/// The snapshot's referrals and appointments keep each record's child as an integer key beside
/// it (`FiledList`), and a save's refresh finds a child's records by those keys alone. A key out
/// of step with its record (a referral moved to another child, a child added or gone, the list
/// sorted or replaced) would hide a child's referral from the refresh, or give it another's:
/// after every kind of change the keys must be those of the records, and a search by them must
/// find what reading every record finds.
@Suite struct FiledListTests {
    typealias F = Fixture

    @Test(arguments: [UInt64(1), 2, 3])
    func keysFollowTheRecordsThroughEveryChangeOfASnapshot(seed: UInt64) throws {
        let demo = DemoGenerator.make(seed: seed, children: 60, now: F.now)
        var snapshot = demo.snapshot()
        var stream = SeededRandom(seed: seed)
        #expect(snapshot.referrals.count > 10 && snapshot.appointments.count > 3)
        Self.expectInStep(snapshot, "the demo's snapshot")
        for step in 0..<120 {
            let change = Self.change(&stream, snapshot)
            switch change {
            case .saved(let record): snapshot.apply(saved: record)
            case .patch(let patch): snapshot.apply(patch)
            case .replaced(let referrals, let appointments):
                snapshot.referrals = referrals
                snapshot.appointments = appointments
                snapshot.normalizeOrder()
            }
            Self.expectInStep(snapshot, "seed \(seed), step \(step): \(change.name)")
        }
    }

    /// Two ids whose keys are equal (found among synthetic ids): a search for one does not
    /// find the other's records.
    @Test func aRecordWhoseKeyIsAnotherChildsIsNotThatChilds() throws {
        var seen: [Int32: ChildID] = [:]
        var pair: (ChildID, ChildID)?
        for n in 0..<400_000 {
            let id = ChildID(rawValue: "test-child-\(n)")
            if let other = seen.updateValue(id, forKey: FiledList<Referral>.key(of: id)) {
                pair = (other, id)
                break
            }
        }
        let (first, second) = try #require(pair)
        let list = FiledList([first, second, first, second].map {
            Appointment(child: $0, kind: .court, at: F.now, place: "Test court (synthetic)")
        })
        #expect(list.positions(of: ChildIDMatch([first])) == [0, 2])
        #expect(list.positions(of: ChildIDMatch([second])) == [1, 3])
        #expect(list.positions(of: ChildIDMatch([first, second])) == [0, 1, 2, 3])
    }

    // MARK: Changes

    enum Change {
        case saved(AnyRecord)
        case patch(SnapshotPatch)
        case replaced([Referral], [Appointment])

        var name: String {
            switch self {
            case .saved(let record): "saved \(record.kind)"
            case .patch(let patch): "a patch of \(patch.children.count) children, \(patch.part.children.count) of them kept"
            case .replaced: "the lists replaced and sorted"
            }
        }
    }

    /// One change a session or the change feed makes: a referral or an appointment saved
    /// (new, or moved to another child), a patch of a few or many children (a referral moved
    /// between them, one dropped, a child added, a child gone), now and then the lists replaced.
    static func change(_ stream: inout SeededRandom, _ snapshot: CaseloadSnapshot) -> Change {
        let children = snapshot.children
        func anyChild() -> ChildSummary { children[stream.int(0...(children.count - 1))] }
        switch stream.int(0...9) {
        case 0...1 where !snapshot.referrals.isEmpty:
            var referral = snapshot.referrals[stream.int(0...(snapshot.referrals.count - 1))]
            referral.child = anyChild().id
            return .saved(.referral(referral))
        case 0...2:
            let referral = Referral(child: anyChild().id, service: ServiceID(rawValue: "test-service"), reason: "Synthetic reason",
                                    consent: .init(state: .given, by: "youth", at: F.now), createdBy: F.cp.id,
                                    createdAt: F.now + TimeInterval(stream.int(-9_999...9_999) * 60))
            return .saved(.referral(referral))
        case 3:
            if stream.int(0...1) == 0, !snapshot.appointments.isEmpty {
                var appointment = snapshot.appointments[stream.int(0...(snapshot.appointments.count - 1))]
                appointment.child = anyChild().id
                return .saved(.appointment(appointment))
            }
            return .saved(.appointment(Appointment(child: anyChild().id, kind: .court, at: F.now + TimeInterval(stream.int(0...9_999) * 60),
                                                   place: "Test court (synthetic)")))
        case 4...8:
            return .patch(patch(&stream, snapshot, of: stream.int(0...2) == 0 ? 12 : stream.int(1...3)))
        default:
            var referrals = snapshot.referrals, appointments = snapshot.appointments
            referrals.shuffle(using: &stream)
            appointments.shuffle(using: &stream)
            return .replaced(referrals, appointments)
        }
    }

    /// A patch of `count` children as the change feed brings it: their records as they are,
    /// with one referral given to another of them, one dropped, sometimes a new child with a
    /// referral and an appointment, sometimes one of them gone.
    static func patch(_ stream: inout SeededRandom, _ snapshot: CaseloadSnapshot, of count: Int) -> SnapshotPatch {
        var ids = Set<ChildID>()
        while ids.count < min(count, snapshot.children.count) {
            ids.insert(snapshot.children[stream.int(0...(snapshot.children.count - 1))].id)
        }
        var part = CaseloadSnapshot(children: snapshot.children.filter { ids.contains($0.id) })
        var referrals = snapshot.referrals.filter { ids.contains($0.child) }
        var appointments = snapshot.appointments.filter { ids.contains($0.child) }
        let order = ids.sorted { $0.rawValue < $1.rawValue }
        if referrals.count > 1, order.count > 1 {
            let index = stream.int(0...(referrals.count - 1))
            referrals[index].child = order.first { $0 != referrals[index].child }!
            referrals.remove(at: stream.int(0...(referrals.count - 1)))
        }
        if stream.int(0...2) == 0 {
            var child = Fixture.child(10_000 + stream.int(0...99_999))
            child.id = .make()
            ids.insert(child.id)
            part.children.append(ChildSummary(child))
            referrals.append(Fixture.referral(child, Fixture.service(), id: "test-referral-\(child.id.rawValue)"))
            appointments.append(Appointment(child: child.id, kind: .court, at: F.now, place: "Test court (synthetic)"))
        }
        if stream.int(0...3) == 0, let gone = order.first {
            part.children.removeAll { $0.id == gone }
            referrals.removeAll { $0.child == gone }
            appointments.removeAll { $0.child == gone }
        }
        part.referrals = referrals
        part.appointments = appointments
        return SnapshotPatch(children: ids, part: part, includesCatalogue: false)
    }

    // MARK: Checking

    /// The keys are the records' own (`==` compares keys too), and a search for one child, a
    /// few or many finds exactly where reading every record finds them.
    static func expectInStep(_ snapshot: CaseloadSnapshot, _ step: String) {
        // Compared apart from the expectation, which would print two whole snapshots' lists.
        let referralKeysInStep = snapshot.filedReferrals == FiledList(snapshot.referrals)
        let appointmentKeysInStep = snapshot.filedAppointments == FiledList(snapshot.appointments)
        #expect(referralKeysInStep, "\(step): the referrals' keys are not their records'")
        #expect(appointmentKeysInStep, "\(step): the appointments' keys are not their records'")
        let ids = Set(snapshot.children.map(\.id) + snapshot.referrals.map(\.child) + snapshot.appointments.map(\.child))
        var failures = 0
        for id in ids.sorted(by: { $0.rawValue < $1.rawValue }) + [ChildID(rawValue: "test-child-absent")] {
            if !findsWhatAScanFinds(snapshot, ChildIDMatch([id]), [id]) { failures += 1 }
        }
        #expect(failures == 0, "\(step): \(failures) children's records not found where they are")
        let few = Set(ids.prefix(3)), many = Set(ids.prefix(ChildIDMatch.fewLimit + 4))
        let findsFew = findsWhatAScanFinds(snapshot, ChildIDMatch(few), few)
        let findsMany = findsWhatAScanFinds(snapshot, ChildIDMatch(many), many)
        #expect(findsFew, "\(step): a few children's records not found where they are")
        #expect(findsMany, "\(step): many children's records not found where they are")
    }

    static func findsWhatAScanFinds(_ snapshot: CaseloadSnapshot, _ match: ChildIDMatch, _ ids: Set<ChildID>) -> Bool {
        snapshot.filedReferrals.positions(of: match) == snapshot.referrals.indices.filter { ids.contains(snapshot.referrals[$0].child) }
            && snapshot.filedAppointments.positions(of: match) == snapshot.appointments.indices.filter { ids.contains(snapshot.appointments[$0].child) }
    }
}
