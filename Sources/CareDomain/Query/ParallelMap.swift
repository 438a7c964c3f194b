import Dispatch
import Foundation

/// Runs independent work over positions `0..<count` on every core, results in position order.
/// Building a 50,000-child caseload's rows, alerts and alert schedule is the same small
/// computation for each child, reading only shared immutable values, so two cores nearly halve
/// it; a few hundred children are not worth the threads.
public enum ParallelMap {
    /// Below this many positions per worker everything runs on the calling thread.
    public static let minimumChunk = 1_024

    /// The cores this process may use, read once: Foundation reads the cgroup's files again at
    /// every `activeProcessorCount` (two `openat` each), and a filter's keys and a save's refresh
    /// asked hundreds of times a minute.
    public static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// How many workers share `count` positions: one per core, each with at least `minimumChunk`.
    static func workers(for count: Int) -> Int {
        max(1, min(cores, 8, count / minimumChunk))
    }

    /// `transform` of each position, in position order. Each worker initialises only its own
    /// contiguous range of the result, so nothing mutable is shared between them.
    public static func map<Value: Sendable>(count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        let workers = workers(for: count)
        guard workers > 1 else { return (0..<count).map(transform) }
        return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            let chunk = (count + workers - 1) / workers
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in (worker * chunk)..<min(count, (worker + 1) * chunk) {
                    (base + index).initialize(to: transform(index))
                }
            }
            initialized = count
        }
    }

    /// `transform` of contiguous ranges that together cover `0..<count` in order, one range
    /// per worker (one range, on the calling thread, when `count` is small).
    public static func mapRanges<Value: Sendable>(count: Int, _ transform: @Sendable (Range<Int>) -> Value) -> [Value] {
        let workers = workers(for: count)
        let chunk = (count + workers - 1) / workers
        let ranges = (0..<workers).map { ($0 * chunk)..<min(count, ($0 + 1) * chunk) }
        guard workers > 1 else { return ranges.map(transform) }
        return [Value](unsafeUninitializedCapacity: workers) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                (base + worker).initialize(to: transform(ranges[worker]))
            }
            initialized = workers
        }
    }
}
