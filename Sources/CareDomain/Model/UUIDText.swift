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
    /// lower-case text. Every id the caseload decodes comes through here (about 400,000 at
    /// 50,000 children), so the digits are read without a bounds check or a branch each.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count == length, let text = bytes.baseAddress else { return nil }
        let dash = UInt8(ascii: "-")
        guard text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else { return nil }
        // Any byte that is not a lower-case hex digit sets a bit here.
        var invalid: UInt8 = 0
        func digits(_ range: Range<Int>, into word: inout UInt64) {
            for position in range {
                let byte = text[position]
                let digit = byte &- UInt8(ascii: "0"), letter = byte &- UInt8(ascii: "a")
                let isDigit = digit < 10
                invalid |= (isDigit || letter < 6) ? 0 : 1
                word = word << 4 | UInt64(isDigit ? digit : letter &+ 10)
            }
        }
        var high: UInt64 = 0, low: UInt64 = 0
        digits(0..<8, into: &high)
        digits(9..<13, into: &high)
        digits(14..<18, into: &high)
        digits(19..<23, into: &low)
        digits(24..<36, into: &low)
        return invalid == 0 ? (high, low) : nil
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
