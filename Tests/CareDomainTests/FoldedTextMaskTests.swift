import Testing
@testable import CareDomain

/// The filter passes over a row when its key's mask lacks a bit of the words' mask, and keeps a
/// row on the mask alone for words of one letter or digit: both are right only if the mask is a
/// true necessary condition, and exact where it claims to decide.
@Suite struct FoldedTextMaskTests {
    /// Names, case numbers, punctuation, accented Latin and syllabics, as search keys hold them.
    static let alphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyz0123456789 -'.éÉïçᐊᐅᓂᒥ") + ["\u{1F}"]

    @Test("every part of a text passes its mask, and a single letter or digit passes exactly when it is in the text")
    func theMaskIsANecessaryConditionAndExactForOneLetter() {
        var random = SeededRandom(seed: 25)
        for _ in 0..<2_000 {
            let length = Int(random.next() % 40)
            let text = String((0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] })
            let folded = FoldedText(text)
            let mask = FoldedTextMask(folded)
            let bytes = folded.bytes
            // Every run of the folded bytes (a word that is in the text) must pass.
            if !bytes.isEmpty {
                let start = Int(random.next() % UInt64(bytes.count))
                let end = start + 1 + Int(random.next() % UInt64(min(6, bytes.count - start)))
                let word = FoldedText(folded: Array(bytes[start..<end]))
                #expect(mask.mayContain(FoldedTextMask(word)), "\(text): \(word.bytes)")
                #expect(mask.mayContain(FoldedTextMask([word, FoldedText(folded: [bytes[0]])])))
            }
            for letter in "az09qk5" {
                let word = FoldedText(String(letter))
                #expect(FoldedTextMask.decides([word]))
                #expect(mask.mayContain(FoldedTextMask(word)) == folded.contains(word), "\(text) and \(letter)")
            }
        }
        #expect(!FoldedTextMask.decides([FoldedText("jo")]))
        #expect(!FoldedTextMask.decides([FoldedText("-")]))
        // A key without "q" is passed over for "q" and for any word holding it.
        let key = FoldedTextMask(FoldedText("Jordan Example 2024-0001"))
        #expect(!key.mayContain(FoldedTextMask(FoldedText("q"))))
        #expect(!key.mayContain(FoldedTextMask(FoldedText("exq"))))
        #expect(key.mayContain(FoldedTextMask(FoldedText("dan ex"))))
    }
}
