import Foundation

/// Text that repeats across a caseload's summaries, decoded once and shared: the child's id in
/// each of its episodes, indicators, plan, referrals and appointments, and the same workers' ids
/// in every team, author and profile change. Each copy of a 36-character id is a heap string of
/// its own (80 bytes with its header); at 50,000 children the snapshot held 175 MB, most of it
/// such copies (docs/benchmarks.md). Texts under 16 bytes are kept inside the string value
/// itself and are never looked up.
///
/// One per decoding thread, kept for a batch of summaries. It holds at most `limit` texts, so a
/// batch of unique ids (record ids, names) cannot make it grow without bound; ids that repeat
/// come early and stay.
package struct TextInterner {
    package static let shortest = 16
    package static let limit = 4_096

    private var kept: [UInt64: String] = [:]

    package init() {}

    /// How many texts are kept.
    package var count: Int { kept.count }

    /// The text of `bytes` (valid or not, decoded as `String(decoding:as:)` does), shared with an
    /// earlier equal text when there was one.
    package mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= Self.shortest else { return String(decoding: bytes, as: UTF8.self) }
        let key = Self.hash(bytes)
        if var earlier = kept[key] {
            let same = earlier.withUTF8 { stored in stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
            if same { return earlier }
        }
        // A text kept is handed out only for the same bytes (compared above), so text repaired
        // from invalid UTF-8, whose bytes differ from those read, is never handed out for them.
        let made = String(decoding: bytes, as: UTF8.self)
        if kept.count < Self.limit { kept[key] = made }
        return made
    }

    /// FNV-1a over the bytes.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
