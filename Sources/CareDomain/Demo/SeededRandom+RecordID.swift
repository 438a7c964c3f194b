import Foundation

extension SeededRandom {
    /// A record id in UUID shape, lower-case hex, drawn from the stream so ids repeat with the seed.
    mutating func id<Tag>() -> RecordID<Tag> {
        let high = next(), low = next()
        let text = String(unsafeUninitializedCapacity: 36) { buffer in
            var out = 0
            for position in 0..<32 {
                if position == 8 || position == 12 || position == 16 || position == 20 {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                let word = position < 16 ? high : low
                let value = UInt8((word >> UInt64(60 - 4 * (position % 16))) & 0xF)
                buffer[out] = value < 10 ? 0x30 + value : 0x57 + value
                out += 1
            }
            return out
        }
        return RecordID(rawValue: text)
    }
}
