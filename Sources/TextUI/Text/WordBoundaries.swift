/// Where word moves land in text held as graphemes, for the text inputs' Alt-b, Alt-f, Ctrl-W
/// and Alt-d.
///
/// A word is a run of letters and digits in any script ("Métis", "ᐊᓂᔑᓈ", "日本語", "2024");
/// everything else — spaces, punctuation, symbols, line breaks — only separates words. Indices
/// count graphemes, as the inputs' cursors do, so "é" written as e + combining accent is one
/// letter. Moves follow Emacs and readline: back to the start of the word before, forward to
/// the end of the word after, skipping separators on the way.
enum WordBoundaries {
    /// Whether `c` is part of a word. A grapheme is judged by its base character, so a letter
    /// with combining marks is still a letter.
    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber
    }

    /// The start of the word at or before `index`: separators just before `index` are skipped,
    /// then the word. 0 when there is no word before.
    static func wordStart(before index: Int, in graphemes: [Character]) -> Int {
        var i = min(max(index, 0), graphemes.count)
        while i > 0 && !isWordCharacter(graphemes[i - 1]) { i -= 1 }
        while i > 0 && isWordCharacter(graphemes[i - 1]) { i -= 1 }
        return i
    }

    /// The end of the word at or after `index`: separators from `index` on are skipped, then the
    /// word. `graphemes.count` when there is no word after.
    static func wordEnd(after index: Int, in graphemes: [Character]) -> Int {
        var i = min(max(index, 0), graphemes.count)
        while i < graphemes.count && !isWordCharacter(graphemes[i]) { i += 1 }
        while i < graphemes.count && isWordCharacter(graphemes[i]) { i += 1 }
        return i
    }
}
