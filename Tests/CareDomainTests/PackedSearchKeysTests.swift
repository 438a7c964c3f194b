import Testing
@testable import CareDomain

/// The filter reads every row's key from one buffer that a save appends to and now and then
/// packs again: after any run of replacements, additions and removals each key must still be
/// the row's own, and a search of it must answer as `FoldedText.contains` does.
@Suite struct PackedSearchKeysTests {
    static let words = ["jordan", "zoé", "démo-tremblay", "tst-2024-0001", "ᓴᕋ", "", "a", "testworker 12 (demo)"]

    static func randomKey(_ random: inout SeededRandom) -> FoldedText {
        FoldedText(joining: (0..<random.int(0...3)).map { _ in random.pick(words) })
    }

    @Test("after random replacements, additions and removals every key reads and searches as a plain array's")
    func keysStayTheRowsOwnThroughChangesAndPacking() {
        var random = SeededRandom(seed: 2_509)
        var plain = (0..<50).map { _ in Self.randomKey(&random) }
        var packed = PackedSearchKeys(plain)
        // Enough replacements that the unused bytes pass half the buffer many times over.
        for step in 0..<2_000 {
            switch random.int(0...9) {
            case 0: let key = Self.randomKey(&random); plain.append(key); packed.append(key)
            case 1 where plain.count > 1: let at = random.int(0...(plain.count - 1)); plain.remove(at: at); packed.remove(at: at)
            default: let at = random.int(0...(plain.count - 1)), key = Self.randomKey(&random); plain[at] = key; packed.replace(at: at, with: key)
            }
            #expect(packed.count == plain.count)
            let at = random.int(0...(plain.count - 1))
            #expect(packed.key(at: at) == plain[at], "step \(step)")
            let word = FoldedText(String(random.pick(Self.words + ["dan", "emo", "ᕋ", "0001", "x"]).prefix(random.int(0...6))))
            let found = packed.withKeys { keys in word.bytes.withUnsafeBufferPointer { keys.key(at: at, contains: $0) } }
            #expect(found == plain[at].contains(word), "step \(step): \(word.bytes) in \(plain[at].bytes)")
        }
    }

    @Test("keys written straight into the buffer on every core are the keys, in order, with their masks")
    func keysWrittenOnEveryCoreEqualAPlainArray() {
        var random = SeededRandom(seed: 2_510)
        // Enough positions for several workers, so the parts are joined at their offsets.
        let count = ParallelMap.minimumChunk * 3 + 17
        let plain = (0..<count).map { _ in Self.randomKey(&random) }
        let packed = PackedSearchKeys(count: count) { position, bytes in bytes += plain[position].bytes }
        #expect(packed.count == count)
        for position in 0..<count { #expect(packed.key(at: position) == plain[position], "position \(position)") }
        #expect(packed.masks() == plain.map(FoldedTextMask.init))
        #expect(PackedSearchKeys(count: 0) { _, _ in }.count == 0)
    }

    @Test("a key replaced by one no longer is written in place, and a longer one grows the buffer by a little, not double")
    func replacedKeysDoNotDoubleTheBuffer() {
        var random = SeededRandom(seed: 2_513)
        let plain = (0..<ParallelMap.minimumChunk * 3).map { _ in FoldedText(joining: ["jordan example", random.pick(Self.words)]) }
        var packed = PackedSearchKeys(count: plain.count) { position, bytes in bytes += plain[position].bytes }
        let capacity = packed.capacity
        // Each row's key written again as it was (a contact note changes no searched field).
        for position in plain.indices { packed.replace(at: position, with: plain[position]) }
        #expect(packed.capacity == capacity)
        // A shorter key, in place; the rest read as before.
        packed.replace(at: 5, with: FoldedText("jo"))
        #expect(packed.key(at: 5) == FoldedText("jo") && packed.key(at: 6) == plain[6] && packed.capacity == capacity)
        // A longer one goes at the end, and the buffer grows by a little.
        let longer = FoldedText(joining: ["jordan example", "a much longer community name (test)"])
        packed.replace(at: 7, with: longer)
        #expect(packed.key(at: 7) == longer)
        #expect(packed.capacity < capacity + capacity / 4, "grew from \(capacity) to \(packed.capacity)")
    }
}
