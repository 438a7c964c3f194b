import CareDomain
import Foundation
import Testing

/// `ChildIDMatch` picks a save's children out of every referral, appointment and alert: it must
/// answer exactly as a set of the same ids would, whether it compares bytes or text.
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

    @Test func anIdOfOtherCharactersEqualAsTextIsFound() {
        // KELVIN SIGN is canonically equivalent to "K": as text the two ids are the same id,
        // though their bytes differ, so the match must say what a set says.
        let ascii = ChildID(rawValue: "test-child-K"), kelvin = ChildID(rawValue: "test-child-\u{212A}")
        #expect(Set([ascii]).contains(kelvin))
        #expect(ChildIDMatch([ascii]).contains(kelvin))
        #expect(ChildIDMatch([kelvin]).contains(ascii))
        #expect(!ChildIDMatch([ascii]).contains(ChildID(rawValue: "test-child-L")))
    }
}
