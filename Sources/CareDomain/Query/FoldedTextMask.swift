/// Which bytes, and which pairs of neighbouring bytes, a folded text holds, as bits: a test run
/// before the filter's substring search. A text can contain a word only when its mask holds
/// every bit of the word's mask, so most rows a word cannot be in are passed over with two ANDs
/// instead of a search of their key; and a word of one letter or digit is answered by the mask
/// alone, since that byte has a bit of its own.
///
/// The first letter typed into the filter searched every key of the caseload (at 50,000
/// children its p99 was 6–9 ms against a target of 8; docs/benchmarks.md).
public struct FoldedTextMask: Sendable, Equatable {
    /// a–z are bits 0–25, 0–9 bits 26–35, every other byte shares one of bits 36–63.
    public private(set) var bytes: UInt64 = 0
    /// Each pair of neighbouring bytes hashed to one of 128 bits.
    public private(set) var pairsLow: UInt64 = 0
    public private(set) var pairsHigh: UInt64 = 0

    public init() {}

    public init(_ text: FoldedText) {
        add(text)
    }

    /// The mask of several words together: a text holding them all holds every bit of this.
    public init(_ words: [FoldedText]) {
        for word in words { add(word) }
    }

    /// The mask of folded bytes read in place (a key in `PackedSearchKeys`).
    init(folded text: UnsafeBufferPointer<UInt8>) {
        add(text)
    }

    private mutating func add(_ text: FoldedText) {
        text.bytes.withUnsafeBufferPointer { add($0) }
    }

    private mutating func add(_ text: UnsafeBufferPointer<UInt8>) {
        var previous: UInt8?
        for byte in text {
            bytes |= Self.bit(of: byte)
            if let previous {
                let pair = (UInt64(previous) &* 257 &+ UInt64(byte)) % 128
                if pair < 64 { pairsLow |= 1 << pair } else { pairsHigh |= 1 << (pair - 64) }
            }
            previous = byte
        }
    }

    /// True unless a text with this mask certainly does not contain a text with `word`'s.
    @inline(__always)
    public func mayContain(_ word: FoldedTextMask) -> Bool {
        bytes & word.bytes == word.bytes && pairsLow & word.pairsLow == word.pairsLow && pairsHigh & word.pairsHigh == word.pairsHigh
    }

    /// True when `mayContain` alone answers whether a text contains `words`: each is one
    /// letter or digit, whose bit stands for that byte only.
    public static func decides(_ words: [FoldedText]) -> Bool {
        words.allSatisfy { $0.bytes.count == 1 && isOwnBit($0.bytes[0]) }
    }

    static func bit(of byte: UInt8) -> UInt64 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 1 << UInt64(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 1 << UInt64(26 + byte - UInt8(ascii: "0"))
        default: 1 << (36 + UInt64(byte) % 28)
        }
    }

    static func isOwnBit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
