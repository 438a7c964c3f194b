/// Every row's folded search key in one buffer, in row order, for the filter to read as a
/// stream.
///
/// Kept as one `FoldedText` per row, each key was its own heap object: at 50,000 children a
/// word found in nearly every key (a worker's name on every team) cost two cache misses per row,
/// one for the key's array and one for its bytes, 8–18 ms of CPU per key typed
/// (docs/benchmarks.md). Here a key is a range of one array, and the index reads them in order.
///
/// A replaced key is written at the end and its old bytes left unused until they are half the
/// buffer, when the keys are packed again in row order: a save costs its own key, not a copy of
/// every key.
struct PackedSearchKeys: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    /// Bytes no key uses any more.
    private var unused = 0

    init(_ keys: [FoldedText]) {
        bytes.reserveCapacity(keys.reduce(0) { $0 + $1.bytes.count })
        starts.reserveCapacity(keys.count)
        lengths.reserveCapacity(keys.count)
        for key in keys { append(key) }
    }

    var count: Int { starts.count }

    mutating func append(_ key: FoldedText) {
        starts.append(bytes.count)
        lengths.append(Int32(key.bytes.count))
        bytes.append(contentsOf: key.bytes)
    }

    mutating func replace(at position: Int, with key: FoldedText) {
        unused += Int(lengths[position])
        starts[position] = bytes.count
        lengths[position] = Int32(key.bytes.count)
        bytes.append(contentsOf: key.bytes)
        packIfMostlyUnused()
    }

    mutating func remove(at position: Int) {
        unused += Int(lengths[position])
        starts.remove(at: position)
        lengths.remove(at: position)
        packIfMostlyUnused()
    }

    /// The key at `position`, as a value (for tests and the rare single-row check).
    func key(at position: Int) -> FoldedText {
        FoldedText(folded: Array(bytes[starts[position]..<(starts[position] + Int(lengths[position]))]))
    }

    private mutating func packIfMostlyUnused() {
        guard unused > bytes.count / 2 else { return }
        var packed: [UInt8] = []
        packed.reserveCapacity(bytes.count - unused)
        for position in starts.indices {
            let start = starts[position]
            starts[position] = packed.count
            packed.append(contentsOf: bytes[start..<(start + Int(lengths[position]))])
        }
        bytes = packed
        unused = 0
    }

    /// Runs `body` with the keys readable in place.
    func withKeys<Result>(_ body: (Keys) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                lengths.withUnsafeBufferPointer { lengths in
                    body(Keys(bytes: bytes, starts: starts, lengths: lengths))
                }
            }
        }
    }

    /// The keys, read in place for the length of a `withKeys` call.
    struct Keys {
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int>
        let lengths: UnsafeBufferPointer<Int32>

        /// True when the key at `position` holds `word` (as `FoldedText.contains`).
        @inline(__always)
        func key(at position: Int, contains word: UnsafeBufferPointer<UInt8>) -> Bool {
            if word.isEmpty { return true }
            let length = Int(lengths[position])
            if word.count > length { return false }
            return FoldedText.search(UnsafeBufferPointer(rebasing: bytes[starts[position]..<(starts[position] + length)]), for: word)
        }
    }
}
