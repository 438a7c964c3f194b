import Foundation

/// SplitMix64: a tiny, fast generator whose output depends only on its seed, on every platform
/// and Swift version. The demo must never use `SystemRandomNumberGenerator`, and it draws its own
/// integers rather than rely on the standard library's `random(in:)` algorithm staying the same.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (multiply-shift; the bias is far below anything a demo shows).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Picks by weight: `weights[i]` is the relative chance of `items[i]`.
    mutating func pick<T>(_ items: [T], weights: [Double]) -> T {
        var roll = unit() * weights.reduce(0, +)
        for (item, weight) in zip(items, weights) {
            roll -= weight
            if roll < 0 { return item }
        }
        return items[items.count - 1]
    }

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
