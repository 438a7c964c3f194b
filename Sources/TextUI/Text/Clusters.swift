extension DisplayWidth {
    /// Calls `body` with each grapheme cluster of `s` and the columns it takes, in order, until
    /// `body` returns false.
    ///
    /// A frame draws a few thousand cells, most of them printable ASCII, and asking the grapheme
    /// breaker and the scalar properties about each was a third of drawing a frame. A printable
    /// ASCII byte followed by another ASCII byte (or by the end) is a cluster of its own, one column
    /// wide: the only rule of UAX #29 that joins two ASCII characters is CR LF, and CR is not
    /// printable. Such bytes are taken one at a time; anything else (a letter with a combining
    /// mark after it, "·", an emoji) goes through `Character` and `of(_:)` as before.
    /// `DisplayWidthTests.clustersAreTheGraphemesOfTheString` checks the two agree.
    @inlinable
    public static func forEachCluster(_ s: String, _ body: (Character, Int) -> Bool) {
        let utf8 = s.utf8
        var index = utf8.startIndex
        let end = utf8.endIndex
        while index < end {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte >= 0x20, byte < 0x7F, next == end || utf8[next] < 0x80 {
                guard body(Character(Unicode.Scalar(byte)), 1) else { return }
                index = next
                continue
            }
            let g = s[index]
            guard body(g, of(g)) else { return }
            index = s.index(after: index)
        }
    }

    /// The columns `s` takes when it is printable ASCII only (one per byte), or nil.
    @inlinable
    static func printableASCIIWidth(_ s: String) -> Int? {
        var count = 0
        for byte in s.utf8 {
            guard byte >= 0x20, byte < 0x7F else { return nil }
            count += 1
        }
        return count
    }
}
