import Foundation
import Testing
@testable import CareStore

/// The interner must hand back exactly what `String(decoding:as:)` would, sharing storage only
/// between texts with the same bytes.
@Suite struct TextInternerTests {
    func text(_ bytes: [UInt8], _ interner: inout TextInterner) -> String {
        bytes.withUnsafeBufferPointer { interner.text($0) }
    }

    func storage(_ text: String) -> UnsafePointer<UInt8>? {
        var copy = text
        return copy.withUTF8 { $0.baseAddress }
    }

    @Test func equalTextsShareOneStringAndOthersAreWhatDecodingGives() {
        var interner = TextInterner()
        let id = Array("4f1c2a9e-0b7d-4c3e-9a51-2d6f8e0c7b13".utf8)
        let first = text(id, &interner), second = text(id, &interner)
        #expect(first == String(decoding: id, as: UTF8.self))
        #expect(storage(first) == storage(second), "the same id is one string")

        var other = id
        other[35] = UInt8(ascii: "4")
        let different = text(other, &interner)
        #expect(different == String(decoding: other, as: UTF8.self))
        #expect(storage(different) != storage(first))

        // Invalid UTF-8 is repaired as decoding repairs it, and never handed out for other bytes.
        let broken: [UInt8] = Array("worker-0000-0000-".utf8) + [0xFF, 0xFE] + Array("0000".utf8)
        #expect(text(broken, &interner) == String(decoding: broken, as: UTF8.self))
        #expect(text(broken, &interner) == String(decoding: broken, as: UTF8.self))
        let repaired = Array(String(decoding: broken, as: UTF8.self).utf8)
        #expect(text(repaired, &interner) == String(decoding: repaired, as: UTF8.self))

        // Short texts live inside the string value; they are decoded as they are.
        #expect(text(Array("Demo K.".utf8), &interner) == "Demo K.")
    }

    @Test func textsKeptBeforeTheTableGrewAreStillFoundAndShared() {
        var interner = TextInterner()
        // Ids differing in one byte at each place, the table grown several times over.
        let ids = (0..<1_000).map { Array("child-\(String($0, radix: 7))-0000-0000-\($0 % 10)".utf8) }
        let first = ids.map { text($0, &interner) }
        #expect(interner.count == ids.count)
        for (id, kept) in zip(ids, first) {
            let again = text(id, &interner)
            #expect(again == String(decoding: id, as: UTF8.self))
            #expect(storage(again) == storage(kept))
        }
        #expect(interner.count == ids.count, "nothing kept twice")
    }

    @Test func itHoldsNoMoreThanItsLimit() {
        var interner = TextInterner()
        for index in 0..<(TextInterner.limit + 100) {
            _ = text(Array("record-\(index)-0000-0000-0000".utf8), &interner)
        }
        let late = Array("record-\(TextInterner.limit + 50)-0000-0000-0000".utf8)
        // Past the limit a text is still right, only not shared.
        #expect(text(late, &interner) == String(decoding: late, as: UTF8.self))
        let once = text(late, &interner), again = text(late, &interner)
        #expect(storage(once) != storage(again))
        #expect(interner.count == TextInterner.limit)
    }
}
