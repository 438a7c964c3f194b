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
}
