/// A UUID's lower-case text ("0a1b2c3d-4e5f-…", 36 bytes) to its 128 bits and back: the form a
/// `RecordID` keeps. Only that exact form parses, so the text made again is byte for byte the
/// text read (upper-case hex, braces or any other shape stay text).
enum UUIDText {
    static let length = 36

    /// Where the dashes stand.
    private static func isDash(_ position: Int) -> Bool {
        position == 8 || position == 13 || position == 18 || position == 23
    }

    /// The two halves of the UUID written in `bytes`, or nil when they are not a UUID's
    /// lower-case text.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count == length else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        var digits = 0
        for position in 0..<length {
            let byte = bytes[position]
            if isDash(position) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte &- UInt8(ascii: "a") &+ 10
            default: return nil
            }
            if digits < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            digits += 1
        }
        return (high, low)
    }

    /// The lower-case text of the UUID whose halves are `high` and `low`.
    static func text(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in
            var out = 0
            for digit in 0..<32 {
                if isDash(out) {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                let word = digit < 16 ? high : low
                let value = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * (digit % 16))) & 0xF
                buffer[out] = value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
                out += 1
            }
            return out
        }
    }
}
