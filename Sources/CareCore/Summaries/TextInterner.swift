import CareDomain
import Foundation

/// Text that repeats across a caseload's summaries, decoded once and shared: the names of
/// places and communities that many children have in common. It was made for ids (the child's id in
/// each of its episodes, indicators, plan, referrals and appointments, the same workers' ids in
/// every team), each copy of which was a heap string of its own: at 50,000 children the snapshot
/// held 175 MB, most of it such copies (docs/benchmarks.md). Ids are now 16 bytes of no text
/// (`RecordID`, `SummaryReader.id`) and no longer come here. Texts under 16 bytes are kept inside
/// the string value itself and are never looked up.
///
/// One per decoding thread, kept for a batch or a range of summaries. It holds at most `limit`
/// texts, so a batch of unique texts cannot make it grow without bound; texts that repeat come
/// early and stay.
package struct TextInterner {
    package static let shortest = 16
    package static let limit = 4_096

    /// An open-addressed table keyed by the texts' own hash: a `Dictionary` hashed that hash
    /// again with SipHash, and with the byte-at-a-time hash before it that was 40% of decoding a
    /// summary (`perf`, 50,000 children). Slots grow from `firstSlots` to twice `limit`, so a
    /// decoder that meets one summary allocates little, and a full table stays half empty.
    /// A hash of 0 marks an empty slot (a text whose hash is 0 is stored as 1).
    private var hashes: [UInt64] = []
    private var texts: [String] = []
    private static let firstSlots = 64

    /// How many texts are kept.
    package private(set) var count = 0

    /// Children's languages and Indigenous affiliations, shared the same way (`ListInterner`).
    package var languageLists = ListInterner<String>()
    package var affiliationLists = ListInterner<Affiliation>()

    package init() {}

    /// The text of `bytes` (valid or not, decoded as `String(decoding:as:)` does), shared with an
    /// earlier equal text when there was one.
    package mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= Self.shortest else { return String(decoding: bytes, as: UTF8.self) }
        let key = Self.hash(bytes)
        if !hashes.isEmpty {
            let mask = hashes.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while hashes[slot] != 0 {
                if hashes[slot] == key {
                    var earlier = texts[slot]
                    let same = earlier.withUTF8 { stored in
                        stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                    }
                    if same { return earlier }
                }
                slot = (slot + 1) & mask
            }
        }
        // A text kept is handed out only for the same bytes (compared above), so text repaired
        // from invalid UTF-8, whose bytes differ from those read, is never handed out for them.
        let made = String(decoding: bytes, as: UTF8.self)
        if count < Self.limit { keep(made, key) }
        return made
    }

    private mutating func keep(_ text: String, _ key: UInt64) {
        if (count + 1) * 2 > hashes.count { grow() }
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while hashes[slot] != 0 { slot = (slot + 1) & mask }
        hashes[slot] = key
        texts[slot] = text
        count += 1
    }

    private mutating func grow() {
        let oldHashes = hashes, oldTexts = texts
        let size = max(Self.firstSlots, hashes.count * 2)
        hashes = Array(repeating: 0, count: size)
        texts = Array(repeating: "", count: size)
        count = 0
        for slot in oldHashes.indices where oldHashes[slot] != 0 { keep(oldTexts[slot], oldHashes[slot]) }
    }

    /// Eight bytes at a time, each word mixed in with a multiply, then a final avalanche; never 0.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 32
        return hash == 0 ? 1 : hash
    }
}
