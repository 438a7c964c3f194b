import Foundation

/// Folds text for searching: lower case, accents removed, so "metis" finds "Métis" however the
/// "é" was typed (precomposed or as "e" plus a combining accent). Syllabics and other scripts
/// pass through unchanged, so a preferred name in syllabics is still found by typing it.
public enum TextFold {
    /// The folded form of `text`: lower-cased, canonically decomposed, combining marks removed.
    public static func fold(_ text: String) -> String {
        quickFold(text) ?? unicodeFold(text)
    }

    /// Appends the folded UTF-8 bytes of `text` to `out`: exactly `fold(text).utf8`. Text in
    /// `quickFold`'s range (nearly every name, community and case number) is folded from its
    /// UTF-8 bytes straight into `out`, without building a string per part; anything else
    /// takes `fold`.
    public static func appendFolded(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        let folded: Bool? = text.utf8.withContiguousStorageIfAvailable { appendQuickFolded($0, to: &out) }
        if folded != true {
            out.removeSubrange(start...)
            out.append(contentsOf: fold(text).utf8)
        }
    }

    /// `quickFold` over valid UTF-8 bytes, appending to `out`; false (with part of the text
    /// appended) for a scalar outside its range.
    private static func appendQuickFolded(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                out.append(lead &+ (lead >= 0x41 && lead <= 0x5A ? 0x20 : 0))
                index += 1
                continue
            }
            // Swift strings hold valid UTF-8, so the continuation bytes are there.
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for next in 1..<length { value = value << 6 | UInt32(bytes[index + next] & 0x3F) }
            switch value {
            case 0xC0...0x17F: out.append(contentsOf: latinFoldBytes[Int(value - 0xC0)])
            case 0x300...0x36F: break
            case 0x1400...0x167F: out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
            default: return false
            }
            index += length
        }
        return true
    }

    /// `latinFolds` as UTF-8 bytes.
    private static let latinFoldBytes: [[UInt8]] = latinFolds.map { Array($0.utf8) }

    /// The general path: Foundation's canonical decomposition, marks dropped, recomposed.
    static func unicodeFold(_ text: String) -> String {
        let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where !isCombiningMark(scalar) {
            scalars.append(scalar)
        }
        // Recompose what is left so the result compares equal to other folded text byte for byte.
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Folds text made only of ASCII, Latin-1, Latin Extended-A, combining accents and
    /// syllabics without Foundation's normalisation, which is slow on Linux; nil for anything
    /// else. Names and case numbers are nearly always in this range, so a 50,000-child caseload
    /// folds quickly.
    static func quickFold(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: out.append(Unicode.Scalar(value + 0x20)!)
            case 0...0x7F: out.append(scalar)
            case 0xC0...0x17F: out.append(contentsOf: latinFolds[Int(value - 0xC0)].unicodeScalars)
            case 0x300...0x36F: continue
            case 0x1400...0x167F: out.append(scalar)
            default: return nil
            }
        }
        return String(out)
    }

    /// The folded form of each scalar U+00C0–U+017F, worked out once with the slow path.
    private static let latinFolds: [String] = (0xC0...0x17F).map { value in
        let text = String(Unicode.Scalar(UInt32(value))!).lowercased().decomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isCombiningMark(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: true
        default: false
        }
    }
}

/// Folded text kept as UTF-8 bytes, so that a search is a byte substring check. UTF-8 is
/// self-synchronising, so a byte match of folded needle in folded haystack is a character match.
public struct FoldedText: Hashable, Sendable {
    public let bytes: [UInt8]

    /// Folds `text` once; keep the result and reuse it for every keystroke.
    public init(_ text: String) {
        var out: [UInt8] = []
        TextFold.appendFolded(text, to: &out)
        bytes = out
    }

    /// Text already folded, as its bytes (a part of a key folded with `TextFold.appendFolded`).
    public init(folded bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Joins already-folded parts with a separator no one types, so a query cannot match across
    /// two fields (the end of a name and the start of a case number).
    public init(joining parts: [String]) {
        var out: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { out.append(0x1F) }
            TextFold.appendFolded(part, to: &out)
        }
        bytes = out
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// True when `needle` occurs in this text. An empty needle is found everywhere.
    public func contains(_ needle: FoldedText) -> Bool {
        if needle.bytes.isEmpty { return true }
        if needle.bytes.count > bytes.count { return false }
        return bytes.withUnsafeBufferPointer { hay in
            needle.bytes.withUnsafeBufferPointer { pin in
                Self.search(hay, for: pin)
            }
        }
    }

    /// memchr for the first byte, the second byte compared in place, memcmp for the rest only
    /// then: the second letter of a name stops at every occurrence of a common first letter
    /// ("a" of "ar", several in most keys), and a call to memcmp at each cost more than the
    /// comparison (19% fewer instructions per key than memchr and memcmp at every hit, in a
    /// callgrind micro-benchmark of 50,000 keys; docs/benchmarks.md). Fast in debug builds too,
    /// where a byte-by-byte Swift loop over 50,000 keys would be too slow for typing.
    static func search(_ hay: UnsafeBufferPointer<UInt8>, for pin: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = hay.baseAddress!, needle = pin.baseAddress!
        let first = Int32(pin[0])
        if pin.count == 1 { return memchr(base, first, hay.count) != nil }
        let second = pin[1], rest = pin.count - 2
        var start = 0
        let lastStart = hay.count - pin.count
        while start <= lastStart {
            guard let hit = memchr(base + start, first, lastStart - start + 1) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if base[at + 1] == second && (rest == 0 || memcmp(base + at + 2, needle + 2, rest) == 0) { return true }
            start = at + 1
        }
        return false
    }
}

extension FoldedText: Comparable {
    /// Byte order of the folded text: accent- and case-blind, stable, and cheap for sorting names.
    public static func < (lhs: FoldedText, rhs: FoldedText) -> Bool {
        lhs.bytes.withUnsafeBufferPointer { a in
            rhs.bytes.withUnsafeBufferPointer { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }
}
