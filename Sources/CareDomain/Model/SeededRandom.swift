import Foundation

/// SplitMix64: a tiny, fast generator whose output depends only on its seed, on every platform
/// and Swift version. The demo, the test tools' workloads and the reliability tests' choices
/// are drawn from it so a seed repeats a run; it draws its own integers rather than rely on the
/// standard library's `random(in:)` algorithm staying the same.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (multiply-shift; the bias is far below anything a demo shows).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// A uniform number in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Picks by weight: `weights[i]` is the relative chance of `items[i]`.
    public mutating func pick<T>(_ items: [T], weights: [Double]) -> T {
        var roll = unit() * weights.reduce(0, +)
        for (item, weight) in zip(items, weights) {
            roll -= weight
            if roll < 0 { return item }
        }
        return items[items.count - 1]
    }
}
