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

    /// The keys of positions `0..<count`, each written by `write` straight into the buffer, on
    /// every core for a large caseload (`ParallelMap`): no key is ever an array of its own.
    init(count: Int, _ write: @Sendable (Int, inout [UInt8]) -> Void) {
        let parts = ParallelMap.mapRanges(count: count) { range in
            var part = PackedSearchKeys()
            part.starts.reserveCapacity(range.count)
            part.lengths.reserveCapacity(range.count)
            for position in range { part.appendKey { write(position, &$0) } }
            return part
        }
        guard parts.count > 1 else {
            self = parts.first ?? PackedSearchKeys()
            return
        }
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        starts.reserveCapacity(count)
        lengths.reserveCapacity(count)
        for part in parts {
            let offset = bytes.count
            bytes += part.bytes
            starts += part.starts.lazy.map { $0 + offset }
            lengths += part.lengths
        }
    }

    private init() {}

    var count: Int { starts.count }

    mutating func append(_ key: FoldedText) {
        appendKey { $0 += key.bytes }
    }

    /// Appends the key `write` appends to the buffer.
    private mutating func appendKey(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        starts.append(start)
        lengths.append(Int32(bytes.count - start))
    }

    mutating func replace(at position: Int, with key: FoldedText) {
        let old = Int(lengths[position]), length = key.bytes.count
        if length <= old {
            // Where the old key was: a save that changed no searched field (a contact note)
            // writes the same bytes, and the buffer does not grow.
            let start = starts[position]
            bytes.withUnsafeMutableBufferPointer { bytes in
                key.bytes.withUnsafeBufferPointer { key in
                    _ = UnsafeMutableBufferPointer(rebasing: bytes[start..<(start + length)]).initialize(from: key)
                }
            }
            unused += old - length
            lengths[position] = Int32(length)
            return
        }
        unused += old
        starts[position] = bytes.count
        lengths[position] = Int32(length)
        // Grown by a sixteenth, not doubled as an append would: the buffer is the whole
        // caseload's keys (4.8 MB at 50,000 children), built to its size.
        if bytes.count + length > bytes.capacity { bytes.reserveCapacity(bytes.count + Swift.max(length, bytes.count / 16)) }
        bytes.append(contentsOf: key.bytes)
        packIfMostlyUnused()
    }

    /// The bytes the buffer has room for (for the tests).
    var capacity: Int { bytes.capacity }

    mutating func remove(at position: Int) {
        unused += Int(lengths[position])
        starts.remove(at: position)
        lengths.remove(at: position)
        packIfMostlyUnused()
    }

    /// The key at `position`, as a value (for a changed row's place, the plain scan and tests).
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

    /// Each key's `FoldedTextMask`, in position order, worked out on every core.
    func masks() -> [FoldedTextMask] {
        withKeys { keys in
            nonisolated(unsafe) let keys = keys
            return ParallelMap.map(count: count) { FoldedTextMask(folded: keys.key(at: $0)) }
        }
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

        /// The bytes of the key at `position`.
        @inline(__always)
        func key(at position: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[starts[position]..<(starts[position] + Int(lengths[position]))])
        }

        /// How the keys at `a` and `b` compare by name (`CaseloadQuery.compareNames`), read in place.
        func compareNames(_ a: Int, _ b: Int) -> Int {
            CaseloadQuery.compareNames(key(at: a), key(at: b))
        }

        /// True when the key at `position` holds `word` (as `FoldedText.contains`).
        @inline(__always)
        func key(at position: Int, contains word: UnsafeBufferPointer<UInt8>) -> Bool {
            if word.isEmpty { return true }
            if word.count > Int(lengths[position]) { return false }
            return FoldedText.search(key(at: position), for: word)
        }
    }
}
