import CNCurses

/// How a grapheme becomes the wide characters of one ncurses cell.
enum CursesGlyph {
    /// A `cchar_t` holds one spacing character and up to four combining ones after it.
    static let maximumCharacters = Int(CCHARW_MAX)
    private static let zeroWidthJoiner = wchar_t(0x200D)

    /// The NUL-terminated `wchar_t`s for `setcchar`, and the columns ncurses will give them.
    ///
    /// ncurses keeps only the first spacing character of a cell, so a multi-part emoji keeps its
    /// first part. A lone combining mark is put on a space so it cannot join the cell to its
    /// left; a non-printable scalar (which the sanitizer should have removed) shows as "?".
    static func wideCharacters(for symbol: String) -> (characters: [wchar_t], width: Int) {
        let scalars = symbol.unicodeScalars
        guard let first = scalars.first else { return ([wchar_t(0x20), 0], 1) }
        let firstWidth = Int(care_wcwidth(wchar_t(bitPattern: first.value)))
        var characters: [wchar_t]
        var width: Int
        switch firstWidth {
        case ..<0:
            return ([wchar_t(0x3F), 0], 1)
        case 0:
            characters = [wchar_t(0x20), wchar_t(bitPattern: first.value)]
            width = 1
        default:
            characters = [wchar_t(bitPattern: first.value)]
            width = firstWidth
        }
        for scalar in scalars.dropFirst() {
            let character = wchar_t(bitPattern: scalar.value)
            guard characters.count < maximumCharacters, care_wcwidth(character) == 0 else { break }
            characters.append(character)
        }
        // A joiner with nothing after it to join would be left dangling.
        while characters.count > 1, characters.last == zeroWidthJoiner { characters.removeLast() }
        characters.append(0)
        return (characters, width)
    }
}
