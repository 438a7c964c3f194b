import Testing
@testable import TextUI

/// A small, seeded generator so that a failure can be reproduced from the seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Sanitizer and buffer on random hostile text")
struct SanitizerPropertyTests {
    /// Pieces of text that attack terminals, layout or readers, mixed with ordinary ones.
    static let alphabet: [String] = [
        "a", "Z", "é", " ", "[", "3", "1", "m", ";", "]", "\\",
        "\t", "\n", "\r", "\u{0}", "\u{07}", "\u{08}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9D}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}",
        "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{200D}",
        "\u{2028}", "\u{2029}", "\u{E0067}", "\u{E007F}",
        "\u{301}", "\u{308}", "\u{335}", "\u{FE0F}", "\u{FE0E}", "\u{1F3FB}",
        "漢", "字", "한", "Ａ", "ｱ", "🍁", "👩", "👧", "🇨", "🇦", "🏳", "🌈", "🏴", "❤", "©",
        "ᐊ", "ᓂ", "ᓐ", "\u{18B0}",
    ]

    static func isBidi(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    static func randomString(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 0...40, using: &rng)
        return (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test("Sanitized text has no control, bidi or zero-width scalar, and sanitizing twice changes nothing")
    func noForbiddenScalars() {
        var rng = SplitMix64(seed: 0xCA5E_2026)
        for _ in 0..<2_000 {
            let raw = Self.randomString(&rng)
            let multiline = Bool.random(using: &rng)
            let cleaned = Sanitizer.clean(raw, multiline: multiline)
            let scalars = Array(cleaned.unicodeScalars)
            for (i, scalar) in scalars.enumerated() {
                let v = scalar.value
                let isControl = scalar.properties.generalCategory == .control
                #expect(!isControl || (multiline && v == 0x0A), "control U+\(String(v, radix: 16)) in \(raw.debugDescription)")
                #expect(!Self.isBidi(v), "bidi U+\(String(v, radix: 16)) in \(raw.debugDescription)")
                #expect(![0x200B, 0x2060, 0xFEFF, 0x2028, 0x2029].contains(v))
                if v == 0x200D {
                    #expect(i > 0 && i + 1 < scalars.count && scalars[i + 1].properties.isEmoji)
                }
            }
            #expect(Sanitizer.isClean(cleaned, multiline: multiline))
            #expect(Sanitizer.clean(cleaned, multiline: multiline).unicodeScalars.elementsEqual(scalars))
        }
    }

    @Test("A sanitized line fills exactly its display width in a buffer")
    func widthMatchesCells() {
        var rng = SplitMix64(seed: 0x5EED_0042)
        let untouched = Style(foreground: .ansi(1))
        let written = Style(foreground: .ansi(2))
        for _ in 0..<2_000 {
            let line = Sanitizer.clean(Self.randomString(&rng))
            let width = DisplayWidth.of(line)
            var buffer = Buffer(size: Size(width: 100, height: 1), fill: Cell(" ", style: untouched))
            let used = buffer.write(line, at: Point(x: 0, y: 0), style: written)
            #expect(used == width, "\(line.debugDescription)")
            var filled = 0
            for x in 0..<buffer.size.width where buffer[x, 0].style == written { filled += 1 }
            #expect(filled == width, "\(line.debugDescription)")
            // Every wide grapheme sits on a leader followed by its continuation, never split.
            for x in 0..<buffer.size.width where buffer[x, 0].isContinuation {
                #expect(x > 0 && !buffer[x - 1, 0].isContinuation)
            }
        }
    }
}
