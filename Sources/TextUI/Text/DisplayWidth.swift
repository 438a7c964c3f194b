/// How many terminal columns text takes, grapheme by grapheme.
///
/// We compute widths ourselves rather than asking libc `wcwidth`, whose answers depend on the
/// process locale and the C library's Unicode version, so that layout is the same in tests, in
/// tmux and on a worker's laptop. The rules follow what current terminals (xterm, VTE, tmux,
/// kitty) draw:
///
/// - combining marks, variation selectors and the parts of a ZWJ sequence live inside one
///   `Character` and cost nothing on their own;
/// - a `Character` whose first scalar is East Asian Wide or Fullwidth (CJK, Hangul, kana,
///   fullwidth forms) takes 2 columns;
/// - emoji shown as pictures take 2: `Emoji_Presentation` scalars, anything followed by U+FE0F,
///   emoji ZWJ sequences and flags;
/// - Canadian Aboriginal Syllabics take 1 (they are often misjudged; Cree, Ojibwe and Inuktitut
///   names are written in them);
/// - C0/C1 controls and lone format or combining characters take 0.
public enum DisplayWidth {
    /// The columns one grapheme cluster takes: 0, 1 or 2.
    public static func of(_ g: Character) -> Int {
        if let ascii = g.asciiValue {
            return (ascii >= 0x20 && ascii < 0x7F) ? 1 : 0
        }
        let scalars = g.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let value = first.value

        if isCanadianSyllabic(value) { return 1 }

        let properties = first.properties
        switch properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator:
            return 0
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format:
            // A lone format character (ZWJ, a bidi mark) is invisible. One that starts a longer
            // cluster is an Arabic "prepended" sign carrying the digits after it.
            if value == 0xAD { return 1 }  // soft hyphen: terminals show it
            return scalars.count > 1 ? 1 : 0
        default:
            break
        }

        if isEastAsianWide(value) { return 2 }

        var hasTextSelector = false
        var hasEmojiSelector = false
        var hasJoiner = false
        for scalar in scalars.dropFirst() {
            switch scalar.value {
            case 0xFE0E: hasTextSelector = true
            case 0xFE0F: hasEmojiSelector = true
            case 0x200D: hasJoiner = true
            default: break
            }
        }
        if hasEmojiSelector { return 2 }
        if properties.isEmojiPresentation { return hasTextSelector ? 1 : 2 }
        // ASCII digits, '#' and '*' have the Emoji property (keycap bases); require a picture.
        if hasJoiner && properties.isEmoji && value > 0x7F { return 2 }
        return 1
    }

    /// The columns a string takes: the sum over its grapheme clusters.
    public static func of(_ s: String) -> Int {
        if let ascii = printableASCIIWidth(s) { return ascii }
        var total = 0
        forEachCluster(s) { _, w in
            total += w
            return true
        }
        return total
    }

    /// `s` cut to at most `width` columns, ending in `ellipsis` when anything was cut.
    ///
    /// Cuts fall between grapheme clusters, never inside one, so a wide character that does not
    /// fit is left out whole (the result may then be one column narrower than `width`).
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        let ellipsisWidth = of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        forEachCluster(s) { g, w in
            if used + w > room { return false }
            result.append(g)
            used += w
            return true
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// `s` truncated to `width` columns, then padded with spaces on the right to exactly `width`.
    public static func pad(_ s: String, to width: Int) -> String {
        let cut = truncate(s, to: width)
        let missing = width - of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// `s` truncated to `width` columns, then padded with spaces on the left (right-aligned).
    public static func padLeft(_ s: String, to width: Int) -> String {
        let cut = truncate(s, to: width)
        let missing = width - of(cut)
        return missing > 0 ? String(repeating: " ", count: missing) + cut : cut
    }

    /// `s` word-wrapped into lines of at most `width` columns.
    ///
    /// Words are separated by spaces; runs of spaces collapse at a break. A word longer than a
    /// line is broken between grapheme clusters. "\n" starts a new line (an empty paragraph gives
    /// an empty line). A single grapheme wider than `width` (a wide character when `width` is 1)
    /// gets a line of its own. Returns no lines when `width` is not positive.
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let wordWidth = of(String(word))
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                if wordWidth <= width {
                    line = String(word)
                    lineWidth = wordWidth
                    continue
                }
                // Break an over-long word into line-sized pieces; the last piece stays open.
                for g in word {
                    let w = of(g)
                    if lineWidth > 0 && lineWidth + w > width {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(g)
                    lineWidth += w
                }
            }
            lines.append(line)
        }
        return lines
    }

    // MARK: - Tables

    static func isCanadianSyllabic(_ v: UInt32) -> Bool {
        (0x1400...0x167F).contains(v) || (0x18B0...0x18FF).contains(v)
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks that are not emoji (emoji are judged by their
    /// Unicode properties). Coarse where a block is wide throughout, exact at its edges.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi radicals, ideographic description, CJK symbols
        0x3041...0x3247,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK
        0x3250...0x4DBF,    // enclosed CJK, CJK compatibility, CJK extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo extended A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FFF,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x18D00...0x18D8F,  // Tangut supplement
        0x1AFF0...0x1B2FF,  // Kana extended and supplement, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extensions G–H
    ]

    static func isEastAsianWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        // Binary search: the table is sorted and its ranges do not overlap.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound {
                high = mid - 1
            } else if v > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
