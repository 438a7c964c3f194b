import Foundation
import Testing
@testable import CareDomain

/// A `RecordID` keeps a UUID's text as its 128 bits and any other text in `RecordIDTexts`: either
/// way it must behave exactly as the text it was made from did when it held that string.
@Suite struct RecordIDTests {
    /// Texts of every kind an id may be: UUIDs as care and the demo make them, the marker's own
    /// shape, upper-case and near-miss UUIDs, short, empty and non-ASCII ids.
    static func texts(count: Int, using generator: inout some RandomNumberGenerator) -> [String] {
        let fixed = [
            "", "child-1", "standard-1", "zz-test-twin", "ffffffff-ffff-ffff-0000-000000000000",
            "ffffffff-ffff-fffe-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000000",
            "A0B1C2D3-E4F5-4617-8899-AABBCCDDEEFF", "a0b1c2d3-e4f5-4617-8899-aabbccddeef", "a0b1c2d3-e4f5-4617-8899-aabbccddeeff0",
            "a0b1c2d3e-4f5-4617-8899-aabbccddeeff", "g0b1c2d3-e4f5-4617-8899-aabbccddeeff", "a0b1c2d3-e4f5-4617-8899-aabbccddeéf",
            "ᐊᓂᔑᓈᐯᒧᐎᓐ-test-id",
        ]
        var made = fixed
        for index in 0..<count {
            var uuid = UUID(uuid: (
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator)))
                .uuidString
            if index % 7 == 0 { uuid = "ffffffff-ffff-ffff" + uuid.dropFirst(18) }
            made.append(index % 5 == 0 ? uuid : uuid.lowercased())
            if index % 11 == 0 { made.append("c-\(index)") }
        }
        return made
    }

    @Test func anIdGivesBackTheExactTextItWasMadeFrom() {
        var generator = SystemRandomNumberGenerator()
        for text in Self.texts(count: 500, using: &generator) {
            let id = ChildID(rawValue: text)
            #expect(id.rawValue == text)
            #expect(Array(id.rawValue.utf8) == Array(text.utf8), "byte for byte")
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { ChildID(utf8: $0) }
            #expect(fromBytes == id && fromBytes.rawValue == text)
        }
        #expect(ChildID.make().rawValue.count == 36)
    }

    /// Equal, hashed and ordered as their bytes are (as the store compares and sorts ids),
    /// whichever way each is kept.
    @Test func idsCompareAsTheirBytes() {
        var generator = SystemRandomNumberGenerator()
        let texts = Self.texts(count: 200, using: &generator) + ["test-child-K", "test-child-\u{212A}"]
        let ids = texts.map { ChildID(rawValue: $0) }
        func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        for (a, textA) in zip(ids, texts) {
            for (b, textB) in zip(ids, texts) {
                #expect((a == b) == textA.utf8.elementsEqual(textB.utf8))
                #expect((a < b) == precedes(textA, textB), "\(textA) < \(textB)")
                if a == b { #expect(a.hashValue == b.hashValue) }
            }
        }
        #expect(ids.sorted().map(\.rawValue) == texts.sorted(by: precedes))
        #expect(Set(ids).count == Set(texts.map { Array($0.utf8) }).count)
        // KELVIN SIGN and "K" are one `String` but two ids, as they are two rows in the store.
        #expect(ChildID(rawValue: "test-child-K") != ChildID(rawValue: "test-child-\u{212A}"))
        #expect(ChildID(rawValue: "test-child-\u{212A}").rawValue.unicodeScalars.last == "\u{212A}")
    }

    /// A UUID's id is two words with nothing to retain: copies of it share no storage to count.
    @Test func aUUIDIsHeldInSixteenBytesWithNothingToRetain() {
        #expect(MemoryLayout<ChildID>.size == 16)
        #expect(_isPOD(ChildID.self))
        #expect(MemoryLayout<PackedOptionalID<Worker>>.size == 16)
    }

    @Test func aPackedOptionalIsTheOptionalItWasGiven() {
        let texts: [String?] = [nil, "", "child-1", ChildID.make().rawValue, "ffffffff-ffff-ffff-ffff-ffffffffffff"]
        for text in texts {
            let id = text.map { WorkerID(rawValue: $0) }
            #expect(PackedOptionalID(id).id == id)
            #expect(PackedOptionalID(id).id?.rawValue == text)
        }
    }

    /// Stored records keep their ids as JSON strings, as before, and a team leaves out whom it
    /// lacks, as its synthesized coding of three optionals did.
    @Test func idsAndTeamsCodeAsBefore() throws {
        let uuid = "0a1b2c3d-4e5f-4617-8899-aabbccddeeff"
        let team = Team(childProtection: WorkerID(rawValue: uuid), liaison: WorkerID(rawValue: "w-liaison"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(team), as: UTF8.self)
        #expect(json == #"{"childProtection":"\#(uuid)","liaison":"w-liaison"}"#)
        #expect(try JSONDecoder().decode(Team.self, from: Data(json.utf8)) == team)
        #expect(try JSONDecoder().decode(Team.self, from: Data("{}".utf8)) == Team())
        #expect(try JSONDecoder().decode([ChildID].self, from: Data(#"["\#(uuid)","child-1"]"#.utf8)).map(\.rawValue) == [uuid, "child-1"])
    }
}
