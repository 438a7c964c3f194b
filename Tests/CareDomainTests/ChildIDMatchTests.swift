import CareDomain
import Foundation
import Testing

/// `ChildIDMatch` picks a save's children out of every referral, appointment and alert: it must
/// answer exactly as a set of the same ids would, whether it compares them one by one or hashes them.
@Suite struct ChildIDMatchTests {
    @Test(arguments: [1, 2, 8, 9, 40])
    func answersAsASetOfTheSameIdsWould(count: Int) {
        let ids = Set((0..<count).map { _ in ChildID.make() })
        let match = ChildIDMatch(ids)
        for id in ids { #expect(match.contains(id)) }
        // Copies of the ids' text (other storage than the ids given) are found too.
        for id in ids { #expect(match.contains(ChildID(rawValue: String(decoding: Array(id.rawValue.utf8), as: UTF8.self)))) }
        for _ in 0..<50 { #expect(!match.contains(ChildID.make())) }
        #expect(!match.contains(nil as ChildID?))
    }

    @Test func anIdOfOtherBytesIsNotFoundEvenWhenEqualAsText() {
        // KELVIN SIGN is canonically equivalent to "K": as `String`s the two are equal, but the
        // store keeps and finds ids by their bytes, and so do ids (`RecordIDTests`): the match
        // says what a set says.
        let ascii = ChildID(rawValue: "test-child-K"), kelvin = ChildID(rawValue: "test-child-\u{212A}")
        #expect(!Set([ascii]).contains(kelvin))
        #expect(!ChildIDMatch([ascii]).contains(kelvin))
        #expect(!ChildIDMatch([kelvin]).contains(ascii))
        #expect(ChildIDMatch([kelvin]).contains(ChildID(rawValue: "test-child-\u{212A}")))
        #expect(!ChildIDMatch([ascii]).contains(ChildID(rawValue: "test-child-L")))
    }

    /// Few positions (at most 8: one move each) and many (one pass).
    @Test(arguments: [(1, 40), (3, 300), (12, 300)])
    func positionsOfChildrenAreWhereFilterFindsThem(chosen: Int, count: Int) {
        var generator = SystemRandomNumberGenerator()
        let children = (0..<20).map { _ in ChildID.make() }
        let appointments = (0..<count).map { _ in
            Appointment(child: children.randomElement(using: &generator)!, kind: .court, at: Date(timeIntervalSince1970: 0), place: "Test court (synthetic)")
        }
        let ids = Set(children.prefix(chosen))
        let match = ChildIDMatch(ids)
        let positions = FiledList(appointments).positions(of: match)
        #expect(positions == appointments.indices.filter { ids.contains(appointments[$0].child) })

        // Taking them out leaves exactly what `removeAll` leaves, in the same order (the few
        // moved one by one, the many in one pass).
        var removed = appointments
        removed.remove(atAscending: positions)
        #expect(removed.map(\.id) == appointments.filter { !ids.contains($0.child) }.map(\.id))
    }
}
