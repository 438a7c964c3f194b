import Testing
@testable import CareDomain

@Suite("Text folding")
struct TextFoldTests {
    @Test("case and accents fold away, however the accent was typed", arguments: [
        ("Métis", "metis"), ("Me\u{301}tis", "metis"), ("MÉTIS", "metis"), ("Zoé Démo-Tremblay", "zoe demo-tremblay"),
        ("Anaïs", "anais"), ("KEN-2026-0042", "ken-2026-0042"), ("Élodie", "elodie"),
    ])
    func folds(input: String, expected: String) {
        #expect(TextFold.fold(input) == expected)
    }

    @Test("syllabics pass through unchanged, so typing them finds them")
    func syllabics() {
        #expect(TextFold.fold("ᓴᕋ") == "ᓴᕋ")
        #expect(FoldedText("Tess ᓴᕋ Testcase").contains(FoldedText("ᓴᕋ")))
    }

    @Test("a folded needle is found in a folded haystack regardless of composition")
    func contains() {
        let key = FoldedText(joining: ["Zoé Démo-Tremblay", "Northpoint Demo Me\u{301}tis Council"])
        #expect(key.contains(FoldedText("metis")))
        #expect(key.contains(FoldedText("MÉTIS")))
        #expect(key.contains(FoldedText("zoe")))
        #expect(key.contains(FoldedText("")))
        #expect(!key.contains(FoldedText("cedar")))
    }

    @Test("a search does not match across two fields")
    func fieldSeparator() {
        let key = FoldedText(joining: ["Jordan Example", "KEN-2026-0001"])
        #expect(!key.contains(FoldedText("exampleken")))
        #expect(!key.contains(FoldedText("example ken")))
        #expect(key.contains(FoldedText("example")))
    }

    @Test("the quick path folds Latin letters exactly as the Unicode path does")
    func quickPathAgrees() throws {
        for value in Array(0x20...0x7E) + Array(0xC0...0x17F) {
            let text = "Ab" + String(try #require(Unicode.Scalar(UInt32(value)))) + "e\u{301}ᓴ"
            #expect(TextFold.quickFold(text) == TextFold.unicodeFold(text), "U+\(String(value, radix: 16))")
        }
        // Other scripts and symbols take the Unicode path.
        #expect(TextFold.quickFold("½") == nil)
        #expect(TextFold.quickFold("Ωmega") == nil)
        #expect(TextFold.fold("ΩMEGA") == "ωmega")
    }

    @Test("folding straight into bytes gives the folded string's bytes, on the quick path and off it")
    func appendFoldedAgrees() throws {
        var texts = ["", "KEN-2026-0042", "Zoé Démo-Tremblay", "Me\u{301}tis", "ᓴᕋ Tess", "ΩMEGA", "½ Placeholder", "Tess 🌲 Example"]
        for value in Array(0x20...0x7E) + Array(0xC0...0x17F) + Array(0x300...0x36F) + Array(0x1400...0x1410) + [0xA0, 0x180, 0x3A9, 0x1F332] {
            texts.append("Ab" + String(try #require(Unicode.Scalar(UInt32(value)))) + "é")
        }
        for text in texts {
            var bytes: [UInt8] = [0x1F]
            TextFold.appendFolded(text, to: &bytes)
            #expect(bytes == [0x1F] + Array(TextFold.fold(text).utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
